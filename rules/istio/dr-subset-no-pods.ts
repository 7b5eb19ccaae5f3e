import { defineRule } from '../../src/engine/rule.js';
import { objects, specOf } from '../../src/graph/istio-gateways.js';
import { lookupHost } from '../../src/graph/istio-registry.js';
import { istioPodsMatching, type IstioPod } from '../../src/graph/istio-workloads.js';
import { equalitySelector, formatSelector, selectorMatches, type LabelSelector } from '../../src/graph/selectors.js';
import { isObject } from '../../src/parse/parse.js';
import { K } from '../../src/model/kinds.js';
import type { ResourceGraph } from '../../src/graph/graph.js';

const TOPOLOGY = ['topology.kubernetes.io/region', 'topology.kubernetes.io/zone', 'topology.istio.io/subzone'];

/** Pod labels plus the topology labels of its Node, when the Node is in the inputs. */
function withTopology(graph: ResourceGraph, pod: IstioPod): Record<string, string> {
  const node = typeof pod.podSpec.nodeName === 'string' ? pod.podSpec.nodeName : undefined;
  if (!node) return { ...pod.labels };
  const labels: Record<string, string> = { ...pod.labels, 'kubernetes.io/hostname': node };
  const n = graph.get('Node', '', node);
  for (const k of TOPOLOGY) if (n?.labels[k]) labels[k] = n.labels[k];
  return labels;
}

export default defineRule({
  id: 'istio-dr-subset-no-pods',
  severity: 'error',
  category: 'istio',
  description: 'A DestinationRule subset selects no pod of its host, so traffic routed to it fails with 503 (no healthy upstream).',
  equivalents: ['IST0173', 'KIA0203'],
  inputs: [K.DestinationRule],
  precision: 'medium',
  tags: ['routing'],
  check(ctx) {
    const { graph } = ctx;
    for (const dr of ctx.resources(K.DestinationRule)) {
      const spec = specOf(dr);
      if (typeof spec.host !== 'string' || spec.host.startsWith('*')) continue;
      const entry = lookupHost(graph, spec.host, dr.namespace, spec.exportTo);
      if (!entry) continue; // istio-dr-host-not-found
      // The host's own workloads: a Service's selector in its namespace, a ServiceEntry's workloadSelector.
      let base: LabelSelector | undefined;
      let ns: string | undefined;
      const es = specOf(entry.resource);
      if (entry.resource.kindKey === 'Service') {
        base = equalitySelector(es.selector);
        ns = entry.resource.namespace;
        if (!base || Object.keys(base.matchLabels).length === 0) continue; // selector-less Service: endpoints are managed elsewhere
      } else {
        if (!isObject(es.workloadSelector)) continue; // static endpoints
        base = equalitySelector(es.workloadSelector.labels);
        ns = entry.resource.namespace;
      }
      const hostPods = istioPodsMatching(graph, base ?? { matchLabels: {}, matchExpressions: [] }, ns);
      for (const [subset, i] of objects(spec.subsets)) {
        const labels = equalitySelector(subset.labels);
        if (!labels || Object.keys(labels.matchLabels).length === 0) continue;
        if (hostPods.some((p) => selectorMatches(labels, withTopology(graph, p)))) continue;
        const name = typeof subset.name === 'string' ? subset.name : `#${i}`;
        // Workloads with other values of the subset's label keys (another version deployed from
        // elsewhere, or a rollout in progress) leave it open; none carrying the keys at all does not.
        const keys = Object.keys(labels.matchLabels);
        const none = hostPods.length === 0 || hostPods.some((p) => keys.every((k) => p.labels[k] !== undefined));
        ctx.report({
          resource: dr,
          path: ['spec', 'subsets', i, 'labels'],
          severity: none ? 'info' : undefined,
          message: hostPods.length === 0
            ? `DestinationRule ${dr.namespace}/${dr.name} subset "${name}" selects pods labelled ${formatSelector(labels)}, but no workload of ${entry.resource.kind} ${entry.resource.namespace}/${entry.resource.name} is in the inputs to check it against`
            : none
            ? `DestinationRule ${dr.namespace}/${dr.name} subset "${name}" selects pods labelled ${formatSelector(labels)}, which none of the workloads of ${entry.resource.kind} ${entry.resource.namespace}/${entry.resource.name} in the inputs carries (they have other values): unless such a workload is deployed from elsewhere, traffic routed to this subset gets 503`
            : `DestinationRule ${dr.namespace}/${dr.name} subset "${name}" selects pods labelled ${formatSelector(labels)}, but none of the ${hostPods.length} workload(s) of ${entry.resource.kind} ${entry.resource.namespace}/${entry.resource.name} carries those labels: traffic routed to this subset gets 503`,
        });
      }
    }
  },
});
