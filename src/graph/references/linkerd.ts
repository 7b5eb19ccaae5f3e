// Linkerd references: ServiceProfile → Service (by its FQDN name).
import { K } from '../../model/kinds.js';
import type { ResourceGraph } from '../graph.js';
import { serviceProfileTarget } from '../linkerd.js';

export function extractLinkerdReferences(graph: ResourceGraph): void {
  for (const sp of graph.ofKind(K.ServiceProfile)) {
    const target = serviceProfileTarget(sp.name, graph.clusterDomain);
    if (!target) continue;
    graph.addReference(sp, 'profiles', { kindKey: 'Service', namespace: target.namespace, name: target.service }, ['metadata', 'name']);
  }
}
