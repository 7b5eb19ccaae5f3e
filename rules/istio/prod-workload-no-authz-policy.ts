import { defineRule } from '../../src/engine/rule.js';
import { K } from '../../src/model/kinds.js';
import { policiesFor } from '../../src/graph/istio-authz.js';
import { sidecarState } from '../../src/graph/istio-mtls.js';

export default defineRule({
  id: 'istio-prod-workload-no-authz-policy',
  severity: 'info',
  category: 'istio',
  description: 'Production checklist: a mesh workload is covered by no AuthorizationPolicy (namespace-wide, mesh-wide or by selector), so every peer may call it.',
  equivalents: ['KIA1301'],
  inputs: [],
  precision: 'medium',
  tags: ['security', 'authz', 'production'],
  profile: 'production',
  check(ctx) {
    const { graph } = ctx;
    if (!graph.hasKind(K.AuthorizationPolicy) && !graph.resources.some((r) => r.group.endsWith('istio.io'))) return; // not an Istio repository
    for (const w of graph.workloads) {
      if (sidecarState(graph, w) === 'none' || w.resource.kind === 'Job' || w.resource.kind === 'CronJob') continue;
      if (policiesFor(graph, w).length > 0) continue;
      ctx.report({
        resource: w.resource,
        path: ['metadata', 'name'],
        message: `${w.resource.kind} ${w.namespace}/${w.resource.name} is covered by no AuthorizationPolicy (none in namespace ${w.namespace} or the root namespace applies to it): any workload of the mesh may call it; add an allow-nothing baseline and explicit ALLOW policies`,
      });
    }
  },
});
