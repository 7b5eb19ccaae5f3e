import { defineRule } from '../../src/engine/rule.js';
import { K } from '../../src/model/kinds.js';
import { INTERNAL_GATEWAY_MARKER } from '../../src/graph/istio-gateways.js';

export default defineRule({
  id: 'istio-vs-gateway-not-found',
  severity: 'error',
  category: 'istio',
  description: 'A VirtualService names a gateway that is not defined, so its routes are never applied there.',
  equivalents: ['IST0101@virtualservice.GatewayAnalyzer', 'KIA1102'],
  inputs: [K.VirtualService],
  precision: 'very-high',
  tags: ['reference'],
  check(ctx) {
    for (const vs of ctx.resources(K.VirtualService)) {
      for (const ref of ctx.graph.referencesFrom(vs, 'attaches-to')) {
        if (ref.resolved.length > 0 || ref.target.name.includes(INTERNAL_GATEWAY_MARKER)) continue;
        const { namespace, name } = ref.target;
        const elsewhere = ctx.graph.named(K.IstioGateway, name).filter((gw) => gw.namespace !== namespace);
        const hint = elsewhere.length ? `; a Gateway "${name}" exists in namespace ${elsewhere[0].namespace}: write "${elsewhere[0].namespace}/${name}"` : '';
        // A Gateway of that name written without namespace may be applied into the referenced one.
        const unplaced = elsewhere.some((gw) => gw.namespaceDefaulted);
        ctx.report({
          resource: vs,
          ...(unplaced ? { severity: 'info' as const } : {}),
          path: ref.path,
          message: `VirtualService ${vs.namespace}/${vs.name} references gateway "${namespace}/${name}", which is not defined${hint}`,
          related: elsewhere.slice(0, 3).map((gw) => ({ resource: gw, path: ['metadata', 'name'], message: `Gateway ${gw.namespace}/${gw.name}` })),
        });
      }
    }
  },
});
