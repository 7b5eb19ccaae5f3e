// Gateway API references: route parentRefs (defaults applied) and backendRefs.
import type { ResourceGraph } from '../graph.js';
import { ROUTE_KINDS, routeBackendRefs, routeParentRefs } from '../gateway-api.js';

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
}
