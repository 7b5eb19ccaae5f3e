import { defineRule } from '../../src/engine/rule.js';
import { K } from '../../src/model/kinds.js';
import { destinationRuleEntries } from '../../src/graph/istio-mtls.js';

export default defineRule({
  id: 'istio-dr-namespace-unused',
  severity: 'warning',
  category: 'istio',
  description: "A DestinationRule for another namespace's Service lives in a namespace that runs no workloads, so no client ever uses it.",
  equivalents: [],
  inputs: [K.DestinationRule],
  precision: 'medium',
  tags: ['scope'],
  check(ctx) {
    const { graph } = ctx;
    if (graph.workloads.length === 0) return; // the inputs describe no workloads at all: cannot tell
    const root = graph.meshConfig.rootNamespace;
    for (const e of destinationRuleEntries(graph)) {
      const dr = e.dr;
      if (dr.namespace === root || e.host.startsWith('*') || graph.workloadsInNamespace(dr.namespace).length > 0) continue;
      const svc = graph.serviceByHost(e.host);
      if (!svc || svc.namespace === dr.namespace) continue;
      // Only judge namespaces the inputs describe otherwise (other resources there, but no workloads).
      if (graph.workloadsInNamespace(svc.namespace).length === 0) continue;
      ctx.report({
        resource: dr,
        path: ['spec', 'host'],
        message: `DestinationRule ${dr.namespace}/${dr.name} configures Service ${svc.namespace}/${svc.name} from namespace ${dr.namespace}, which runs no workloads: Istio looks DestinationRules up in the client's namespace, then the Service's (${svc.namespace}), then the root namespace (${root}), so this one applies to no client; move it to ${svc.namespace} or ${root}`,
      });
    }
  },
});
