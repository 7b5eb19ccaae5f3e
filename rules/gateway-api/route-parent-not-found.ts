import { defineRule } from '../../src/engine/rule.js';
import { K } from '../../src/model/kinds.js';
import { ROUTE_KINDS } from '../../src/graph/gateway-api.js';

export default defineRule({
  id: 'gateway-api-route-parent-not-found',
  severity: 'error',
  category: 'gateway-api',
  description: 'A route names a parent Gateway that is not in the inputs, so it attaches to nothing (Accepted=False, NoMatchingParent).',
  equivalents: [],
  inputs: ROUTE_KINDS,
  precision: 'high',
  tags: ['reference'],
  check(ctx) {
    for (const kindKey of ROUTE_KINDS) {
      for (const route of ctx.resources(kindKey)) {
        for (const ref of ctx.graph.referencesFrom(route, 'attaches-to')) {
          if (ref.resolved.length > 0 || ref.target.kindKey !== K.Gateway) continue;
          const { namespace, name } = ref.target;
          const elsewhere = ctx.graph.named(K.Gateway, name).filter((gw) => gw.namespace !== namespace);
          const hint = elsewhere.length ? `; a Gateway "${name}" exists in namespace ${elsewhere[0].namespace}: set parentRefs[].namespace` : '';
          ctx.report({
            resource: route,
            path: [...ref.path, 'name'],
            message: `${route.kind} ${route.namespace}/${route.name} would not attach: Accepted=False (NoMatchingParent): Gateway ${namespace}/${name} is not in the inputs${hint}`,
            related: elsewhere.slice(0, 3).map((gw) => ({ resource: gw, path: ['metadata', 'name'], message: `Gateway ${gw.namespace}/${gw.name}` })),
          });
        }
      }
    }
  },
});
