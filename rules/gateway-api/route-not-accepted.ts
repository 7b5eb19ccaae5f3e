import { defineRule } from '../../src/engine/rule.js';
import { ROUTE_KINDS, routeAttachments } from '../../src/graph/gateway-api.js';

export default defineRule({
  id: 'gateway-api-route-not-accepted',
  severity: 'error',
  category: 'gateway-api',
  description:
    'A route would be rejected by its parent (Accepted=False): sectionName/port match no listener, no listener allows its kind or namespace, or no listener hostname intersects its hostnames.',
  equivalents: [],
  inputs: ROUTE_KINDS,
  precision: 'high',
  tags: ['attachment'],
  check(ctx) {
    for (const kindKey of ROUTE_KINDS) {
      for (const route of ctx.resources(kindKey)) {
        for (const { ref, outcome } of routeAttachments(ctx.graph, route)) {
          if (outcome.status !== 'rejected') continue;
          const parent = outcome.parent ? `${outcome.parent.kind} ${outcome.parent.namespace}/${outcome.parent.name}` : `${ref.kind} ${ref.namespace}/${ref.name}`;
          ctx.report({
            resource: route,
            path: outcome.path,
            ...(outcome.certain ? {} : { severity: 'warning' as const }),
            message: `${route.kind} ${route.namespace}/${route.name} would not attach to ${parent}: Accepted=False (${outcome.reason}): ${outcome.detail}`,
            ...(outcome.parent ? { related: [{ resource: outcome.parent, path: ['metadata', 'name'], message: parent }] } : {}),
          });
        }
      }
    }
  },
});
