import { defineRule } from '../../src/engine/rule.js';
import { WORKLOAD_KINDS } from '../../src/model/kinds.js';
import { injectionOf } from '../../src/graph/linkerd.js';

export default defineRule({
  id: 'linkerd-hostnetwork-in-injected-ns',
  severity: 'warning',
  category: 'linkerd',
  description: 'A pod with hostNetwork: true asks for Linkerd injection (through its namespace or its template), which Linkerd refuses, so it runs outside the mesh.',
  equivalents: [],
  inputs: [...WORKLOAD_KINDS, 'argoproj.io/Rollout', 'ReplicationController'],
  precision: 'very-high',
  check(ctx) {
    for (const w of ctx.graph.workloads) {
      if (w.podSpec.hostNetwork !== true) continue;
      const d = injectionOf(ctx.graph, w);
      if (!d.injected) continue;
      const r = w.resource;
      ctx.report({
        resource: r,
        path: [...w.templatePath, 'spec', 'hostNetwork'],
        message: `${r.kind} ${r.namespace}/${r.name} uses hostNetwork: true while ${d.reason}: Linkerd does not inject host-network pods ("hostNetwork is enabled"), so it stays outside the mesh; set ${'linkerd.io/inject'}: disabled on its pod template`,
      });
    }
  },
});
