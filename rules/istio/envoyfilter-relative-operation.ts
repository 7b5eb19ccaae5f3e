import { defineRule } from '../../src/engine/rule.js';
import { firstPatchProblems } from '../../src/graph/istio-envoyfilter.js';
import { K } from '../../src/model/kinds.js';

export default defineRule({
  id: 'istio-envoyfilter-relative-operation',
  severity: 'info',
  category: 'istio',
  description: 'An EnvoyFilter without priority uses a relative patch operation, which silently fails when the filter it is relative to is not there yet.',
  equivalents: ['IST0151'],
  inputs: [K.EnvoyFilter],
  precision: 'high',
  tags: ['envoyfilter'],
  check(ctx) {
    for (const p of firstPatchProblems(ctx.graph, 'relative')) {
      const ef = p.filter;
      ctx.report({
        resource: ef,
        path: p.path,
        message: `EnvoyFilter ${ef.namespace}/${ef.name} patch #${p.patch} (${p.operation} on ${p.applyTo}${p.name ? ` of "${p.name}"` : ''}) is relative to another filter but the EnvoyFilter has no priority: when that filter is missing or applied later the patch is silently skipped; set spec.priority or use INSERT_FIRST / ADD`,
      });
    }
  },
});
