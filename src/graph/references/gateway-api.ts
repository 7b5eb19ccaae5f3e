// Gateway API references: route parentRefs and backendRefs (defaults applied), ListenerSet
// parents, listener certificateRefs and BackendTLSPolicy targets.
import type { ResourceGraph } from '../graph.js';
import { K } from '../../model/kinds.js';
import { isObject } from '../../parse/parse.js';
import { listenerSetParent, resolveObjectRef, ROUTE_KINDS, routeBackendRefs, routeParentRefs } from '../gateway-api.js';

export function extractGatewayApiReferences(graph: ResourceGraph): void {
  for (const kindKey of ROUTE_KINDS) {
    for (const route of graph.ofKind(kindKey)) {
      for (const p of routeParentRefs(route)) {
        graph.addReference(route, 'attaches-to', { kindKey: p.kindKey, namespace: p.namespace, name: p.name }, p.path);
      }
      for (const b of routeBackendRefs(route)) {
        graph.addReference(route, 'routes-to', { kindKey: b.kindKey, namespace: b.namespace, name: b.name }, b.path);
      }
    }
  }
  for (const ls of graph.ofKind(K.ListenerSet)) {
    const p = listenerSetParent(ls);
    if (p) graph.addReference(ls, 'attaches-to', { kindKey: p.kindKey, namespace: p.namespace, name: p.name }, p.path);
  }
  for (const owner of [...graph.ofKind(K.Gateway), ...graph.ofKind(K.ListenerSet)]) {
    const spec = isObject(owner.body.spec) ? owner.body.spec : {};
    if (!Array.isArray(spec.listeners)) continue;
    spec.listeners.forEach((l, li) => {
      if (!isObject(l) || !isObject(l.tls) || !Array.isArray(l.tls.certificateRefs)) return;
      l.tls.certificateRefs.forEach((c, ci) => {
        if (!isObject(c)) return;
        const ref = resolveObjectRef(owner, c, ['spec', 'listeners', li, 'tls', 'certificateRefs', ci], '', 'Secret');
        if (ref) graph.addReference(owner, 'uses', { kindKey: ref.kindKey, namespace: ref.namespace, name: ref.name }, ref.path);
      });
    });
  }
  for (const pol of graph.ofKind(K.BackendTLSPolicy)) {
    const spec = isObject(pol.body.spec) ? pol.body.spec : {};
    if (!Array.isArray(spec.targetRefs)) continue;
    spec.targetRefs.forEach((t, i) => {
      if (!isObject(t)) return;
      const ref = resolveObjectRef(pol, { ...t, namespace: undefined }, ['spec', 'targetRefs', i], '', 'Service');
      if (ref) graph.addReference(pol, 'configures', { kindKey: ref.kindKey, namespace: pol.namespace, name: ref.name }, ref.path);
    });
  }
}
