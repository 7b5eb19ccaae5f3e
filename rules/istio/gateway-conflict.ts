import { defineRule } from '../../src/engine/rule.js';
import { gatewayPods, gatewaySelector, objects, specOf } from '../../src/graph/istio-gateways.js';
import { selectorString } from '../../src/graph/istio-workloads.js';
import { isObject } from '../../src/parse/parse.js';
import { K } from '../../src/model/kinds.js';
import type { Resource } from '../../src/model/types.js';

interface ServerKey {
  gw: Resource;
  server: number;
  port: string;
  host: string;
}

export default defineRule({
  id: 'istio-gateway-conflict',
  severity: 'error',
  category: 'istio',
  description: 'Two Istio Gateways on the same gateway workload define the same host on the same port, so only one of them takes effect.',
  equivalents: ['IST0145', 'KIA0301'],
  inputs: [K.IstioGateway],
  precision: 'high',
  tags: ['gateway', 'conflict'],
  check(ctx) {
    const { graph } = ctx;
    const gateways = ctx.resources(K.IstioGateway);
    // port|host|bind → servers defining it
    const buckets = new Map<string, ServerKey[]>();
    for (const gw of gateways) {
      for (const [server, i] of objects(specOf(gw).servers)) {
        const port = isObject(server.port) && server.port.number !== undefined ? String(server.port.number) : '0';
        const bind = typeof server.bind === 'string' ? server.bind : '';
        const hosts = new Set((Array.isArray(server.hosts) ? server.hosts : []).filter((h): h is string => typeof h === 'string').map((h) => h.toLowerCase()));
        for (const host of hosts) {
          const key = `${port}|${host}|${bind}`;
          const list = buckets.get(key) ?? [];
          list.push({ gw, server: i, port, host });
          buckets.set(key, list);
        }
      }
    }
    const sameWorkload = (a: Resource, b: Resource): boolean => {
      if (selectorString(gatewaySelector(a).matchLabels) === selectorString(gatewaySelector(b).matchLabels)) return true;
      const pa = new Set(gatewayPods(graph, a));
      return gatewayPods(graph, b).some((p) => pa.has(p));
    };
    // gateway uid + server index → conflicting gateways and a shared host
    const found = new Map<string, { gw: Resource; server: number; port: string; hosts: Set<string>; others: Set<Resource> }>();
    for (const list of buckets.values()) {
      if (list.length < 2) continue;
      for (const a of list) {
        for (const b of list) {
          if (a.gw === b.gw || (a.gw.namespace === b.gw.namespace && a.gw.name === b.gw.name) || !sameWorkload(a.gw, b.gw)) continue;
          const key = `${a.gw.uid}:${a.server}`;
          let f = found.get(key);
          if (!f) found.set(key, (f = { gw: a.gw, server: a.server, port: a.port, hosts: new Set(), others: new Set() }));
          f.hosts.add(a.host);
          f.others.add(b.gw);
        }
      }
    }
    for (const f of found.values()) {
      const others = [...f.others].map((o) => `${o.namespace}/${o.name}`).sort();
      ctx.report({
        resource: f.gw,
        path: ['spec', 'servers', f.server, 'hosts'],
        message: `Gateway ${f.gw.namespace}/${f.gw.name} defines host ${[...f.hosts].sort().join(', ')} on port ${f.port}, as do Gateway ${others.join(', ')} on the same workload (selector ${selectorString(gatewaySelector(f.gw).matchLabels) || '(all pods)'}): only one server takes effect`,
        related: [...f.others].slice(0, 3).map((o) => ({ resource: o, path: ['spec', 'servers'], message: `Gateway ${o.namespace}/${o.name}` })),
      });
    }
  },
});
