import { defineRule } from '../../src/engine/rule.js';
import { analyzeSelectors, podIsAmbient, sidecarSelector } from '../../src/graph/istio-workloads.js';
import { K } from '../../src/model/kinds.js';

export default defineRule({
  id: 'istio-sidecar-selector-conflict',
  severity: 'error',
  category: 'istio',
  description: 'Several Sidecars select the same workload; which one its proxy uses is undefined.',
  equivalents: ['IST0110', 'KIA0003'],
  inputs: [K.Sidecar],
  precision: 'high',
  tags: ['conflict'],
  check(ctx) {
    for (const [sc, list] of analyzeSelectors(ctx.graph, K.Sidecar, sidecarSelector).conflicts) {
      for (const { pod, others } of list) {
        if (podIsAmbient(pod)) continue; // istio-sidecar-ineffective-ambient
        const names = [sc, ...others].map((o) => o.name).sort();
        ctx.report({
          resource: sc,
          path: ['spec', 'workloadSelector', 'labels'],
          message: `Sidecars ${names.join(', ')} in namespace ${sc.namespace} all select workload ${pod.name}: which one its proxy applies is undefined; make the selectors disjoint`,
          related: others.slice(0, 3).map((o) => ({ resource: o, path: ['spec', 'workloadSelector'], message: `Sidecar ${o.namespace}/${o.name}` })),
        });
      }
    }
  },
});
