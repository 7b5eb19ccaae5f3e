import { defineRule } from '../../src/engine/rule.js';
import { analyzeSelectors, namespaceIsAmbient, podIsAmbient, sidecarSelector } from '../../src/graph/istio-workloads.js';
import { K } from '../../src/model/kinds.js';

export default defineRule({
  id: 'istio-sidecar-ineffective-ambient',
  severity: 'warning',
  category: 'istio',
  description: 'A Sidecar applies to ambient-mode workloads, which have no sidecar proxy, so it has no effect.',
  equivalents: ['IST0167'],
  inputs: [K.Sidecar],
  precision: 'high',
  tags: ['ambient'],
  check(ctx) {
    const a = analyzeSelectors(ctx.graph, K.Sidecar, sidecarSelector);
    for (const [ns, list] of a.selectorless) {
      if (!namespaceIsAmbient(ctx.graph, ns)) continue;
      for (const sc of list) {
        ctx.report({ resource: sc, path: ['metadata', 'name'], message: `Sidecar ${sc.namespace}/${sc.name} applies to namespace ${ns}, which runs in ambient mode (istio.io/dataplane-mode=ambient): there are no sidecars to configure` });
      }
    }
    for (const [sc, pods] of a.pods) {
      const ambient = pods.find(podIsAmbient);
      if (!ambient) continue;
      ctx.report({ resource: sc, path: ['spec', 'workloadSelector', 'labels'], message: `Sidecar ${sc.namespace}/${sc.name} selects workload ${ambient.name}, which runs in ambient mode: it has no sidecar, so this Sidecar has no effect` });
    }
  },
});
