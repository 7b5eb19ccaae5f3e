import { defineRule } from '../../src/engine/rule.js';
import { resourceLabel } from '../../src/model/kinds.js';
import { annotationProblems } from '../../src/graph/istio-annotations.js';

export default defineRule({
  id: 'istio-annotation-misplaced',
  severity: 'warning',
  category: 'istio',
  description: 'An Istio annotation sits on a kind of object it does not apply to, so it has no effect.',
  equivalents: ['IST0107'],
  inputs: ['Namespace', 'Service', 'Pod', 'apps/Deployment', 'apps/StatefulSet', 'apps/DaemonSet', 'apps/ReplicaSet', 'batch/Job', 'batch/CronJob'],
  precision: 'high',
  tags: ['annotation'],
  check(ctx) {
    for (const p of annotationProblems(ctx.graph)) {
      if (p.kind !== 'misplaced') continue;
      const r = p.resource;
      const where = p.onKind === r.kind ? resourceLabel(r) : `the pod template of ${r.kind} ${r.namespace}/${r.name}`;
      ctx.report({ resource: r, path: p.path, at: 'key', message: `Annotation "${p.key}" on ${where} has no effect there: it applies only to ${p.detail}${r.kind !== "Pod" && p.detail.includes("Pod") && p.onKind !== "Pod" ? " (put it on the pod template)" : ""}` });
    }
  },
});
