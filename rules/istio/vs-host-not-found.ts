import { defineRule } from '../../src/engine/rule.js';
import { specOf } from '../../src/graph/istio-gateways.js';
import { isClusterLocal, lookupHost, nearMissService, nearMissServiceEntry, unplacedNamesake } from '../../src/graph/istio-registry.js';
import { destinationPort, vsDestinations } from '../../src/graph/istio-vs.js';
import { K } from '../../src/model/kinds.js';

export default defineRule({
  id: 'istio-vs-host-not-found',
  severity: 'warning',
  category: 'istio',
  description: 'A VirtualService routes or mirrors to a host (or port) that no Service or ServiceEntry visible to it defines.',
  equivalents: ['IST0101@virtualservice.DestinationHostAnalyzer', 'KIA1101'],
  inputs: [K.VirtualService],
  precision: 'medium',
  tags: ['reference', 'routing'],
  check(ctx) {
    for (const vs of ctx.resources(K.VirtualService)) {
      const exportTo = specOf(vs).exportTo;
      for (const d of vsDestinations(vs)) {
        const what = d.mirror ? 'mirrors to' : 'routes to';
        const host = d.destination && typeof d.destination.host === 'string' ? d.destination.host : '';
        if (host === '') {
          ctx.report({ resource: vs, path: d.path, message: `VirtualService ${vs.namespace}/${vs.name} has a ${d.section} route entry without a destination host: Istio rejects it`, severity: 'error' });
          continue;
        }
        const entry = lookupHost(ctx.graph, host, vs.namespace, exportTo);
        if (!entry) {
          // A cluster-local name with no near miss is more likely defined elsewhere than misspelt.
          // An external host with no ServiceEntry close to it may be imported or defined elsewhere too.
          const local = isClusterLocal(ctx.graph, host, vs.namespace);
          const near = local ? nearMissService(ctx.graph, host, vs.namespace) : nearMissServiceEntry(ctx.graph, host);
          const elsewhere = !near || (local && unplacedNamesake(ctx.graph, host, vs.namespace) !== undefined);
          ctx.report({
            resource: vs,
            path: [...d.path, 'host'],
            ...(elsewhere ? { severity: 'info' as const } : {}),
            message: elsewhere
              ? `VirtualService ${vs.namespace}/${vs.name} ${what} host "${host}", which is not in the inputs: if no such Service exists in the cluster, requests get 503`
              : `VirtualService ${vs.namespace}/${vs.name} ${what} host "${host}", which no Service or ServiceEntry in the inputs defines for namespace ${vs.namespace}${near ? ` (did you mean ${near.kind} ${near.namespace}/${near.name}?)` : ''}: requests get 503 (no cluster)`,
            ...(near ? { related: [{ resource: near, path: ['metadata', 'name'], message: `${near.kind} ${near.namespace}/${near.name}` }] } : {}),
          });
          continue;
        }
        const port = destinationPort(d.destination!);
        if (port === undefined || entry.ports.length === 0 || entry.ports.some((p) => p.number === port)) continue;
        ctx.report({
          resource: vs,
          path: [...d.path, 'port', 'number'],
          message: `VirtualService ${vs.namespace}/${vs.name} ${what} "${host}" port ${port}, but ${entry.resource.kind} ${entry.resource.namespace}/${entry.resource.name} exposes only port${entry.ports.length > 1 ? 's' : ''} ${entry.ports.map((p) => p.number).join(', ')}`,
          related: [{ resource: entry.resource, path: ['spec', 'ports'], message: `${entry.resource.kind} ${entry.resource.namespace}/${entry.resource.name}` }],
        });
      }
    }
  },
});
