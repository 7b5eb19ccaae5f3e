import { defineRule } from '../../src/engine/rule.js';
import { hasIstioProxy, injectionRelevantNamespace } from '../../src/graph/istio-workloads.js';
import { K } from '../../src/model/kinds.js';
import type { Resource } from '../../src/model/types.js';

/** A Pod dumped from a cluster (it has a status or was created by the API server). */
function isLive(pod: Resource): boolean {
  const meta = pod.body.metadata as Record<string, unknown> | undefined;
  return pod.body.status !== undefined || (meta !== undefined && (meta.creationTimestamp !== undefined || meta.uid !== undefined));
}

export default defineRule({
  id: 'istio-pod-missing-proxy',
  severity: 'warning',
  category: 'istio',
  description: 'A Pod in a namespace with sidecar injection enabled has no istio-proxy container.',
  equivalents: ['IST0103'],
  inputs: [K.Pod],
  precision: 'medium',
  tags: ['injection'],
  check(ctx) {
    const { graph } = ctx;
    for (const pod of ctx.resources(K.Pod)) {
      const ns = graph.namespaceResource(pod.namespace);
      if (!ns || ns.labels['istio-injection'] !== 'enabled' || !injectionRelevantNamespace(graph, ns)) continue;
      const w = graph.workloadOf(pod);
      if (!w) continue;
      const inject = (pod.labels['sidecar.istio.io/inject'] ?? pod.annotations['sidecar.istio.io/inject'])?.toLowerCase();
      if (inject === 'false' || w.podSpec.hostNetwork === true || hasIstioProxy(w.podSpec)) continue;
      const live = isLive(pod);
      ctx.report({
        resource: pod,
        path: ['metadata', 'name'],
        ...(live ? {} : { severity: 'info' as const }),
        message: live
          ? `Pod ${pod.namespace}/${pod.name} runs in namespace ${pod.namespace} (istio-injection=enabled) without an istio-proxy container: it is outside the mesh; restart or redeploy it so the injector adds the sidecar`
          : `Pod ${pod.namespace}/${pod.name} has no istio-proxy container although namespace ${pod.namespace} is labelled istio-injection=enabled: it gets one only if the injection webhook is running when the pod is created`,
      });
    }
  },
});
