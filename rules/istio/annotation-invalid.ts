import { defineRule } from '../../src/engine/rule.js';
import { resourceLabel } from '../../src/model/kinds.js';
import { annotationProblems } from '../../src/graph/istio-annotations.js';

export default defineRule({
  id: 'istio-annotation-invalid',
  severity: 'warning',
  category: 'istio',
  description: 'An Istio annotation has a value the sidecar injector rejects.',
  equivalents: ['IST0125'],
  inputs: ['Namespace', 'Service', 'Pod', 'apps/Deployment', 'apps/StatefulSet', 'apps/DaemonSet', 'apps/ReplicaSet', 'batch/Job', 'batch/CronJob'],
  precision: 'high',
  tags: ['annotation'],
  check(ctx) {
    for (const p of annotationProblems(ctx.graph)) {
      if (p.kind !== 'invalid') continue;
      const r = p.resource;
      const where = p.onKind === r.kind ? resourceLabel(r) : `the pod template of ${r.kind} ${r.namespace}/${r.name}`;
      ctx.report({ resource: r, path: p.path, message: `Annotation "${p.key}" on ${where} has an invalid value: ${p.detail}` });
    }
  },
});
