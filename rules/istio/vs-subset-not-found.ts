import { defineRule } from '../../src/engine/rule.js';
import { objects, specOf } from '../../src/graph/istio-gateways.js';
import { resolveIstioHost } from '../../src/graph/istio.js';
import { vsDestinations } from '../../src/graph/istio-vs.js';
import { K } from '../../src/model/kinds.js';
import type { Resource } from '../../src/model/types.js';

export default defineRule({
  id: 'istio-vs-subset-not-found',
  severity: 'error',
  category: 'istio',
  description: 'A VirtualService routes to a subset that no DestinationRule for that host defines, so those requests fail with 503.',
  equivalents: ['IST0101@virtualservice.DestinationRuleAnalyzer', 'KIA1107'],
  inputs: [K.VirtualService],
  precision: 'high',
  tags: ['reference', 'routing'],
  check(ctx) {
    const { graph } = ctx;
    const domain = `.svc.${graph.clusterDomain}`;
    /** (namespace, host) the way Istio keys subsets: cluster-local FQDNs by their namespace, anything else as written. */
    const keyOf = (host: string, ns: string) => {
      const fqdn = resolveIstioHost(host, ns, graph.clusterDomain);
      if (fqdn.endsWith(domain) && !fqdn.startsWith('*')) {
        const parts = fqdn.slice(0, -domain.length).split('.');
        if (parts.length === 2) return `${parts[1]}/${fqdn}`;
      }
      return `${ns}/${host.toLowerCase()}`;
    };
    const subsets = graph.memo('istio:dr-subsets', () => {
      const m = new Map<string, Resource[]>();
      for (const dr of graph.ofKind(K.DestinationRule)) {
        const spec = specOf(dr);
        if (typeof spec.host !== 'string') continue;
        const base = keyOf(spec.host, dr.namespace);
        for (const [s] of objects(spec.subsets)) {
          if (typeof s.name !== 'string') continue;
          const k = `${base}|${s.name}`;
          m.set(k, [...(m.get(k) ?? []), dr]);
        }
      }
      return m;
    });
    for (const vs of ctx.resources(K.VirtualService)) {
      for (const d of vsDestinations(vs)) {
        const dest = d.destination;
        if (!dest || typeof dest.host !== 'string' || typeof dest.subset !== 'string' || dest.subset === '') continue;
        if (subsets.has(`${keyOf(dest.host, vs.namespace)}|${dest.subset}`)) continue;
        // A DestinationRule written without namespace, defining the subset for a host of that short
        // name, may be applied into the VirtualService's namespace.
        const short = dest.host.split('.')[0].toLowerCase();
        const unplaced = graph.ofKind(K.DestinationRule).some((dr) => {
          const spec = specOf(dr);
          return dr.namespaceDefaulted && typeof spec.host === 'string' && spec.host.split('.')[0].toLowerCase() === short && objects(spec.subsets).some(([s]) => s.name === dest.subset);
        });
        ctx.report({
          resource: vs,
          ...(unplaced ? { severity: 'info' as const } : {}),
          path: [...d.path, 'subset'],
          message: `VirtualService ${vs.namespace}/${vs.name} ${d.mirror ? 'mirrors' : 'routes'} to subset "${dest.subset}" of "${dest.host}", but no DestinationRule in the inputs defines that subset for this host: requests get 503 (no healthy upstream)`,
        });
      }
    }
  },
});
