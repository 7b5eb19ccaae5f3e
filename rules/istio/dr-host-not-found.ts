import { defineRule } from '../../src/engine/rule.js';
import { specOf } from '../../src/graph/istio-gateways.js';
import { lookupHost, uncoveredNamespace } from '../../src/graph/istio-registry.js';
import { K } from '../../src/model/kinds.js';

export default defineRule({
  id: 'istio-dr-host-not-found',
  severity: 'warning',
  category: 'istio',
  description: 'A DestinationRule is for a host that no Service or ServiceEntry visible to it defines, so its policy applies to nothing.',
  equivalents: ['IST0174', 'KIA0202'],
  inputs: [K.DestinationRule],
  precision: 'medium',
  tags: ['reference'],
  check(ctx) {
    for (const dr of ctx.resources(K.DestinationRule)) {
      const spec = specOf(dr);
      if (typeof spec.host !== 'string' || spec.host === '' || spec.host.startsWith('*')) continue; // wildcard hosts are policies for many services
      if (lookupHost(ctx.graph, spec.host, dr.namespace, spec.exportTo)) continue;
      const elsewhere = uncoveredNamespace(ctx.graph, spec.host, dr.namespace);
      ctx.report({
        resource: dr,
        path: ['spec', 'host'],
        ...(elsewhere !== undefined ? { severity: 'info' as const } : {}),
        message: elsewhere !== undefined
          ? `DestinationRule ${dr.namespace}/${dr.name} is for host "${spec.host}", which is not in the inputs (no Service of namespace ${elsewhere} is): if it is not defined elsewhere, the rule applies to nothing`
          : `DestinationRule ${dr.namespace}/${dr.name} is for host "${spec.host}", which no Service or ServiceEntry in the inputs defines for namespace ${dr.namespace}: its traffic policy and subsets apply to nothing`,
      });
    }
  },
});
