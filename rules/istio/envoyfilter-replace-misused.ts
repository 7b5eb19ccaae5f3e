import { defineRule } from '../../src/engine/rule.js';
import { firstPatchProblems } from '../../src/graph/istio-envoyfilter.js';
import { K } from '../../src/model/kinds.js';

export default defineRule({
  id: 'istio-envoyfilter-replace-misused',
  severity: 'error',
  category: 'istio',
  description: 'An EnvoyFilter uses REPLACE on something other than an HTTP filter, network filter or virtual host, where it does nothing.',
  equivalents: ['IST0152'],
  inputs: [K.EnvoyFilter],
  precision: 'high',
  tags: ['envoyfilter'],
  check(ctx) {
    for (const p of firstPatchProblems(ctx.graph, 'replace-misused')) {
      const ef = p.filter;
      ctx.report({
        resource: ef,
        path: p.path,
        message: `EnvoyFilter ${ef.namespace}/${ef.name} patch #${p.patch} (${p.operation} on ${p.applyTo}) does nothing: REPLACE only applies to HTTP_FILTER, NETWORK_FILTER and VIRTUAL_HOST`,
      });
    }
  },
});
