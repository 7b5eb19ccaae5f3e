import { defineRule } from '../../src/engine/rule.js';
import { meshDeploymentServices } from '../../src/graph/istio-deployments.js';
import { K } from '../../src/model/kinds.js';

export default defineRule({
  id: 'istio-deployment-multiple-service-protocols',
  severity: 'warning',
  category: 'istio',
  description: 'Several Services select one meshed Deployment and expose the same port with different protocols, so its sidecar cannot serve both.',
  equivalents: ['IST0116'],
  inputs: [K.Deployment],
  precision: 'high',
  tags: ['protocol'],
  check(ctx) {
    for (const { deployment: d, services } of meshDeploymentServices(ctx.graph)) {
      const byPort = new Map<number, Map<string, string[]>>();
      for (const { svc, ports } of services) {
        for (const p of ports) {
          if (typeof p.port !== 'number') continue;
          const proto = typeof p.protocol === 'string' && p.protocol !== '' ? p.protocol : 'TCP';
          const m = byPort.get(p.port) ?? new Map<string, string[]>();
          m.set(proto, [...(m.get(proto) ?? []), svc.name]);
          byPort.set(p.port, m);
        }
      }
      for (const [port, m] of [...byPort].sort((a, b) => a[0] - b[0])) {
        if (m.size < 2) continue;
        const detail = [...m].map(([proto, names]) => `${proto} (${[...new Set(names)].sort().join(', ')})`).join(', ');
        ctx.report({
          resource: d,
          path: ['metadata', 'name'],
          message: `Deployment ${d.namespace}/${d.name} is selected by Services that expose port ${port} with different protocols: ${detail}; its sidecar can only treat the port one way`,
        });
      }
    }
  },
});
