import { defineRule } from '../../src/engine/rule.js';
import { hostsMatch, resolveIstioHost } from '../../src/graph/istio.js';
import { specOf } from '../../src/graph/istio-gateways.js';
import { K } from '../../src/model/kinds.js';
import type { Resource } from '../../src/model/types.js';

interface Entry {
  vs: Resource;
  host: string;
  index: number;
}

/** Export scopes of a VirtualService: `*`, or the namespaces it lists (`.` = its own). */
function scopes(vs: Resource): string[] {
  const e = specOf(vs).exportTo;
  if (!Array.isArray(e) || e.length === 0 || e.includes('*')) return ['*'];
  return [...new Set(e.filter((x): x is string => typeof x === 'string').map((x) => (x === '.' ? vs.namespace : x)))];
}

function boundToMesh(vs: Resource): boolean {
  const g = specOf(vs).gateways;
  return !Array.isArray(g) || g.length === 0 || g.includes('mesh');
}

export default defineRule({
  id: 'istio-vs-duplicate-host',
  severity: 'error',
  category: 'istio',
  description: 'Several VirtualServices bound to the mesh gateway define the same host for the same namespaces; sidecars apply only one of them.',
  equivalents: ['IST0109', 'KIA1106'],
  inputs: [K.VirtualService],
  precision: 'high',
  tags: ['routing', 'conflict'],
  check(ctx) {
    const byKey = new Map<string, Entry[]>();
    const starExact = new Map<string, Entry[]>();
    const starWildcards: Entry[] = [];
    for (const vs of ctx.resources(K.VirtualService)) {
      if (!boundToMesh(vs)) continue;
      const hosts = specOf(vs).hosts;
      if (!Array.isArray(hosts)) continue;
      const sc = scopes(vs);
      hosts.forEach((h, index) => {
        if (typeof h !== 'string' || h === '') return;
        const host = resolveIstioHost(h, vs.namespace, ctx.settings.clusterDomain);
        const entry = { vs, host, index };
        for (const s of sc) {
          const key = `${s}/${host}`;
          const list = byKey.get(key);
          if (list) list.push(entry);
          else byKey.set(key, [entry]);
          if (s === '*') {
            if (host.startsWith('*')) starWildcards.push(entry);
            else starExact.set(host, [...(starExact.get(host) ?? []), entry]);
          }
        }
      });
    }
    // Each VirtualService is reported once, at its first conflicting host.
    const reported = new Map<Resource, { entry: Entry; others: Set<Resource> }>();
    const identity = (r: Resource) => `${r.namespace}/${r.name}`;
    const flag = (group: Entry[]) => {
      // Copies of one VirtualService (same namespace/name, e.g. variants in several files) are one
      // object, not a conflict; nor is one VirtualService naming a host twice (short name and FQDN).
      const ids = new Set(group.map((e) => identity(e.vs)));
      if (ids.size < 2) return;
      for (const e of group) {
        let r = reported.get(e.vs);
        if (!r) reported.set(e.vs, (r = { entry: e, others: new Set() }));
        for (const o of group) if (identity(o.vs) !== identity(e.vs)) r.others.add(o.vs);
      }
    };
    for (const [key, list] of byKey) {
      const slash = key.indexOf('/');
      const scope = key.slice(0, slash);
      const host = key.slice(slash + 1);
      let group = list;
      if (scope !== '*') {
        const extra = host.startsWith('*')
          ? [...[...starExact.values()].flat(), ...starWildcards].filter((e) => hostsMatch(host, e.host))
          : [...(starExact.get(host) ?? []), ...starWildcards.filter((e) => hostsMatch(host, e.host))];
        group = [...list, ...extra];
      }
      if (group.length > 1) flag(group);
    }
    // Gateways merge the VirtualServices of one host, but in undefined order: also reported, as a warning.
    const byGatewayHost = new Map<string, Entry[]>();
    for (const vs of ctx.resources(K.VirtualService)) {
      const spec = specOf(vs);
      if (!Array.isArray(spec.gateways) || !Array.isArray(spec.hosts)) continue;
      const gws = new Set(spec.gateways.filter((g): g is string => typeof g === 'string' && g !== 'mesh').map((g) => (g.includes('/') ? g : `${vs.namespace}/${g}`)));
      spec.hosts.forEach((h, index) => {
        if (typeof h !== 'string' || h === '') return;
        const host = resolveIstioHost(h, vs.namespace, ctx.settings.clusterDomain);
        for (const g of gws) {
          const key = `${g}|${host}`;
          byGatewayHost.set(key, [...(byGatewayHost.get(key) ?? []), { vs, host, index }]);
        }
      });
    }
    const gatewayReported = new Set<Resource>();
    for (const [key, group] of byGatewayHost) {
      const ids = new Set(group.map((e) => identity(e.vs)));
      if (ids.size < 2) continue;
      const gw = key.slice(0, key.indexOf('|'));
      for (const e of group) {
        if (gatewayReported.has(e.vs) || reported.has(e.vs)) continue;
        gatewayReported.add(e.vs);
        const others = [...new Set(group.filter((o) => identity(o.vs) !== identity(e.vs)).map((o) => `${o.vs.namespace}/${o.vs.name}`))].sort();
        ctx.report({
          resource: e.vs,
          path: ['spec', 'hosts', e.index],
          severity: 'warning',
          message: `VirtualService ${e.vs.namespace}/${e.vs.name} defines host "${e.host}" on gateway ${gw}, as does VirtualService ${others.join(', ')}: the gateway merges their routes in undefined order; merge them into one VirtualService`,
        });
      }
    }
    for (const [vs, { entry, others }] of reported) {
      const names = [...others].map((o) => `${o.namespace}/${o.name}`).sort();
      const withWhom = names.length ? `VirtualService${names.length > 1 ? 's' : ''} ${names.join(', ')}` : 'another of its own hosts';
      ctx.report({
        resource: vs,
        path: ['spec', 'hosts', entry.index],
        message: `VirtualService ${vs.namespace}/${vs.name} defines host "${entry.host}" for the mesh gateway, as does ${withWhom}: sidecars apply only one of them, so routing is undefined; merge them into one VirtualService`,
        related: [...others].slice(0, 3).map((o) => ({ resource: o, path: ['spec', 'hosts'], message: `VirtualService ${o.namespace}/${o.name}` })),
      });
    }
  },
});
