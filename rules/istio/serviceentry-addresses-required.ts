import { defineRule } from '../../src/engine/rule.js';
import { objects, specOf } from '../../src/graph/istio-gateways.js';
import { isObject } from '../../src/parse/parse.js';
import { K } from '../../src/model/kinds.js';

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
    for (const se of ctx.resources(K.ServiceEntry)) {
      const spec = specOf(se);
      if (Array.isArray(spec.addresses) && spec.addresses.length > 0) continue;
      const status = isObject(se.body.status) ? se.body.status : {};
      if (Array.isArray(status.addresses) && status.addresses.length > 0) continue;
      for (const [p, i] of objects(spec.ports)) {
        const proto = typeof p.protocol === 'string' ? p.protocol.toUpperCase() : '';
        if (proto !== '' && proto !== 'TCP') continue;
        ctx.report({
          resource: se,
          path: ['spec', 'ports', i, p.name !== undefined ? 'name' : 'number'],
          message: `ServiceEntry ${se.namespace}/${se.name} port ${String(p.number)} is ${proto === '' ? 'of unspecified protocol (TCP)' : 'TCP'} but the entry has no addresses: sidecars match TCP traffic by destination IP, so all traffic to port ${String(p.number)} is captured by (or conflicts with) this entry; set spec.addresses or enable DNS auto-allocation`,
        });
      }
    }
  },
});
