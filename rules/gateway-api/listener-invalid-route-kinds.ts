import { defineRule } from '../../src/engine/rule.js';
import { K } from '../../src/model/kinds.js';
import { listenerKinds, listenersOf } from '../../src/graph/gateway-api.js';

export default defineRule({
  id: 'gateway-api-listener-invalid-route-kinds',
  severity: 'error',
  category: 'gateway-api',
  description: 'A listener allowedRoutes.kinds entry is not a route kind or is one its protocol cannot carry (ResolvedRefs=False, InvalidRouteKinds).',
  equivalents: [],
  inputs: [K.Gateway, K.ListenerSet],
  precision: 'very-high',
  tags: ['listener'],
  check(ctx) {
    for (const owner of [...ctx.resources(K.Gateway), ...ctx.resources(K.ListenerSet)]) {
      for (const l of listenersOf(ctx.graph, owner)) {
        const { supported, invalid } = listenerKinds(l);
        for (const k of invalid) {
          const left = supported && supported.size ? `; it keeps supportedKinds ${[...supported].join(', ')}` : '; no route can attach to it';
          ctx.report({
            resource: owner,
            path: [...k.path, 'kind'],
            message: `${owner.kind} ${owner.namespace}/${owner.name} listener ${l.name}: ${k.why}: ResolvedRefs=False (InvalidRouteKinds)${left}`,
          });
        }
      }
    }
  },
});
