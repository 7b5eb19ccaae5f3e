import { defineRule } from '../../src/engine/rule.js';
import { specOf } from '../../src/graph/istio-gateways.js';
import { lookupHost } from '../../src/graph/istio-registry.js';
import { destinationPort, vsDestinations } from '../../src/graph/istio-vs.js';
import { K } from '../../src/model/kinds.js';

export default defineRule({
  id: 'istio-vs-destination-port-required',
  severity: 'error',
  category: 'istio',
  description: 'A VirtualService destination names no port while its service exposes several, so Istio cannot tell which port to use.',
  equivalents: ['IST0112'],
  inputs: [K.VirtualService],
  precision: 'high',
  tags: ['routing'],
  check(ctx) {
    for (const vs of ctx.resources(K.VirtualService)) {
      const exportTo = specOf(vs).exportTo;
      // Sidecars route per listener port, so a mesh-only VirtualService gets the request's port;
      // a gateway has no such port to fall back on.
      const gws = specOf(vs).gateways;
      const atGateway = Array.isArray(gws) && gws.some((g) => g !== 'mesh');
      for (const d of vsDestinations(vs)) {
        if (!d.destination || typeof d.destination.host !== 'string' || d.destination.host === '') continue;
        if (destinationPort(d.destination) !== undefined) continue;
        const entry = lookupHost(ctx.graph, d.destination.host, vs.namespace, exportTo);
        if (!entry || entry.ports.length < 2) continue;
        ctx.report({
          resource: vs,
          ...(atGateway ? {} : { severity: 'info' as const }),
          path: [...d.path, 'host'],
          message: `VirtualService ${vs.namespace}/${vs.name} routes to "${d.destination.host}" without a port, but ${entry.resource.kind} ${entry.resource.namespace}/${entry.resource.name} exposes ports ${entry.ports.map((p) => p.number).join(', ')}: set destination.port.number`,
          related: [{ resource: entry.resource, path: ['spec', 'ports'], message: `${entry.resource.kind} ${entry.resource.namespace}/${entry.resource.name}` }],
        });
      }
    }
  },
});
