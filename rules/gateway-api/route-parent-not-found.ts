import { defineRule } from '../../src/engine/rule.js';
import { ROUTE_KINDS, routeAttachments } from '../../src/graph/gateway-api.js';
import { isObject } from '../../src/parse/parse.js';

export default defineRule({
  id: 'gateway-api-route-parent-not-found',
  severity: 'warning',
  category: 'gateway-api',
  description: 'A route names a parent (Gateway, ListenerSet or mesh Service) that is not in the inputs, so it attaches to nothing.',
  equivalents: ['KIA1401'],
  inputs: ROUTE_KINDS,
  precision: 'high',
  tags: ['reference'],
  check(ctx) {
    for (const kindKey of ROUTE_KINDS) {
      for (const route of ctx.resources(kindKey)) {
        const spec = isObject(route.body.spec) ? route.body.spec : undefined;
        if (!spec || !Array.isArray(spec.parentRefs) || spec.parentRefs.length === 0) {
          ctx.report({
            resource: route,
            path: spec ? ['spec'] : ['kind'],
            at: spec ? 'key' : 'value',
            message: `${route.kind} ${route.namespace}/${route.name} has no parentRefs, so it attaches to no Gateway or mesh Service and serves no traffic`,
          });
          continue;
        }
        for (const { outcome } of routeAttachments(ctx.graph, route)) {
          if (outcome.status !== 'missing') continue;
          const { ref } = outcome;
          const elsewhere = ctx.graph.named(ref.kindKey, ref.name).filter((p) => p.namespace !== ref.namespace);
          // A parent absent from a namespace whose other parents are in the inputs is a typo;
          // otherwise it may live in another repository.
          const siblings = ctx.graph.inNamespace(ref.kindKey, ref.namespace).length > 0;
          const hint = elsewhere.length
            ? `; a ${ref.kind} "${ref.name}" exists in namespace ${elsewhere[0].namespace}: ${ref.explicitNamespace ? 'correct' : 'set'} parentRefs[].namespace`
            : siblings
              ? ''
              : ' (it may be defined elsewhere; lint it together with this route)';
          ctx.report({
            resource: route,
            // A parent of that name in another namespace is near-certain evidence of a mistake;
            // otherwise the parent may live in another repository.
            ...(elsewhere.length ? { severity: 'error' as const } : {}),
            // The same name elsewhere and a namespace written out: the namespace is what is wrong.
            path: [...ref.path, elsewhere.length && ref.explicitNamespace ? 'namespace' : 'name'],
            message: `${route.kind} ${route.namespace}/${route.name} would not attach: parent ${ref.kind} ${ref.namespace}/${ref.name} is not in the inputs${hint}`,
            related: elsewhere.slice(0, 3).map((p) => ({ resource: p, path: ['metadata', 'name'], message: `${p.kind} ${p.namespace}/${p.name}` })),
          });
        }
      }
    }
  },
});
