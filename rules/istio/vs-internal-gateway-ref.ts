import { defineRule } from '../../src/engine/rule.js';
import { INTERNAL_GATEWAY_MARKER, specOf } from '../../src/graph/istio-gateways.js';
import { K } from '../../src/model/kinds.js';

export default defineRule({
  id: 'istio-vs-internal-gateway-ref',
  severity: 'warning',
  category: 'istio',
  description: 'A VirtualService binds to a Gateway that Istio generates internally for a Gateway API resource.',
  equivalents: ['IST0165'],
  inputs: [K.VirtualService],
  precision: 'very-high',
  tags: ['reference'],
  check(ctx) {
    for (const vs of ctx.resources(K.VirtualService)) {
      const gws = specOf(vs).gateways;
      if (!Array.isArray(gws)) continue;
      gws.forEach((g, i) => {
        if (typeof g !== 'string' || !g.includes(INTERNAL_GATEWAY_MARKER)) return;
        ctx.report({
          resource: vs,
          path: ['spec', 'gateways', i],
          message: `VirtualService ${vs.namespace}/${vs.name} binds to "${g}", a Gateway Istio generates internally for a Gateway API resource: its name can change at any time; attach an HTTPRoute to the Gateway API Gateway instead`,
        });
      });
    }
  },
});
