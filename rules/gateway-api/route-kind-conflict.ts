import { defineRule } from '../../src/engine/rule.js';
import { K } from '../../src/model/kinds.js';
import type { Resource } from '../../src/model/types.js';
import { attachedRoutes, byAge, hostnamesIntersect, routeHostnames, routeHostnamesOverlap } from '../../src/graph/gateway-api.js';

/** Hostnames a route serves on a listener, lowercased; undefined = every hostname. */
function effectiveHostnames(r: Resource, listenerHostname?: string): string[] | undefined {
  const hs = routeHostnames(r).map((h) => h.value.toLowerCase());
  if (hs.length === 0) return listenerHostname ? [listenerHostname] : undefined;
  return listenerHostname ? hs.filter((h) => hostnamesIntersect(h, listenerHostname)) : hs;
}

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
      // Index the HTTPRoutes by effective hostname so that each GRPCRoute looks up its
      // candidates instead of scanning every HTTPRoute of a shared listener.
      const exact = new Map<string, Resource[]>();
      const wildcard: Array<{ route: Resource; hosts: string[] }> = [];
      const everyHost: Resource[] = [];
      for (const h of routes) {
        if (h.kindKey !== K.HTTPRoute) continue;
        const hosts = effectiveHostnames(h, l.hostname);
        if (hosts === undefined) everyHost.push(h);
        else {
          for (const x of hosts.filter((y) => !y.startsWith('*.'))) exact.set(x, [...(exact.get(x) ?? []), h]);
          const wild = hosts.filter((y) => y.startsWith('*.'));
          if (wild.length) wildcard.push({ route: h, hosts: wild });
        }
      }
      for (const g of grpc) {
        const hosts = effectiveHostnames(g, l.hostname);
        const candidates = new Set<Resource>(everyHost);
        if (hosts === undefined || hosts.some((x) => x.startsWith('*.'))) {
          for (const list of exact.values()) for (const h of list) candidates.add(h);
          for (const w of wildcard) candidates.add(w.route);
        } else {
          for (const x of hosts) for (const h of exact.get(x) ?? []) candidates.add(h);
          for (const w of wildcard) if (hosts.some((x) => w.hosts.some((y) => hostnamesIntersect(x, y)))) candidates.add(w.route);
        }
        for (const h of [...candidates].sort(byAge)) {
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
