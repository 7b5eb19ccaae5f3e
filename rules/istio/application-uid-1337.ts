import { defineRule } from '../../src/engine/rule.js';
import { objects } from '../../src/graph/istio-gateways.js';
import { isObject } from '../../src/parse/parse.js';

export default defineRule({
  id: 'istio-application-uid-1337',
  severity: 'warning',
  category: 'istio',
  description: 'An application container runs as UID 1337, the sidecar proxy\'s user, so its traffic bypasses the proxy.',
  equivalents: ['IST0144'],
  inputs: [],
  precision: 'very-high',
  tags: ['security'],
  check(ctx) {
    for (const w of ctx.graph.workloads) {
      const r = w.resource;
      if (r.labels.istio !== undefined || r.labels.release === 'istio') continue; // the control plane itself
      const base = [...w.templatePath, 'spec'];
      let path: (string | number)[] | undefined;
      if (isObject(w.podSpec.securityContext) && w.podSpec.securityContext.runAsUser === 1337) path = [...base, 'securityContext', 'runAsUser'];
      else {
        for (const [c, i] of objects(w.podSpec.containers)) {
          if (c.name === 'istio-proxy' || c.name === 'istio-operator') continue;
          if (isObject(c.securityContext) && c.securityContext.runAsUser === 1337) {
            path = [...base, 'containers', i, 'securityContext', 'runAsUser'];
            break;
          }
        }
      }
      if (!path) continue;
      ctx.report({
        resource: r,
        path,
        message: `${r.kind} ${r.namespace}/${r.name} runs application code as UID 1337, which Istio reserves for the sidecar proxy: its traffic is not intercepted by the proxy (no mTLS, no policy); use another UID`,
      });
    }
  },
});
