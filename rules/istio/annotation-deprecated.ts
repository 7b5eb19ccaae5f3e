import { defineRule } from '../../src/engine/rule.js';
import { resourceLabel } from '../../src/model/kinds.js';
import { annotationProblems } from '../../src/graph/istio-annotations.js';

export default defineRule({
  id: 'istio-annotation-deprecated',
  severity: 'info',
  category: 'istio',
  description: 'An Istio annotation is deprecated and may stop working in a future Istio version.',
  equivalents: ['IST0135'],
  inputs: ['Namespace', 'Service', 'Pod', 'apps/Deployment', 'apps/StatefulSet', 'apps/DaemonSet', 'apps/ReplicaSet', 'batch/Job', 'batch/CronJob'],
  precision: 'high',
  tags: ['annotation'],
  check(ctx) {
    for (const p of annotationProblems(ctx.graph)) {
      if (p.kind !== 'deprecated') continue;
      const r = p.resource;
      const where = p.onKind === r.kind ? resourceLabel(r) : `the pod template of ${r.kind} ${r.namespace}/${r.name}`;
      ctx.report({ resource: r, path: p.path, at: 'key', message: `Annotation "${p.key}" on ${where} is deprecated${p.detail} and may not work in future Istio versions` });
    }
  },
});
