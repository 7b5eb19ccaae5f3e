import { defineRule } from '../../src/engine/rule.js';
import { K } from '../../src/model/kinds.js';
import { serviceAccountKnown, serviceAccountsDescribed } from '../../src/graph/linkerd.js';

export default defineRule({
  id: 'linkerd-meshtls-sa-not-found',
  severity: 'warning',
  category: 'linkerd',
  description: 'A MeshTLSAuthentication or ServerAuthorization names a ServiceAccount (by reference or by its mesh identity) or a Namespace that is not defined, so that identity never matches a client.',
  equivalents: [],
  inputs: [K.LinkerdMeshTLSAuthentication, K.LinkerdServerAuthorization],
  precision: 'high',
  tags: ['reference'],
  check(ctx) {
    for (const authn of [...ctx.resources(K.LinkerdMeshTLSAuthentication), ...ctx.resources(K.LinkerdServerAuthorization)]) {
      for (const ref of ctx.graph.referencesFrom(authn, 'uses')) {
        if (ref.resolved.length) continue;
        const { kindKey, namespace, name } = ref.target;
        const id = `${authn.kind} ${authn.namespace}/${authn.name}`;
        if (kindKey === 'ServiceAccount') {
          // A namespace absent from the inputs (another repository, an extension like linkerd-viz) is not judged.
          if (serviceAccountKnown(ctx.graph, namespace, name) || !ctx.graph.isNamespaceKnown(namespace)) continue;
          const described = serviceAccountsDescribed(ctx.graph, namespace);
          ctx.report({ resource: authn, path: ref.path, severity: described ? 'warning' : 'info', message: `${id} authenticates ServiceAccount ${namespace}/${name}, which is ${described ? 'not defined' : 'not in the inputs'}: no client runs with that identity` });
        } else if (kindKey === 'Namespace' && !ctx.graph.isNamespaceKnown(name)) {
          ctx.report({ resource: authn, path: ref.path, severity: 'info', message: `${id} authenticates the clients of namespace ${name}, which is not in the inputs` });
        }
      }
    }
  },
});
