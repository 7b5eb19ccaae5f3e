import { defineRule } from '../../src/engine/rule.js';
import { K } from '../../src/model/kinds.js';
import type { Resource } from '../../src/model/types.js';
import { attachedRoutes, byAge, routeHostnamesOverlap } from '../../src/graph/gateway-api.js';

export default defineRule({
  id: 'gateway-api-route-kind-conflict',
  severity: 'warning',
  category: 'gateway-api',
  description:
    'An HTTPRoute and a GRPCRoute attach to the same listener with overlapping hostnames (or to the same mesh Service port); one of them is rejected (Accepted=False).',
  equivalents: [],
  inputs: [K.GRPCRoute],
  precision: 'high',
  tags: ['conflict'],
  check(ctx) {
    const { byListener, byService } = attachedRoutes(ctx.graph);
    const reported = new Set<string>();
    const report = (loser: Resource, winner: Resource, where: string, why: string) => {
      const key = `${loser.uid}:${where}`;
      if (reported.has(key)) return;
      reported.add(key);
      ctx.report({
        resource: loser,
        path: ['kind'],
        message: `${loser.kind} ${loser.namespace}/${loser.name} would be rejected on ${where}: ${winner.kind} ${winner.namespace}/${winner.name} serves the same hostnames there and ${why} (Accepted=False)`,
        related: [{ resource: winner, path: ['metadata', 'name'], message: `${winner.kind} ${winner.namespace}/${winner.name}` }],
      });
    };
    for (const [l, routes] of byListener) {
      const grpc = routes.filter((r) => r.kindKey === K.GRPCRoute);
      if (grpc.length === 0) continue;
      // A parent defined twice in the inputs (separate examples linted together) is ambiguous.
      if (ctx.graph.getAll(l.owner.kindKey, l.owner.namespace, l.owner.name).length > 1) continue;
      const http = routes.filter((r) => r.kindKey === K.HTTPRoute);
      for (const g of grpc) {
        for (const h of http) {
          if (!routeHostnamesOverlap(g, h, l.hostname)) continue;
          // Gateway listeners: the older route wins, then the alphabetically first namespace/name.
          const [winner, loser] = byAge(g, h) <= 0 ? [g, h] : [h, g];
          report(loser, winner, `listener ${l.name} of ${l.owner.kind} ${l.owner.namespace}/${l.owner.name}`, 'takes precedence (older, then alphabetical)');
        }
      }
    }
    for (const { service, port, routes } of byService.values()) {
      const grpc = routes.filter((r) => r.kindKey === K.GRPCRoute);
      if (grpc.length === 0) continue;
      // Mesh (GEP-1426): the GRPCRoute wins over every HTTPRoute on the same Service port.
      for (const h of routes.filter((r) => r.kindKey === K.HTTPRoute)) {
        report(h, grpc.slice().sort(byAge)[0], `Service ${service.namespace}/${service.name}${port ? ` port ${port}` : ''}`, 'GRPCRoute takes precedence for mesh parents');
      }
    }
  },
});
