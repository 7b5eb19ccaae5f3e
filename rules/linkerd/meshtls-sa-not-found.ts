import { defineRule } from '../../src/engine/rule.js';
import { K } from '../../src/model/kinds.js';
import { serviceAccountKnown, serviceAccountsDescribed } from '../../src/graph/linkerd.js';

export default defineRule({
  id: 'linkerd-meshtls-sa-not-found',
  severity: 'warning',
  category: 'linkerd',
  description: 'A MeshTLSAuthentication names a ServiceAccount or Namespace that is not defined, so that identity never matches a client.',
  equivalents: [],
  inputs: [K.LinkerdMeshTLSAuthentication],
  precision: 'high',
  tags: ['reference'],
  check(ctx) {
    for (const authn of ctx.resources(K.LinkerdMeshTLSAuthentication)) {
      for (const ref of ctx.graph.referencesFrom(authn, 'uses')) {
        if (ref.resolved.length) continue;
        const { kindKey, namespace, name } = ref.target;
        const id = `MeshTLSAuthentication ${authn.namespace}/${authn.name}`;
        if (kindKey === 'ServiceAccount') {
          if (serviceAccountKnown(ctx.graph, namespace, name)) continue;
          const described = serviceAccountsDescribed(ctx.graph, namespace);
          ctx.report({ resource: authn, path: ref.path, severity: described ? 'warning' : 'info', message: `${id} authenticates ServiceAccount ${namespace}/${name}, which is ${described ? 'not defined' : 'not in the inputs'}: no client runs with that identity` });
        } else if (kindKey === 'Namespace' && !ctx.graph.isNamespaceKnown(name)) {
          ctx.report({ resource: authn, path: ref.path, severity: 'info', message: `${id} authenticates the clients of namespace ${name}, which is not in the inputs` });
        }
      }
    }
  },
});
