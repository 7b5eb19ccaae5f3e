import { defineRule } from '../../src/engine/rule.js';
import { analyzeSelectors, policySelector } from '../../src/graph/istio-workloads.js';
import { K } from '../../src/model/kinds.js';

export default defineRule({
  id: 'istio-telemetry-selector-conflict',
  severity: 'error',
  category: 'istio',
  description: 'Several Telemetry resources select the same workload; which one applies is undefined.',
  equivalents: ['IST0159'],
  inputs: [K.Telemetry],
  precision: 'high',
  tags: ['conflict', 'telemetry'],
  check(ctx) {
    for (const [t, list] of analyzeSelectors(ctx.graph, K.Telemetry, policySelector).conflicts) {
      for (const { pod, others } of list) {
        const names = [t, ...others].map((o) => o.name).sort();
        ctx.report({
          resource: t,
          path: ['spec', 'selector', 'matchLabels'],
          message: `Telemetries ${names.join(', ')} in namespace ${t.namespace} all select workload ${pod.name}: which one applies is undefined; make the selectors disjoint`,
          related: others.slice(0, 3).map((o) => ({ resource: o, path: ['spec', 'selector'], message: `Telemetry ${o.namespace}/${o.name}` })),
        });
      }
    }
  },
});
