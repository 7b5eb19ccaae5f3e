import { defineRule } from '../../src/engine/rule.js';
import { K } from '../../src/model/kinds.js';
import { meshRoutesByService, serviceIsMeshed } from '../../src/graph/linkerd.js';

export default defineRule({
  id: 'linkerd-route-kind-conflict',
  severity: 'warning',
  category: 'linkerd',
  description: 'A Service meshed by Linkerd is the parent of both GRPCRoutes and HTTPRoutes; Linkerd accepts only the GRPCRoutes (GEP-1426) and marks the HTTPRoutes Accepted=False (Conflicted).',
  equivalents: [],
  inputs: [K.GRPCRoute],
  precision: 'high',
  check(ctx) {
    for (const [key, routes] of meshRoutesByService(ctx.graph)) {
      const grpc = routes.filter((r) => r.route.kindKey === K.GRPCRoute);
      const http = routes.filter((r) => r.route.kindKey !== K.GRPCRoute);
      if (!grpc.length || !http.length) continue;
      const [ns, name] = key.split('/');
      const svc = ctx.graph.get(K.Service, ns, name);
      if (!svc || !serviceIsMeshed(ctx.graph, svc)) continue;
      const winner = grpc[0].route;
      for (const { route, index } of http) {
        ctx.report({
          resource: route,
          path: ['spec', 'parentRefs', index],
          message: `${route.kind} ${route.namespace}/${route.name} and GRPCRoute ${winner.namespace}/${winner.name} both attach to Service ${key}: Linkerd gives GRPCRoutes precedence and marks this route Accepted=False (Conflicted), so it is ignored`,
          related: [{ resource: winner, path: ['spec', 'parentRefs', grpc[0].index], message: `GRPCRoute ${winner.namespace}/${winner.name}` }],
        });
      }
    }
  },
});
