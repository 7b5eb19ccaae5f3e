import { defineRule } from '../../src/engine/rule.js';
import { K } from '../../src/model/kinds.js';
import { serviceAccountKnown, serviceAccountsDescribed } from '../../src/graph/linkerd.js';

export default defineRule({
  id: 'linkerd-authz-authn-not-found',
  severity: 'error',
  category: 'linkerd',
  description: 'A Linkerd AuthorizationPolicy requires a MeshTLSAuthentication, NetworkAuthentication or ServiceAccount that is not defined, so Linkerd ignores the whole policy.',
  equivalents: [],
  inputs: [K.LinkerdAuthorizationPolicy],
  precision: 'high',
  tags: ['reference'],
  check(ctx) {
    for (const ap of ctx.resources(K.LinkerdAuthorizationPolicy)) {
      for (const ref of ctx.graph.referencesFrom(ap, 'uses')) {
        if (ref.resolved.length) continue;
        const { kindKey, namespace, name } = ref.target;
        const id = `AuthorizationPolicy ${ap.namespace}/${ap.name}`;
        if (kindKey === 'ServiceAccount') {
          // A namespace absent from the inputs (another repository, an extension like linkerd-viz) is not judged.
          if (serviceAccountKnown(ctx.graph, namespace, name) || !ctx.graph.isNamespaceKnown(namespace)) continue;
          const described = serviceAccountsDescribed(ctx.graph, namespace);
          ctx.report({
            resource: ap,
            path: ref.path,
            severity: described ? 'warning' : 'info',
            message: `${id} requires ServiceAccount ${namespace}/${name}, which is ${described ? 'not defined' : 'not in the inputs'}: no client can match it`,
          });
          continue;
        }
        if (kindKey !== K.LinkerdMeshTLSAuthentication && kindKey !== K.LinkerdNetworkAuthentication) continue;
        const kind = kindKey.split('/')[1];
        const near = ctx.graph.inNamespace(kindKey, namespace).map((r) => r.name).find((n) => n.toLowerCase() === name.toLowerCase() || n.replace(/-/g, '') === name.replace(/-/g, ''));
        const elsewhere = ctx.graph.named(kindKey, name).filter((r) => r.namespace !== namespace);
        const hint = near ? `; did you mean "${near}"?` : elsewhere.length ? `; one exists in namespace ${elsewhere[0].namespace}: set namespace: ${elsewhere[0].namespace}` : '';
        ctx.report({
          resource: ap,
          path: ref.path,
          message: `${id} requires ${kind} ${namespace}/${name}, which is not defined: Linkerd ignores the whole policy ("Illegal AuthorizationPolicy") and the target stays denied${hint}`,
        });
      }
    }
  },
});
