// Kubernetes core references: Service selectors → workloads.
import { isObject } from '../../parse/parse.js';
import type { ResourceGraph } from '../graph.js';
import { equalitySelector, formatSelector, isEmptySelector } from '../selectors.js';

export function extractKubernetesReferences(graph: ResourceGraph): void {
  for (const svc of graph.ofKind('Service')) {
    const spec = isObject(svc.body.spec) ? svc.body.spec : {};
    const sel = equalitySelector(spec.selector);
    if (!sel || isEmptySelector(sel)) continue;
    const hits = graph.workloadsMatching(svc.namespace, sel).map((w) => w.resource);
    graph.addReference(svc, 'selects', { kindKey: 'Pod', namespace: svc.namespace, name: `{${formatSelector(sel)}}` }, ['spec', 'selector'], hits);
  }
}
