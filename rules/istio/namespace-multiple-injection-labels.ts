import { defineRule } from '../../src/engine/rule.js';
import { injectionLabels, injectionRelevantNamespace } from '../../src/graph/istio-workloads.js';
import { K } from '../../src/model/kinds.js';

export default defineRule({
  id: 'istio-namespace-multiple-injection-labels',
  severity: 'warning',
  category: 'istio',
  description: 'A Namespace carries more than one kind of injection label (istio-injection, istio.io/rev, istio.io/dataplane-mode); which one wins is undefined.',
  equivalents: ['IST0123'],
  inputs: [K.Namespace],
  precision: 'very-high',
  tags: ['injection'],
  check(ctx) {
    for (const ns of ctx.resources(K.Namespace)) {
      if (!injectionRelevantNamespace(ctx.graph, ns)) continue;
      const labels = injectionLabels(ns);
      if (labels.length < 2) continue;
      const key = labels[1].slice(0, labels[1].indexOf('='));
      ctx.report({
        resource: ns,
        path: ['metadata', 'labels', key],
        at: 'key',
        message: `Namespace ${ns.name} has several injection labels (${labels.join(', ')}): the injection modes they select disagree and which one wins is undefined; keep only one`,
      });
    }
  },
});
