import { defineRule } from '../../src/engine/rule.js';
import { K } from '../../src/model/kinds.js';
import { policiesFor } from '../../src/graph/istio-authz.js';
import { sidecarState } from '../../src/graph/istio-mtls.js';
import { meshAnchor } from '../../src/graph/istio-production.js';

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
    if (!graph.hasKind(K.AuthorizationPolicy)) {
      // No policy at all: one finding for the mesh rather than one per workload.
      const anchor = meshAnchor(graph);
      if (anchor && graph.workloads.length > 0) {
        ctx.report({
          resource: anchor.resource,
          path: anchor.path,
          message: `The inputs contain no AuthorizationPolicy: none of their ${graph.workloads.length} workloads restricts its callers; add an allow-nothing baseline and explicit ALLOW policies (reported at ${anchor.what})`,
        });
      }
      return;
    }
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
