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

/**
 * For a host that resolves nowhere: the namespace of a cluster-local FQDN when the inputs hold no
 * Service at all in that namespace, or it is the control plane's (the Service may well be defined
 * in another repository).
 */
export function uncoveredNamespace(graph: ResourceGraph, host: string, namespace: string): string | undefined {
  const fqdn = resolveIstioHost(host, namespace, graph.clusterDomain);
  const suffix = `.svc.${graph.clusterDomain}`;
  if (!fqdn.endsWith(suffix) || fqdn.startsWith('*')) return undefined;
  const parts = fqdn.slice(0, -suffix.length).split('.');
  if (parts.length !== 2) return undefined;
  // The control plane's namespace is deployed by the Istio installation, not by application repositories.
  if (parts[1] === 'istio-system' || parts[1] === graph.meshConfig.rootNamespace) return parts[1];
  return graph.inNamespace('Service', parts[1]).length === 0 ? parts[1] : undefined;
}
