import { defineRule } from '../../src/engine/rule.js';
import { portProtocol, skipPortNaming } from '../../src/graph/istio-protocols.js';
import { objects, specOf } from '../../src/graph/istio-gateways.js';
import { K } from '../../src/model/kinds.js';

export default defineRule({
  id: 'istio-external-name-port-name',
  severity: 'warning',
  category: 'istio',
  description: 'An ExternalName Service port is named "tcp" or without a known protocol, so the proxy may not forward its traffic correctly.',
  equivalents: ['IST0150'],
  inputs: [K.Service],
  precision: 'high',
  tags: ['protocol'],
  check(ctx) {
    for (const svc of ctx.resources(K.Service)) {
      const spec = specOf(svc);
      if (spec.type !== 'ExternalName' || skipPortNaming(svc)) continue;
      for (const [p, i] of objects(spec.ports)) {
        if (portProtocol(p) !== undefined && p.name !== 'tcp') continue;
        const name = typeof p.name === 'string' ? p.name : '';
        ctx.report({
          resource: svc,
          path: ['spec', 'ports', i, name ? 'name' : 'port'],
          message: `ExternalName Service ${svc.namespace}/${svc.name} port ${String(p.port)} ${name ? `is named "${name}"` : 'has no name'}: for ExternalName services the proxy may drop TCP traffic of such ports; name it after its protocol (http-, https-, tls-, ...) or set appProtocol`,
        });
      }
    }
  },
});
