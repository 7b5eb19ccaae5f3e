import { defineRule } from '../../src/engine/rule.js';
import { ROUTE_KINDS, routeBackendRefs } from '../../src/graph/gateway-api.js';
import { isObject } from '../../src/parse/parse.js';

export default defineRule({
  id: 'gateway-api-backendref-weights',
  severity: 'warning',
  category: 'gateway-api',
  description: 'Every backendRef of a route rule has weight 0, so requests matching the rule get HTTP 500 instead of reaching a backend.',
  equivalents: [],
  inputs: ROUTE_KINDS,
  precision: 'very-high',
  tags: ['traffic'],
  check(ctx) {
    for (const kindKey of ROUTE_KINDS) {
      for (const route of ctx.resources(kindKey)) {
        const byRule = new Map<number, ReturnType<typeof routeBackendRefs>>();
        for (const b of routeBackendRefs(route)) {
          const list = byRule.get(b.ruleIndex) ?? [];
          list.push(b);
          byRule.set(b.ruleIndex, list);
        }
        for (const [ri, refs] of byRule) {
          if (refs.some((b) => b.weight !== 0)) continue;
          // A rule that redirects (or only filters) answers without a backend: weights are moot there.
          const spec = isObject(route.body.spec) ? route.body.spec : {};
          const rule = Array.isArray(spec.rules) && isObject(spec.rules[ri]) ? spec.rules[ri] : {};
          if (Array.isArray(rule.filters) && rule.filters.some((f) => isObject(f) && f.type === 'RequestRedirect')) continue;
          ctx.report({
            resource: route,
            path: [...refs[0].path, 'weight'],
            message: `${route.kind} ${route.namespace}/${route.name} rule ${ri}: every backendRef has weight 0, so requests matching this rule get HTTP 500${route.kind === 'HTTPRoute' || route.kind === 'GRPCRoute' ? '' : ' (connections are refused)'}; give at least one backend a positive weight`,
          });
        }
      }
    }
  },
});
