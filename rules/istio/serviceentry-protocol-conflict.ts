import { defineRule } from '../../src/engine/rule.js';
import { objects, specOf } from '../../src/graph/istio-gateways.js';
import { exportScopes } from '../../src/graph/istio-registry.js';
import { K } from '../../src/model/kinds.js';
import type { Resource } from '../../src/model/types.js';

export default defineRule({
  id: 'istio-serviceentry-protocol-conflict',
  severity: 'warning',
  category: 'istio',
  description: 'ServiceEntries visible in the same namespaces define the same host and port with different protocols; only one protocol is used.',
  equivalents: ['IST0177', 'KIA1212'],
  inputs: [K.ServiceEntry],
  precision: 'high',
  tags: ['serviceentry', 'conflict'],
  check(ctx) {
    // scope|host|port → protocol → entries
    const idx = new Map<string, Map<string, Array<{ se: Resource; path: (string | number)[] }>>>();
    for (const se of ctx.resources(K.ServiceEntry)) {
      const spec = specOf(se);
      const scopes = exportScopes(spec.exportTo, se.namespace);
      for (const h of Array.isArray(spec.hosts) ? spec.hosts : []) {
        if (typeof h !== 'string') continue;
        for (const [p, i] of objects(spec.ports)) {
          if (typeof p.number !== 'number') continue;
          const proto = typeof p.protocol === 'string' ? p.protocol.toUpperCase() : '';
          for (const s of scopes) {
            const key = `${s}|${h}|${p.number}`;
            const m = idx.get(key) ?? new Map();
            m.set(proto, [...(m.get(proto) ?? []), { se, path: ['spec', 'ports', i, 'protocol'] }]);
            idx.set(key, m);
          }
        }
      }
    }
    const reported = new Set<Resource>();
    for (const [key, m] of idx) {
      const [scope, host, port] = key.split('|');
      const all = new Map(m);
      if (scope !== '*') {
        for (const [proto, list] of idx.get(`*|${host}|${port}`) ?? []) all.set(proto, [...(all.get(proto) ?? []), ...list]);
      }
      if (all.size < 2) continue;
      const protos = [...all.keys()].map((p) => p || '(unset)').sort();
      const involved = [...all.values()].flat();
      const names = [...new Set(involved.map((e) => `${e.se.namespace}/${e.se.name}`))].sort();
      for (const e of involved) {
        if (reported.has(e.se)) continue;
        reported.add(e.se);
        ctx.report({
          resource: e.se,
          path: e.path,
          message: `ServiceEntries ${names.join(', ')} define host "${host}" port ${port} with conflicting protocols (${protos.join(', ')}): only one protocol is applied to that port`,
        });
      }
    }
  },
});
