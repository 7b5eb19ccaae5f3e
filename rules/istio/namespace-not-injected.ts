import { defineRule } from '../../src/engine/rule.js';
import { injectionEnabledByDefault, namespaceWithoutInjectionLabel } from '../../src/graph/istio-workloads.js';
import { K } from '../../src/model/kinds.js';

export default defineRule({
  id: 'istio-namespace-not-injected',
  severity: 'info',
  category: 'istio',
  description: 'A Namespace has neither an istio-injection nor an istio.io/rev label, so its pods get no sidecar.',
  equivalents: ['IST0102'],
  inputs: [K.Namespace],
  precision: 'high',
  tags: ['injection'],
  check(ctx) {
    if (injectionEnabledByDefault(ctx.graph)) return; // istio-namespace-injected-by-default
    for (const ns of ctx.resources(K.Namespace)) {
      if (!namespaceWithoutInjectionLabel(ctx.graph, ns)) continue;
      ctx.report({
        resource: ns,
        path: ['metadata', 'name'],
        message: `Namespace ${ns.name} is not enabled for Istio injection: label it istio-injection=enabled (or istio.io/rev=<revision>) to add sidecars, or istio-injection=disabled to state that it needs none`,
      });
    }
  },
});
