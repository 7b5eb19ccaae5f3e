import { defineRule } from '../../src/engine/rule.js';
import { istioPods, istioPodsMatching, namespaceIsAmbient, podInMesh, podIsAmbient, policySelector, type IstioPod } from '../../src/graph/istio-workloads.js';
import { specOf } from '../../src/graph/istio-gateways.js';
import { K } from '../../src/model/kinds.js';
import type { ResourceGraph } from '../../src/graph/graph.js';

/**
 * A pod an AuthorizationPolicy can apply to: in the sidecar mesh or ambient. When its Namespace is not
 * among the inputs its injection state is unknown, and it counts (no finding on a guess).
 */
function enforcing(graph: ResourceGraph, pod: IstioPod): boolean {
  if (pod.workload === undefined) return true; // the synthetic ingress gateway
  if (podIsAmbient(pod) || pod.labels['istio.io/dataplane-mode'] === 'ambient' || namespaceIsAmbient(graph, pod.namespace) || podInMesh(graph, pod)) return true;
  const explicit = pod.labels['sidecar.istio.io/inject'] ?? pod.annotations['sidecar.istio.io/inject'];
  return !graph.isNamespaceDeclared(pod.namespace) && explicit !== 'false';
}

export default defineRule({
  id: 'istio-authz-selector-no-workload',
  severity: 'warning',
  category: 'istio',
  description: 'An AuthorizationPolicy applies to no workload in the mesh, so it enforces nothing.',
  equivalents: ['IST0127', 'KIA0004'],
  inputs: [K.AuthorizationPolicy],
  precision: 'medium',
  tags: ['security', 'reference'],
  check(ctx) {
    const { graph } = ctx;
    const root = ctx.settings.meshConfig.rootNamespace;
    for (const ap of ctx.resources(K.AuthorizationPolicy)) {
      const spec = specOf(ap);
      if (spec.targetRef !== undefined || spec.targetRefs !== undefined) continue; // attached to a Gateway/Service, not by selector
      const labels = policySelector(ap);
      const hasSelector = labels !== undefined && Object.keys(labels).length > 0;
      if (ap.namespace === root && !hasSelector) continue; // mesh-wide policy
      const sel = { matchLabels: { ...(labels ?? {}) }, matchExpressions: [] };
      const pods = istioPodsMatching(graph, sel, ap.namespace === root ? undefined : ap.namespace);
      if (pods.some((p) => enforcing(graph, p))) continue;
      const where = ap.namespace === root ? 'in any namespace' : `in namespace ${ap.namespace}`;
      const what = hasSelector ? `workloads labelled ${Object.entries(labels).map(([k, v]) => `${k}=${v}`).join(',')}` : 'every workload of its namespace';
      const anyPods = ap.namespace === root ? istioPods(graph).length > 0 : pods.length > 0;
      // Matching workloads whose injection the inputs do not show: the namespace may be labelled out
      // of band (istio-namespace-not-injected tells). Only a selector matching nothing is a warning.
      // A matching workload written without namespace may well be applied into this one.
      const unplaced = pods.length === 0 && istioPodsMatching(graph, sel).some((p) => p.workload?.resource.namespaceDefaulted);
      const covered = !unplaced && pods.length === 0 && (ap.namespace === root ? istioPods(graph).some((p) => p.workload) : graph.workloadsInNamespace(ap.namespace).length > 0);
      ctx.report({
        ...(covered ? {} : { severity: 'info' as const }),
        resource: ap,
        path: hasSelector ? ['spec', 'selector', 'matchLabels'] : ['metadata', 'name'],
        message: `AuthorizationPolicy ${ap.namespace}/${ap.name} applies to ${what}, but no workload in the mesh ${where} in the inputs matches${anyPods && pods.length > 0 ? ' (the matching ones have no sidecar and are not ambient)' : ''}: the policy enforces nothing`,
      });
    }
  },
});
