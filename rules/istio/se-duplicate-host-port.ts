import { defineRule } from '../../src/engine/rule.js';
import { K } from '../../src/model/kinds.js';
import type { Resource } from '../../src/model/types.js';
import { isObject } from '../../src/parse/parse.js';
import { pushToMap } from '../../src/graph/graph.js';

interface PortUse {
  se: Resource;
  portIndex: number;
  host: string;
  port: number;
  protocol: string;
  scopes: string[];
}

export default defineRule({
  id: 'istio-se-duplicate-host-port',
  severity: 'warning',
  category: 'istio',
  description: 'Two ServiceEntries visible in the same namespace declare the same host and port, so one of them is ignored.',
  equivalents: ['KIA1211'],
  inputs: [K.ServiceEntry],
  precision: 'high',
  tags: ['conflict'],
  check(ctx) {
    const byKey = new Map<string, PortUse[]>();
    for (const se of ctx.resources(K.ServiceEntry)) {
      const spec = isObject(se.body.spec) ? se.body.spec : {};
      if (!Array.isArray(spec.hosts) || !Array.isArray(spec.ports)) continue;
      const exportTo = Array.isArray(spec.exportTo) ? spec.exportTo.filter((x): x is string => typeof x === 'string') : [];
      const scopes = exportTo.length === 0 || exportTo.includes('*') ? ['*'] : exportTo.filter((x) => x !== '~').map((x) => (x === '.' ? se.namespace : x));
      for (const h of new Set(spec.hosts.filter((x): x is string => typeof x === 'string').map((x) => x.toLowerCase()))) {
        spec.ports.forEach((p, portIndex) => {
          if (!isObject(p) || typeof p.number !== 'number') return;
          const use: PortUse = { se, portIndex, host: h, port: p.number, protocol: String(p.protocol ?? '').toUpperCase(), scopes };
          pushToMap(byKey, `${h}\u0000${p.number}`, use);
        });
      }
    }
    const reported = new Set<string>();
    for (const uses of byKey.values()) {
      if (uses.length < 2) continue;
      for (let i = 1; i < uses.length; i++) {
        const b = uses[i];
        // The same ServiceEntry defined twice in the inputs (overlay variants) is not two entries.
        const a = uses.slice(0, i).find((x) => (x.se.namespace !== b.se.namespace || x.se.name !== b.se.name) && x.protocol === b.protocol && (x.scopes.includes('*') || b.scopes.includes('*') || x.scopes.some((s) => b.scopes.includes(s))));
        if (!a) continue;
        const key = `${b.se.uid}:${b.portIndex}`;
        if (reported.has(key)) continue;
        reported.add(key);
        ctx.report({
          resource: b.se,
          path: ['spec', 'ports', b.portIndex],
          message: `ServiceEntry ${b.se.namespace}/${b.se.name} declares host "${b.host}" port ${b.port}, which ServiceEntry ${a.se.namespace}/${a.se.name} already declares for the same namespaces: Istio uses one of them and the other's endpoints and settings are ignored`,
          related: [{ resource: a.se, path: ['spec', 'ports', a.portIndex], message: `ServiceEntry ${a.se.namespace}/${a.se.name} declares it first` }],
        });
      }
    }
  },
});
