import { defineRule } from '../../src/engine/rule.js';
import { K } from '../../src/model/kinds.js';
import type { Path } from '../../src/model/types.js';
import { isObject } from '../../src/parse/parse.js';
import { MESH_ROUTE_KINDS, isServiceParent, serviceIsMeshed } from '../../src/graph/linkerd.js';

const UNSUPPORTED = new Set(['RequestMirror', 'URLRewrite', 'ExtensionRef']);

export default defineRule({
  id: 'linkerd-route-unsupported-filter',
  severity: 'warning',
  category: 'linkerd',
  description: 'A mesh route (a Service parent whose pods run the Linkerd proxy) uses a RequestMirror, URLRewrite or ExtensionRef filter, which Linkerd admits but does not implement, so the route is not applied.',
  equivalents: [],
  inputs: MESH_ROUTE_KINDS,
  precision: 'high',
  check(ctx) {
    for (const kind of MESH_ROUTE_KINDS) {
      for (const route of ctx.resources(kind)) {
        const spec = isObject(route.body.spec) ? route.body.spec : {};
        if (!Array.isArray(spec.parentRefs) || !Array.isArray(spec.rules)) continue;
        const meshed = spec.parentRefs.some((p) => {
          if (!isServiceParent(p)) return false;
          const svc = ctx.graph.get(K.Service, typeof p.namespace === 'string' && p.namespace ? p.namespace : route.namespace, p.name);
          return svc !== undefined && serviceIsMeshed(ctx.graph, svc);
        });
        if (!meshed) continue;
        const check = (filters: unknown, path: Path) => {
          if (!Array.isArray(filters)) return;
          filters.forEach((f, i) => {
            if (!isObject(f) || typeof f.type !== 'string' || !UNSUPPORTED.has(f.type)) return;
            ctx.report({
              resource: route,
              path: [...path, i, 'type'],
              message: `${route.kind} ${route.namespace}/${route.name} uses a ${f.type} filter on a Linkerd mesh route: Linkerd does not implement it ("${f.type} filter is not supported") and does not apply the route`,
            });
          });
        };
        spec.rules.forEach((rule, r) => {
          if (!isObject(rule)) return;
          check(rule.filters, ['spec', 'rules', r, 'filters']);
          if (Array.isArray(rule.backendRefs)) rule.backendRefs.forEach((b, j) => isObject(b) && check(b.filters, ['spec', 'rules', r, 'backendRefs', j, 'filters']));
        });
      }
    }
  },
});
