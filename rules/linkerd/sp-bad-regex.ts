import { defineRule } from '../../src/engine/rule.js';
import { K } from '../../src/model/kinds.js';
import { forEachRequestMatch, profileRoutes, rustRegexError } from '../../src/graph/linkerd.js';

export default defineRule({
  id: 'linkerd-sp-bad-regex',
  severity: 'error',
  category: 'linkerd',
  description: 'A ServiceProfile route pathRegex does not compile under the Rust regex syntax the proxy uses, so the route never matches.',
  equivalents: [],
  inputs: [K.ServiceProfile],
  precision: 'high',
  check(ctx) {
    for (const sp of ctx.resources(K.ServiceProfile)) {
      for (const { route, name, path: routePath } of profileRoutes(sp)) {
        forEachRequestMatch(route.condition, [...routePath, 'condition'], (m, path) => {
          if (typeof m.pathRegex !== 'string' || m.pathRegex === '') return;
          const err = rustRegexError(m.pathRegex);
          if (err)
            ctx.report({
              resource: sp,
              path: [...path, 'pathRegex'],
              message: `ServiceProfile ${sp.namespace}/${sp.name} route "${name}" has pathRegex "${m.pathRegex}", which the Linkerd proxy cannot compile (${err}); the route never matches`,
            });
        });
      }
    }
  },
});
