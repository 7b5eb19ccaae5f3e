import { defineRule } from '../../src/engine/rule.js';
import { firstPatchProblems } from '../../src/graph/istio-envoyfilter.js';
import { K } from '../../src/model/kinds.js';

export default defineRule({
  id: 'istio-envoyfilter-relative-operation-proxy-version',
  severity: 'warning',
  category: 'istio',
  description: 'An EnvoyFilter without priority patches relative to a filter that another patch limits to a proxy version, so it breaks during upgrades.',
  equivalents: ['IST0155'],
  inputs: [K.EnvoyFilter],
  precision: 'high',
  tags: ['envoyfilter'],
  check(ctx) {
    for (const p of firstPatchProblems(ctx.graph, 'relative-proxy-version')) {
      const ef = p.filter;
      ctx.report({
        resource: ef,
        path: p.path,
        message: `EnvoyFilter ${ef.namespace}/${ef.name} patch #${p.patch} (${p.operation} on ${p.applyTo}${p.name ? ` of "${p.name}"` : ''}) is relative to a filter that an earlier patch adds only for a given proxyVersion, and has no priority: during a proxy upgrade the patch is silently skipped; set spec.priority`,
      });
    }
  },
});
