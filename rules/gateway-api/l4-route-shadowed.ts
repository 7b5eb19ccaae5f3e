import { defineRule } from '../../src/engine/rule.js';
import { K } from '../../src/model/kinds.js';
import { attachedRoutes, byAge } from '../../src/graph/gateway-api.js';

export default defineRule({
  id: 'gateway-api-l4-route-shadowed',
  severity: 'info',
  category: 'gateway-api',
  description: 'Several TCPRoutes or UDPRoutes attach to one listener; all are accepted but only the oldest receives traffic.',
  equivalents: [],
  inputs: [K.TCPRoute, K.UDPRoute],
  precision: 'high',
  tags: ['conflict'],
  check(ctx) {
    for (const [l, routes] of attachedRoutes(ctx.graph).byListener) {
      if (ctx.graph.getAll(l.owner.kindKey, l.owner.namespace, l.owner.name).length > 1) continue;
      for (const kindKey of [K.TCPRoute, K.UDPRoute]) {
        const same = routes.filter((r) => r.kindKey === kindKey).sort(byAge);
        for (const r of same.slice(1)) {
          // The same route defined twice (alternative manifests linted together) is not shadowing.
          if (r.namespace === same[0].namespace && r.name === same[0].name) continue;
          ctx.report({
            resource: r,
            path: ['kind'],
            message: `${r.kind} ${r.namespace}/${r.name} shares listener ${l.name} of ${l.owner.kind} ${l.owner.namespace}/${l.owner.name} with ${same[0].kind} ${same[0].namespace}/${same[0].name}, which is older (or first by name) and receives all its traffic`,
            related: [{ resource: same[0], path: ['metadata', 'name'], message: `${same[0].kind} ${same[0].namespace}/${same[0].name}` }],
          });
        }
      }
    }
  },
});
