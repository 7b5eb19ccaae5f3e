import { defineRule } from '../../src/engine/rule.js';
import { K } from '../../src/model/kinds.js';
import { isObject } from '../../src/parse/parse.js';
import { forEachRequestMatch, rustRegexError } from '../../src/graph/linkerd.js';

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
      const spec = isObject(sp.body.spec) ? sp.body.spec : {};
      if (!Array.isArray(spec.routes)) continue;
      spec.routes.forEach((route, i) => {
        if (!isObject(route)) return;
        const name = typeof route.name === 'string' ? route.name : String(i + 1);
        forEachRequestMatch(route.condition, ['spec', 'routes', i, 'condition'], (m, path) => {
          if (typeof m.pathRegex !== 'string' || m.pathRegex === '') return;
          const err = rustRegexError(m.pathRegex);
          if (err)
            ctx.report({
              resource: sp,
              path: [...path, 'pathRegex'],
              message: `ServiceProfile ${sp.namespace}/${sp.name} route "${name}" has pathRegex "${m.pathRegex}", which the Linkerd proxy cannot compile (${err}); the route never matches`,
            });
        });
      });
    }
  },
});
