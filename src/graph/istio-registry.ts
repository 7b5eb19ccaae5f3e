// Istio's service registry as seen from one namespace: Kubernetes Services (visible per the
// `networking.istio.io/exportTo` annotation) and ServiceEntry hosts (per `exportTo`), keyed by
// scope and FQDN, with the wildcard ServiceEntry hosts matched by suffix. Built once per graph.
import { K } from '../model/kinds.js';
import type { Resource } from '../model/types.js';
import { isObject } from '../parse/parse.js';
import type { ResourceGraph } from './graph.js';
import { hostsMatch, resolveIstioHost } from './istio.js';

export interface RegistryPort {
  number: number;
  name?: string;
  protocol?: string;
}

export interface RegistryEntry {
  host: string;
  resource: Resource;
  ports: RegistryPort[];
}

interface Registry {
  byKey: Map<string, RegistryEntry>;
  wildcards: Array<{ scope: string; entry: RegistryEntry }>;
}

/** Scopes of an exportTo list: `*` when empty or containing `*`, `.` = the owner's namespace. */
export function exportScopes(list: unknown, ownNamespace: string): string[] {
  const items = Array.isArray(list) ? list.filter((x): x is string => typeof x === 'string' && x !== '') : [];
  if (items.length === 0 || items.includes('*')) return ['*'];
  return [...new Set(items.map((x) => (x === '.' ? ownNamespace : x)))];
}

function servicePorts(svc: Resource): RegistryPort[] {
  const spec = isObject(svc.body.spec) ? svc.body.spec : {};
  const out: RegistryPort[] = [];
  for (const p of Array.isArray(spec.ports) ? spec.ports : []) {
    if (!isObject(p) || typeof p.port !== 'number') continue;
    out.push({ number: p.port, ...(typeof p.name === 'string' ? { name: p.name } : {}), ...(typeof p.protocol === 'string' ? { protocol: p.protocol } : {}) });
  }
  return out;
}

function sePorts(se: Resource): RegistryPort[] {
  const spec = isObject(se.body.spec) ? se.body.spec : {};
  const out: RegistryPort[] = [];
  for (const p of Array.isArray(spec.ports) ? spec.ports : []) {
    if (!isObject(p) || typeof p.number !== 'number') continue;
    out.push({ number: p.number, ...(typeof p.name === 'string' ? { name: p.name } : {}), ...(typeof p.protocol === 'string' ? { protocol: p.protocol } : {}) });
  }
  return out;
}

function registry(graph: ResourceGraph): Registry {
  return graph.memo('istio:registry', () => {
    const reg: Registry = { byKey: new Map(), wildcards: [] };
    const add = (scope: string, entry: RegistryEntry) => {
      const key = `${scope}/${entry.host}`;
      if (!reg.byKey.has(key)) reg.byKey.set(key, entry);
      if (entry.host.startsWith('*')) reg.wildcards.push({ scope, entry });
    };
    for (const svc of graph.ofKind('Service')) {
      const ann = svc.annotations['networking.istio.io/exportTo'];
      const scopes = exportScopes(ann === undefined ? [] : ann.split(',').map((s) => s.trim()), svc.namespace);
      const entry = { host: graph.serviceFqdn(svc).toLowerCase(), resource: svc, ports: servicePorts(svc) };
      for (const s of scopes) add(s, entry);
    }
    for (const se of graph.ofKind(K.ServiceEntry)) {
      const spec = isObject(se.body.spec) ? se.body.spec : {};
      const scopes = exportScopes(spec.exportTo, se.namespace);
      const ports = sePorts(se);
      for (const h of Array.isArray(spec.hosts) ? spec.hosts : []) {
        if (typeof h !== 'string' || h === '') continue;
        const entry = { host: resolveIstioHost(h, se.namespace, graph.clusterDomain), resource: se, ports };
        for (const s of scopes) add(s, entry);
      }
    }
    return reg;
  });
}

/**
 * The registry entry a host resolves to for a resource in `namespace` whose own export scopes are
 * `exportTo` (Istio looks destinations up in the referrer's export scopes): exact `*` scope first,
 * then the referrer's scopes, then wildcard ServiceEntry hosts visible to its namespace.
 */
