import { defineRule } from '../../src/engine/rule.js';
import { K } from '../../src/model/kinds.js';
import { forEachRequestMatch, profileRoutes } from '../../src/graph/linkerd.js';

const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'CONNECT', 'OPTIONS', 'TRACE', 'PATCH'];

export default defineRule({
  id: 'linkerd-sp-unknown-method',
  severity: 'warning',
  category: 'linkerd',
  description: 'A ServiceProfile route matches an HTTP method that requests never carry (a typo or lower case), so the route never matches.',
  equivalents: [],
  inputs: [K.ServiceProfile],
  precision: 'high',
  check(ctx) {
    for (const sp of ctx.resources(K.ServiceProfile)) {
      for (const { route, name, path: routePath } of profileRoutes(sp)) {
        forEachRequestMatch(route.condition, [...routePath, 'condition'], (m, path) => {
          if (typeof m.method !== 'string' || m.method === '' || METHODS.includes(m.method)) return;
          const upper = m.method.toUpperCase();
          const hint = METHODS.includes(upper) ? `; methods are case-sensitive: write "${upper}"` : '';
          ctx.report({
            resource: sp,
            path: [...path, 'method'],
            message: `ServiceProfile ${sp.namespace}/${sp.name} route "${name}" matches method "${m.method}", which is not a standard HTTP method, so the route never matches${hint}`,
          });
        });
      }
    }
  },
});
