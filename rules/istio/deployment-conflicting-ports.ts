import { defineRule } from '../../src/engine/rule.js';
import { meshDeploymentServices } from '../../src/graph/istio-deployments.js';
import { K } from '../../src/model/kinds.js';

export default defineRule({
  id: 'istio-deployment-conflicting-ports',
  severity: 'warning',
  category: 'istio',
  description: 'Several Services send different service ports to the same targetPort of one meshed Deployment, which the sidecar cannot tell apart.',
  equivalents: ['IST0137'],
  inputs: [K.Deployment],
  precision: 'high',
  tags: ['protocol'],
  check(ctx) {
    for (const { deployment: d, services } of meshDeploymentServices(ctx.graph)) {
      const byTarget = new Map<string, Map<number, string[]>>();
      for (const { svc, ports } of services) {
        for (const p of ports) {
          if (typeof p.port !== 'number') continue;
          const raw = p.targetPort === undefined || p.targetPort === null ? '' : String(p.targetPort);
          const target = raw === '' || raw === '0' ? String(p.port) : raw;
          const m = byTarget.get(target) ?? new Map<number, string[]>();
          m.set(p.port, [...(m.get(p.port) ?? []), svc.name]);
          byTarget.set(target, m);
        }
      }
      for (const [target, m] of [...byTarget].sort()) {
        if (m.size < 2) continue;
        const names = [...new Set([...m.values()].flat())].sort();
        ctx.report({
          resource: d,
          path: ['metadata', 'name'],
          message: `Deployment ${d.namespace}/${d.name} receives targetPort ${target} from Services ${names.join(', ')} on different ports (${[...m.keys()].sort((a, b) => a - b).join(', ')}): the sidecar cannot tell which service a connection is for`,
        });
      }
    }
  },
});
