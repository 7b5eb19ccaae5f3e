import { defineRule } from '../../src/engine/rule.js';
import { analyzeSelectors, policySelector } from '../../src/graph/istio-workloads.js';
import { K } from '../../src/model/kinds.js';
import { istioPodsInNamespace } from '../../src/graph/istio-workloads.js';

export default defineRule({
  id: 'istio-telemetry-selector-no-workload',
  severity: 'warning',
  category: 'istio',
  description: 'A Telemetry\'s selector matches no workload in its namespace, so it configures nothing.',
  equivalents: ['IST0101@telemetry.SelectorAnalyzer'],
  inputs: [K.Telemetry],
  precision: 'medium',
  tags: ['reference', 'telemetry'],
  check(ctx) {
    for (const t of analyzeSelectors(ctx.graph, K.Telemetry, policySelector).noPods) {
      const sel = policySelector(t) ?? {};
      const covered = istioPodsInNamespace(ctx.graph, t.namespace).length > 0;
      ctx.report({
        ...(covered ? {} : { severity: 'info' as const }),
        resource: t,
        path: ['spec', 'selector', 'matchLabels'],
        message: `Telemetry ${t.namespace}/${t.name} selects workloads labelled ${Object.entries(sel).map(([k, v]) => `${k}=${v}`).join(',')}, but no workload in namespace ${t.namespace} in the inputs carries those labels: it configures nothing`,
      });
    }
  },
});
