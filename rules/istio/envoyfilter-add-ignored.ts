import { defineRule } from '../../src/engine/rule.js';
import { firstPatchProblems } from '../../src/graph/istio-envoyfilter.js';
import { K } from '../../src/model/kinds.js';

export default defineRule({
  id: 'istio-envoyfilter-add-ignored',
  severity: 'error',
  category: 'istio',
  description: 'An EnvoyFilter ADDs to ROUTE_CONFIGURATION or HTTP_ROUTE, which Istio ignores.',
  equivalents: ['IST0153'],
  inputs: [K.EnvoyFilter],
  precision: 'high',
  tags: ['envoyfilter'],
  check(ctx) {
    for (const p of firstPatchProblems(ctx.graph, 'add-ignored')) {
      const ef = p.filter;
      ctx.report({
        resource: ef,
        path: p.path,
        message: `EnvoyFilter ${ef.namespace}/${ef.name} patch #${p.patch} (${p.operation} on ${p.applyTo}) is ignored: ADD does not apply to ROUTE_CONFIGURATION or HTTP_ROUTE; use MERGE, or ADD on VIRTUAL_HOST`,
      });
    }
  },
});
