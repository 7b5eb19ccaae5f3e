import { defineRule } from '../../src/engine/rule.js';
import { K } from '../../src/model/kinds.js';

const TARGETS = new Set([K.LinkerdServer, K.LinkerdHTTPRoute, K.LinkerdGRPCRoute, K.HTTPRoute, K.GRPCRoute, 'Namespace']);

export default defineRule({
  id: 'linkerd-authz-target-not-found',
  severity: 'warning',
  category: 'linkerd',
  description: 'A Linkerd AuthorizationPolicy targets a Server, route or namespace that is not defined, so it authorizes nothing.',
  equivalents: [],
  inputs: [K.LinkerdAuthorizationPolicy],
  precision: 'high',
  tags: ['reference'],
  check(ctx) {
    for (const ap of ctx.resources(K.LinkerdAuthorizationPolicy)) {
      for (const ref of ctx.graph.referencesFrom(ap, 'authorizes')) {
        if (ref.resolved.length || !TARGETS.has(ref.target.kindKey)) continue;
        const { kindKey, name } = ref.target;
        if (kindKey === 'Namespace') {
          if (name !== ap.namespace || ctx.graph.isNamespaceKnown(name)) continue;
        }
        const kind = kindKey.split('/').pop();
        const described = kindKey === 'Namespace' ? false : ctx.graph.inNamespace(kindKey, ap.namespace).length > 0 || ctx.graph.hasKind(kindKey);
        ctx.report({
          resource: ap,
          path: ref.path,
          severity: described ? 'warning' : 'info',
          message: `AuthorizationPolicy ${ap.namespace}/${ap.name} targets ${kind} "${name}", which is ${described ? `not defined in namespace ${ap.namespace}` : 'not in the inputs'}: the policy authorizes nothing${described ? ' and clients stay denied' : ''}`,
        });
      }
    }
  },
});
