import { defineRule } from '../../src/engine/rule.js';
import { K } from '../../src/model/kinds.js';
import type { Resource } from '../../src/model/types.js';
import { isObject } from '../../src/parse/parse.js';

export default defineRule({
  id: 'istio-workloadgroup-duplicate-labels',
  severity: 'warning',
  category: 'istio',
  description: 'Two WorkloadGroups in one namespace give their workloads the same labels, so selectors cannot tell their VMs apart.',
  equivalents: ['KIA1702'],
  inputs: [K.WorkloadGroup],
  precision: 'very-high',
  tags: ['conflict', 'vm'],
  check(ctx) {
    const seen = new Map<string, Resource>();
    for (const wg of ctx.resources(K.WorkloadGroup)) {
      const spec = isObject(wg.body.spec) ? wg.body.spec : {};
      const labels = isObject(spec.metadata) && isObject(spec.metadata.labels) ? spec.metadata.labels : undefined;
      if (!labels || Object.keys(labels).length === 0) continue;
      const key = `${wg.namespace}\u0000${JSON.stringify(Object.entries(labels).map(([k, v]) => [k, String(v)]).sort())}`;
      const first = seen.get(key);
      if (!first) {
        seen.set(key, wg);
        continue;
      }
      if (first.name === wg.name) continue; // the same WorkloadGroup defined twice
      ctx.report({
        resource: wg,
        path: ['spec', 'metadata', 'labels'],
        message: `WorkloadGroup ${wg.namespace}/${wg.name} gives its workloads the same labels as WorkloadGroup ${first.namespace}/${first.name}: Services, policies and subsets selecting them match both groups' VMs`,
        related: [{ resource: first, path: ['spec', 'metadata', 'labels'], message: `WorkloadGroup ${first.namespace}/${first.name}` }],
      });
    }
  },
});
