import { defineRule } from '../../src/engine/rule.js';
import { specOf } from '../../src/graph/istio-gateways.js';
import { vsDestinations } from '../../src/graph/istio-vs.js';
import { K } from '../../src/model/kinds.js';
import type { Resource } from '../../src/model/types.js';

export default defineRule({
  id: 'istio-vs-subset-ignored-at-ingress',
  severity: 'info',
  category: 'istio',
  description: 'A gateway VirtualService routes to a host without a subset while the mesh VirtualService of that host splits it by subset; gateway traffic skips that split.',
  equivalents: ['IST0140'],
  inputs: [K.VirtualService],
  precision: 'medium',
  tags: ['routing'],
  check(ctx) {
    // host (as written) → a VirtualService that serves it and routes it to subsets
    const subsetRouted = new Map<string, Resource>();
    for (const vs of ctx.resources(K.VirtualService)) {
      const hosts = new Set((Array.isArray(specOf(vs).hosts) ? (specOf(vs).hosts as unknown[]) : []).filter((h): h is string => typeof h === 'string'));
      for (const d of vsDestinations(vs)) {
        const dest = d.destination;
        if (d.section !== 'http' || d.mirror || !dest || typeof dest.host !== 'string' || typeof dest.subset !== 'string' || dest.subset === '') continue;
        if (hosts.has(dest.host) && !subsetRouted.has(dest.host)) subsetRouted.set(dest.host, vs);
      }
    }
    if (subsetRouted.size === 0) return;
    for (const vs of ctx.resources(K.VirtualService)) {
      const gws = specOf(vs).gateways;
      if (!Array.isArray(gws) || gws.length === 0) continue;
      for (const d of vsDestinations(vs)) {
        const dest = d.destination;
        if (d.section !== 'http' || d.mirror || !dest || typeof dest.host !== 'string' || (typeof dest.subset === 'string' && dest.subset !== '')) continue;
        const other = subsetRouted.get(dest.host);
        if (!other) continue;
        ctx.report({
          resource: vs,
          path: [...d.path, 'host'],
          message: `VirtualService ${vs.namespace}/${vs.name} sends gateway traffic to "${dest.host}" without a subset, but VirtualService ${other.namespace}/${other.name} splits that host by subset: requests from the gateway bypass that split and reach every version`,
          related: [{ resource: other, path: ['spec', 'hosts'], message: `VirtualService ${other.namespace}/${other.name}` }],
        });
        break; // once per VirtualService
      }
    }
  },
});
