import { defineRule } from '../../src/engine/rule.js';
import { analyzeSelectors, namespaceIsAmbient, sidecarSelector } from '../../src/graph/istio-workloads.js';
import { K } from '../../src/model/kinds.js';

export default defineRule({
  id: 'istio-sidecar-multiple-selectorless',
  severity: 'error',
  category: 'istio',
  description: 'A namespace has more than one Sidecar without workloadSelector; which one applies is undefined.',
  equivalents: ['IST0111', 'KIA0002'],
  inputs: [K.Sidecar],
  precision: 'very-high',
  tags: ['conflict'],
  check(ctx) {
    for (const [ns, list] of analyzeSelectors(ctx.graph, K.Sidecar, sidecarSelector).selectorless) {
      if (list.length < 2 || namespaceIsAmbient(ctx.graph, ns)) continue;
      const names = list.map((s) => s.name).sort();
      for (const sc of list) {
        ctx.report({
          resource: sc,
          path: ['metadata', 'name'],
          message: `Sidecars ${names.join(', ')} in namespace ${ns} have no workloadSelector: only one namespace-wide Sidecar is applied and which one is undefined; merge them or add selectors`,
          related: list.filter((o) => o !== sc).slice(0, 3).map((o) => ({ resource: o, path: ['metadata', 'name'], message: `Sidecar ${o.namespace}/${o.name}` })),
        });
      }
    }
  },
});
