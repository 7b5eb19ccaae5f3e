import { defineRule } from '../../src/engine/rule.js';
import { objects, specOf } from '../../src/graph/istio-gateways.js';
import { isObject } from '../../src/parse/parse.js';
import { K } from '../../src/model/kinds.js';
import type { Resource } from '../../src/model/types.js';

export default defineRule({
  id: 'istio-serviceentry-addresses-required',
  severity: 'warning',
  category: 'istio',
  description: 'A ServiceEntry has TCP ports but no addresses (and DNS auto-allocation is off), so its traffic cannot be told apart from other TCP traffic on that port.',
  equivalents: ['IST0134'],
  inputs: [K.ServiceEntry],
  precision: 'high',
  tags: ['serviceentry'],
  check(ctx) {
    const pm = ctx.settings.meshConfig.defaultConfig.proxyMetadata;
    const meta = isObject(pm) ? pm : {};
    const autoAllocate = meta.ISTIO_META_DNS_CAPTURE === 'true' && (meta.ISTIO_META_DNS_AUTO_ALLOCATE === 'true' || meta.PILOT_ENABLE_IP_AUTOALLOCATE === 'true');
    if (autoAllocate) return;
    const tcpPorts = (se: Resource) => {
      const spec = specOf(se);
      if (Array.isArray(spec.addresses) && spec.addresses.length > 0) return [];
      const status = isObject(se.body.status) ? se.body.status : {};
      if (Array.isArray(status.addresses) && status.addresses.length > 0) return [];
      return objects(spec.ports).filter(([p]) => {
        const proto = typeof p.protocol === 'string' ? p.protocol.toUpperCase() : '';
        return proto === '' || proto === 'TCP';
      });
    };
    // Ports that get one wildcard (0.0.0.0) listener shared with others: address-less TCP
    // ServiceEntries and headless Services.
    const wildcardUsers = new Map<number, Set<Resource>>();
    const use = (port: unknown, r: Resource) => {
      if (typeof port !== 'number') return;
      wildcardUsers.set(port, (wildcardUsers.get(port) ?? new Set()).add(r));
    };
    for (const se of ctx.resources(K.ServiceEntry)) for (const [p] of tcpPorts(se)) use(p.number, se);
    for (const svc of ctx.resources('Service')) {
      const spec = specOf(svc);
      if (spec.clusterIP === 'None') for (const [p] of objects(spec.ports)) use(p.port, svc);
    }
    for (const se of ctx.resources(K.ServiceEntry)) {
      for (const [p, i] of tcpPorts(se)) {
        const proto = typeof p.protocol === 'string' ? p.protocol.toUpperCase() : '';
        const shared = [...(wildcardUsers.get(p.number as number) ?? [])].filter((r) => r !== se);
        ctx.report({
          resource: se,
          path: ['spec', 'ports', i, p.name !== undefined ? 'name' : 'number'],
          ...(shared.length ? { related: shared.slice(0, 3).map((r) => ({ resource: r, path: ['spec', 'ports'], message: `${r.kind} ${r.namespace}/${r.name} also uses port ${String(p.number)}` })) } : { severity: 'info' as const }),
          message: `${shared.length ? `ServiceEntries and headless Services ${shared.map((r) => `${r.namespace}/${r.name}`).join(', ')} share port ${String(p.number)} with this one. ` : ''}ServiceEntry ${se.namespace}/${se.name} port ${String(p.number)} is ${proto === '' ? 'of unspecified protocol (TCP)' : 'TCP'} but the entry has no addresses: sidecars match TCP traffic by destination IP, so all traffic to port ${String(p.number)} is captured by (or conflicts with) this entry; set spec.addresses or enable DNS auto-allocation`,
        });
      }
    }
  },
});
