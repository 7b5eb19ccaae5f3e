import { defineRule } from '../../src/engine/rule.js';
import { analyzeSelectors, sidecarSelector } from '../../src/graph/istio-workloads.js';
import { K } from '../../src/model/kinds.js';
import { istioPodsInNamespace } from '../../src/graph/istio-workloads.js';

export default defineRule({
  id: 'istio-sidecar-selector-no-workload',
  severity: 'warning',
  category: 'istio',
  description: 'A Sidecar\'s workloadSelector matches no workload in its namespace, so it configures nothing.',
  equivalents: ['IST0101@sidecar.SelectorAnalyzer', 'KIA0004'],
  inputs: [K.Sidecar],
  precision: 'medium',
  tags: ['reference'],
  check(ctx) {
    for (const sc of analyzeSelectors(ctx.graph, K.Sidecar, sidecarSelector).noPods) {
      const sel = sidecarSelector(sc) ?? {};
      const covered = istioPodsInNamespace(ctx.graph, sc.namespace).length > 0;
      ctx.report({
        ...(covered ? {} : { severity: 'info' as const }),
        resource: sc,
        path: ['spec', 'workloadSelector', 'labels'],
        message: `Sidecar ${sc.namespace}/${sc.name} selects workloads labelled ${Object.entries(sel).map(([k, v]) => `${k}=${v}`).join(',')}, but no workload in namespace ${sc.namespace} in the inputs carries those labels: it configures no proxy`,
      });
    }
  },
});
