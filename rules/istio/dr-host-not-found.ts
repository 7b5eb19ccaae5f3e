import { defineRule } from '../../src/engine/rule.js';
import { specOf } from '../../src/graph/istio-gateways.js';
import { isClusterLocal, lookupHost, nearMissService, unplacedNamesake } from '../../src/graph/istio-registry.js';
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
      const near = nearMissService(ctx.graph, spec.host, dr.namespace);
      const elsewhere = !near || unplacedNamesake(ctx.graph, spec.host, dr.namespace) !== undefined;
      ctx.report({
        resource: dr,
        path: ['spec', 'host'],
        ...(elsewhere ? { severity: 'info' as const } : {}),
        ...(near ? { related: [{ resource: near, path: ['metadata', 'name'], message: `Service ${near.namespace}/${near.name}` }] } : {}),
        message: elsewhere
          ? `DestinationRule ${dr.namespace}/${dr.name} is for host "${spec.host}", which is not in the inputs: if no such Service exists in the cluster, the rule applies to nothing`
          : near
            ? `DestinationRule ${dr.namespace}/${dr.name} is for host "${spec.host}", which no Service or ServiceEntry in the inputs defines for namespace ${dr.namespace} (did you mean Service ${near.namespace}/${near.name}?): its traffic policy and subsets apply to nothing`
            : `DestinationRule ${dr.namespace}/${dr.name} is for host "${spec.host}", which no Service or ServiceEntry in the inputs defines for namespace ${dr.namespace}: its traffic policy and subsets apply to nothing`,
      });
    }
  },
});
