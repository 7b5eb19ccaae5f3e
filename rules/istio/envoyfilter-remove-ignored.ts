import { defineRule } from '../../src/engine/rule.js';
import { firstPatchProblems } from '../../src/graph/istio-envoyfilter.js';
import { K } from '../../src/model/kinds.js';

export default defineRule({
  id: 'istio-envoyfilter-remove-ignored',
  severity: 'error',
  category: 'istio',
  description: 'An EnvoyFilter REMOVEs a ROUTE_CONFIGURATION or HTTP_ROUTE, which Istio ignores.',
  equivalents: ['IST0154'],
  inputs: [K.EnvoyFilter],
  precision: 'high',
  tags: ['envoyfilter'],
  check(ctx) {
    for (const p of firstPatchProblems(ctx.graph, 'remove-ignored')) {
      const ef = p.filter;
      ctx.report({
        resource: ef,
        path: p.path,
        message: `EnvoyFilter ${ef.namespace}/${ef.name} patch #${p.patch} (${p.operation} on ${p.applyTo}) is ignored: REMOVE does not apply to ROUTE_CONFIGURATION or HTTP_ROUTE`,
      });
    }
  },
});
