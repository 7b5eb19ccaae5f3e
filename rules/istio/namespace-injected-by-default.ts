import { defineRule } from '../../src/engine/rule.js';
import { injectionEnabledByDefault, namespaceWithoutInjectionLabel } from '../../src/graph/istio-workloads.js';
import { K } from '../../src/model/kinds.js';

export default defineRule({
  id: 'istio-namespace-injected-by-default',
  severity: 'info',
  category: 'istio',
  description: 'A Namespace without injection labels gets sidecars anyway because the injector enables namespaces by default.',
  equivalents: ['IST0148'],
  inputs: [K.Namespace],
  precision: 'high',
  tags: ['injection'],
  check(ctx) {
    if (!injectionEnabledByDefault(ctx.graph)) return;
    for (const ns of ctx.resources(K.Namespace)) {
      if (!namespaceWithoutInjectionLabel(ctx.graph, ns)) continue;
      ctx.report({
        resource: ns,
        path: ['metadata', 'name'],
        message: `Namespace ${ns.name} has no injection label but is enabled for Istio injection, because the sidecar injector is installed with enableNamespacesByDefault: true; label it istio-injection=disabled if it should have no sidecars`,
      });
    }
  },
});
