import { defineRule } from '../../src/engine/rule.js';
import { portProtocol, skipPortNaming } from '../../src/graph/istio-protocols.js';
import { objects, specOf } from '../../src/graph/istio-gateways.js';
import { K } from '../../src/model/kinds.js';

export default defineRule({
  id: 'istio-service-port-name',
  severity: 'info',
  category: 'istio',
  description: 'A Service port has no appProtocol and a name that does not start with a protocol Istio knows, so Istio cannot tell its protocol.',
  equivalents: ['IST0118', 'KIA0601'],
  inputs: [K.Service],
  precision: 'high',
  tags: ['protocol'],
  check(ctx) {
    for (const svc of ctx.resources(K.Service)) {
      if (skipPortNaming(svc)) continue;
      const spec = specOf(svc);
      if (spec.type === 'ExternalName') continue; // istio-external-name-port-name
      for (const [p, i] of objects(spec.ports)) {
        if (portProtocol(p) !== undefined) continue;
        const name = typeof p.name === 'string' ? p.name : '';
        ctx.report({
          resource: svc,
          path: ['spec', 'ports', i, name ? 'name' : 'port'],
          message: `Service ${svc.namespace}/${svc.name} port ${String(p.port)} ${name ? `is named "${name}", which does not` : 'has no name and does not'} follow Istio's <protocol>[-suffix] convention and has no appProtocol: Istio falls back to protocol sniffing; name it e.g. http-${name || 'web'} or set appProtocol`,
        });
      }
    }
  },
});