export function lookupHost(graph: ResourceGraph, host: string, namespace: string, exportTo?: unknown): RegistryEntry | undefined {
  const reg = registry(graph);
  const fqdn = resolveIstioHost(host, namespace, graph.clusterDomain);
  const hit = reg.byKey.get(`*/${fqdn}`);
  if (hit) return hit;
  const own = Array.isArray(exportTo) && exportTo.length > 0 ? exportTo.filter((x): x is string => typeof x === 'string').map((e) => (e === '.' ? namespace : e)) : [namespace];
  for (const s of own) {
    const h = reg.byKey.get(`${s}/${fqdn}`);
    if (h) return h;
  }
  for (const w of reg.wildcards) {
    if ((w.scope === '*' || w.scope === namespace) && hostsMatch(w.entry.host, fqdn) && (!fqdn.startsWith('*') || fqdn.endsWith(w.entry.host.slice(1)))) return w.entry;
  }
  return undefined;
}

function editDistance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 2) return 3;
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[b.length];
}

/**
 * Names a typo or a naming slip would produce from one another: within two edits (names longer
 * than three characters), or one a dash-separated extension of the other (`ads` / `ads-svc`).
 */
export function similarNames(a: string, b: string): boolean {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  if (x === y) return true;
  if (x.startsWith(`${y}-`) || y.startsWith(`${x}-`)) return true;
  return Math.min(x.length, y.length) > 3 && editDistance(x, y) <= 2;
}

/**
 * For a cluster-local host that resolves nowhere: a Service of the inputs it was probably meant to
 * be (a name within two edits in the same namespace, or the same name in another namespace).
 * Without one, the Service is more likely defined outside the inputs than misspelt.
 */
export function nearMissService(graph: ResourceGraph, host: string, namespace: string): Resource | undefined {
  const fqdn = resolveIstioHost(host, namespace, graph.clusterDomain);
  const suffix = `.svc.${graph.clusterDomain}`;
  if (!fqdn.endsWith(suffix) || fqdn.startsWith('*')) return undefined;
  const parts = fqdn.slice(0, -suffix.length).split('.');
  if (parts.length !== 2) return undefined;
  const [name, ns] = parts;
  const sameNs = graph.inNamespace('Service', ns).find((s) => similarNames(s.name, name));
  return sameNs ?? graph.named('Service', name).find((s) => s.namespace !== ns && !s.namespaceDefaulted);
}

/**
 * A Service of that short name written without a namespace: `kubectl apply -n <ns>` would put it in
 * any namespace, so it probably is the destination.
 */
export function unplacedNamesake(graph: ResourceGraph, host: string, namespace: string): Resource | undefined {
  const fqdn = resolveIstioHost(host, namespace, graph.clusterDomain);
  const suffix = `.svc.${graph.clusterDomain}`;
  if (!fqdn.endsWith(suffix)) return undefined;
  const name = fqdn.slice(0, -suffix.length).split('.')[0];
  return graph.named('Service', name).find((s) => s.namespaceDefaulted);
}

/** A ServiceEntry host within two edits of an unknown external host (a likely typo). */
export function nearMissServiceEntry(graph: ResourceGraph, host: string): Resource | undefined {
  const h = host.toLowerCase();
  for (const se of graph.ofKind(K.ServiceEntry)) {
    const hosts = isObject(se.body.spec) && Array.isArray(se.body.spec.hosts) ? se.body.spec.hosts : [];
    if (hosts.some((x) => typeof x === 'string' && similarNames(x, h))) return se;
  }
  return undefined;
}

/** Is the host a cluster-local Service name (`name.ns.svc.<domain>` after resolution)? */
export function isClusterLocal(graph: ResourceGraph, host: string, namespace: string): boolean {
  const fqdn = resolveIstioHost(host, namespace, graph.clusterDomain);
  return fqdn.endsWith(`.svc.${graph.clusterDomain}`) && !fqdn.startsWith('*');
}
