import { defineRule } from '../../src/engine/rule.js';
import { hostnamesIntersect, ROUTE_KINDS, routeAttachments, routeHostnames, type Listener } from '../../src/graph/gateway-api.js';

export default defineRule({
  id: 'gateway-api-route-hostname-unused',
  severity: 'info',
  category: 'gateway-api',
  description: 'A hostname of an accepted route intersects no hostname of the listeners it attaches to, so requests for it never reach the route.',
  equivalents: [],
  inputs: ROUTE_KINDS,
  precision: 'high',
  tags: ['attachment'],
  check(ctx) {
    for (const kindKey of ROUTE_KINDS) {
      for (const route of ctx.resources(kindKey)) {
        const hostnames = routeHostnames(route);
        if (hostnames.length < 2) continue; // with one hostname, an unused one is a rejection
        const listeners: Listener[] = [];
        let anyGatewayParent = false;
        for (const { outcome } of routeAttachments(ctx.graph, route)) {
          if (outcome.status === 'accepted' && outcome.parent.kind !== 'Service') {
            anyGatewayParent = true;
            listeners.push(...outcome.listeners);
          } else if (outcome.status !== 'rejected') return void 0; // unknown/missing parents may serve any hostname
        }
        if (!anyGatewayParent || listeners.some((l) => l.hostname === undefined)) continue;
        const lh = [...new Set(listeners.map((l) => l.hostname!))];
        for (const h of hostnames) {
          if (lh.some((l) => hostnamesIntersect(h.value, l))) continue;
          ctx.report({
            resource: route,
            path: ['spec', 'hostnames', h.index],
            message: `${route.kind} ${route.namespace}/${route.name} hostname ${h.value} matches no hostname of the listeners it attaches to (${lh.join(', ')}); requests for it never reach this route`,
          });
        }
      }
    }
  },
});
