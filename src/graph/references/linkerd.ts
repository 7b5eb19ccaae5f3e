// Linkerd references: ServiceProfile → Service (by its FQDN name), and the policy resources:
// Server → pods, AuthorizationPolicy → target and authentications, MeshTLSAuthentication → identities,
// ServerAuthorization → Servers, policy HTTPRoute/GRPCRoute → parent Servers.
import { K } from '../../model/kinds.js';
import type { ResourceGraph } from '../graph.js';
import { linkerdRefKindKey, serviceAccountOfIdentity, serverSelector, serviceProfileTarget, serversMatching } from '../linkerd.js';
import { formatSelector } from '../selectors.js';
import { isObject } from '../../parse/parse.js';

export function extractLinkerdReferences(graph: ResourceGraph): void {
  for (const sp of graph.ofKind(K.ServiceProfile)) {
    const target = serviceProfileTarget(sp.name, graph.clusterDomain);
    if (!target) continue;
    graph.addReference(sp, 'profiles', { kindKey: 'Service', namespace: target.namespace, name: target.service }, ['metadata', 'name']);
  }
  for (const srv of graph.ofKind(K.LinkerdServer)) {
    const sel = serverSelector(srv);
    if (!sel) continue;
    const hits = graph.workloadsMatching(srv.namespace, sel).map((w) => w.resource);
    graph.addReference(srv, 'selects', { kindKey: 'Pod', namespace: srv.namespace, name: `{${formatSelector(sel)}}` }, ['spec', 'podSelector'], hits);
  }
  for (const ap of graph.ofKind(K.LinkerdAuthorizationPolicy)) {
    const spec = isObject(ap.body.spec) ? ap.body.spec : {};
    if (isObject(spec.targetRef) && typeof spec.targetRef.name === 'string' && typeof spec.targetRef.kind === 'string') {
      const kindKey = linkerdRefKindKey(spec.targetRef.group, spec.targetRef.kind);
      const ns = kindKey === 'Namespace' ? '' : ap.namespace;
      graph.addReference(ap, 'authorizes', { kindKey, namespace: ns, name: spec.targetRef.name }, ['spec', 'targetRef', 'name']);
    }
    if (Array.isArray(spec.requiredAuthenticationRefs)) {
      spec.requiredAuthenticationRefs.forEach((ref, i) => {
        if (!isObject(ref) || typeof ref.name !== 'string' || typeof ref.kind !== 'string') return;
        const kindKey = linkerdRefKindKey(ref.group, ref.kind);
        const ns = typeof ref.namespace === 'string' && ref.namespace ? ref.namespace : ap.namespace;
        graph.addReference(ap, 'uses', { kindKey, namespace: ns, name: ref.name }, ['spec', 'requiredAuthenticationRefs', i, 'name']);
      });
    }
  }
  for (const authn of graph.ofKind(K.LinkerdMeshTLSAuthentication)) {
    const spec = isObject(authn.body.spec) ? authn.body.spec : {};
    if (Array.isArray(spec.identities))
      spec.identities.forEach((id, i) => {
        const sa = typeof id === 'string' ? serviceAccountOfIdentity(id) : undefined;
        if (sa) graph.addReference(authn, 'uses', { kindKey: 'ServiceAccount', ...sa }, ['spec', 'identities', i]);
      });
    if (!Array.isArray(spec.identityRefs)) continue;
    spec.identityRefs.forEach((ref, i) => {
      if (!isObject(ref) || typeof ref.kind !== 'string' || typeof ref.name !== 'string' || ref.name === '*') return;
      const kindKey = linkerdRefKindKey(ref.group, ref.kind);
      const ns = kindKey === 'Namespace' ? '' : typeof ref.namespace === 'string' && ref.namespace ? ref.namespace : authn.namespace;
      graph.addReference(authn, 'uses', { kindKey, namespace: ns, name: ref.name }, ['spec', 'identityRefs', i, 'name']);
    });
  }
  for (const saz of graph.ofKind(K.LinkerdServerAuthorization)) {
    const spec = isObject(saz.body.spec) ? saz.body.spec : {};
    const mtls = isObject(spec.client) && isObject(spec.client.meshTLS) ? spec.client.meshTLS : undefined;
    if (mtls && Array.isArray(mtls.serviceAccounts))
      mtls.serviceAccounts.forEach((sa, i) => {
        if (!isObject(sa) || typeof sa.name !== 'string') return;
        const ns = typeof sa.namespace === 'string' && sa.namespace ? sa.namespace : saz.namespace;
        graph.addReference(saz, 'uses', { kindKey: 'ServiceAccount', namespace: ns, name: sa.name }, ['spec', 'client', 'meshTLS', 'serviceAccounts', i, 'name']);
      });
    if (mtls && Array.isArray(mtls.identities))
      mtls.identities.forEach((id, i) => {
        const sa = typeof id === 'string' ? serviceAccountOfIdentity(id) : undefined;
        if (sa) graph.addReference(saz, 'uses', { kindKey: 'ServiceAccount', ...sa }, ['spec', 'client', 'meshTLS', 'identities', i]);
      });
    if (!isObject(spec.server)) continue;
    if (typeof spec.server.name === 'string')
      graph.addReference(saz, 'authorizes', { kindKey: K.LinkerdServer, namespace: saz.namespace, name: spec.server.name }, ['spec', 'server', 'name']);
    else if (isObject(spec.server.selector)) {
      const hits = serversMatching(graph, saz.namespace, spec.server.selector);
      graph.addReference(saz, 'authorizes', { kindKey: K.LinkerdServer, namespace: saz.namespace, name: '{selector}' }, ['spec', 'server', 'selector'], hits);
    }
  }
  for (const kindKey of [K.LinkerdHTTPRoute, K.LinkerdGRPCRoute]) {
    for (const route of graph.ofKind(kindKey)) {
      const spec = isObject(route.body.spec) ? route.body.spec : {};
      if (!Array.isArray(spec.parentRefs)) continue;
      spec.parentRefs.forEach((p, i) => {
        if (!isObject(p) || typeof p.name !== 'string') return;
        const kind = typeof p.kind === 'string' && p.kind ? p.kind : 'Gateway';
        const group = typeof p.group === 'string' ? p.group : 'policy.linkerd.io';
        const target = linkerdRefKindKey(group, kind);
        const ns = typeof p.namespace === 'string' && p.namespace ? p.namespace : route.namespace;
        graph.addReference(route, 'attaches-to', { kindKey: target, namespace: ns, name: p.name }, ['spec', 'parentRefs', i, 'name']);
      });
    }
  }
}
