// Istio AuthorizationPolicy resolution: which workloads a policy applies to, its rules as data,
// and the identities (ServiceAccounts) a principal can name.
import type { Path, Resource } from '../model/types.js';
import { K } from '../model/kinds.js';
import { isObject } from '../parse/parse.js';
import type { ResourceGraph } from './graph.js';
import { equalitySelector, isEmptySelector, type LabelSelector } from './selectors.js';
import type { Workload } from './workloads.js';

export type AuthzAction = 'ALLOW' | 'DENY' | 'AUDIT' | 'CUSTOM';

export interface AuthzRule {
  index: number;
  rule: Record<string, unknown>;
  /** `{}`: matches every request. */
  empty: boolean;
}

export interface AuthzPolicy {
  resource: Resource;
  action: AuthzAction;
  /** undefined: selector-less (namespace-wide, or mesh-wide in the root namespace). */
  selector?: LabelSelector;
  /** Policies attached with targetRef(s) are Ambient/waypoint policies: selection unknown here. */
  targetRef: boolean;
  /** `rules` as written; undefined when absent. */
  rules?: AuthzRule[];
  meshWide: boolean;
}

export function authzPolicy(graph: ResourceGraph, ap: Resource): AuthzPolicy {
  const spec = isObject(ap.body.spec) ? ap.body.spec : {};
  const action = (typeof spec.action === 'string' ? spec.action : 'ALLOW') as AuthzAction;
  const sel = isObject(spec.selector) ? equalitySelector(spec.selector.matchLabels) : undefined;
  const rules = Array.isArray(spec.rules)
    ? spec.rules.map((r, index) => {
        const rule = isObject(r) ? r : {};
        return { index, rule, empty: Object.keys(rule).every((k) => !hasContent(rule[k])) };
      })
    : undefined;
  return {
    resource: ap,
    action,
    ...(sel && !isEmptySelector(sel) ? { selector: sel } : {}),
    targetRef: spec.targetRef !== undefined || spec.targetRefs !== undefined,
    ...(rules ? { rules } : {}),
    meshWide: ap.namespace === graph.meshConfig.rootNamespace && !(sel && !isEmptySelector(sel)),
  };
}

function hasContent(v: unknown): boolean {
  if (v === null || v === undefined) return false;
  if (Array.isArray(v)) return v.length > 0;
  if (isObject(v)) return Object.keys(v).length > 0;
  return true;
}

/**
 * Workloads in the inputs a policy applies to: its namespace's (all of them when selector-less);
 * in the root namespace, every namespace's. Undefined for targetRef policies.
 */
export function authzWorkloads(graph: ResourceGraph, p: AuthzPolicy): Workload[] | undefined {
  if (p.targetRef) return undefined;
  const root = graph.meshConfig.rootNamespace;
  if (p.resource.namespace === root) {
    if (!p.selector) return [...graph.workloads];
    return graph.knownNamespaces().flatMap((ns) => graph.workloadsMatching(ns, p.selector!));
  }
  return p.selector ? graph.workloadsMatching(p.resource.namespace, p.selector) : [...graph.workloadsInNamespace(p.resource.namespace)];
}

/** Policies (parsed once) by namespace, for "what else applies to this workload" questions. */
export function authzPolicies(graph: ResourceGraph): AuthzPolicy[] {
  return graph.memo('istio.authz.policies', () => graph.ofKind(K.AuthorizationPolicy).map((ap) => authzPolicy(graph, ap)));
}

/** Policies that apply to workload `w` (selector match, namespace-wide or mesh-wide). */
export function policiesFor(graph: ResourceGraph, w: Workload): AuthzPolicy[] {
  const byNs = graph.memo('istio.authz.byNamespace', () => {
    const m = new Map<string, AuthzPolicy[]>();
    for (const p of authzPolicies(graph)) {
      if (p.targetRef) continue;
      const list = m.get(p.resource.namespace) ?? [];
      list.push(p);
      m.set(p.resource.namespace, list);
    }
    return m;
  });
  const root = graph.meshConfig.rootNamespace;
  const candidates = [...(byNs.get(w.namespace) ?? []), ...(w.namespace !== root ? (byNs.get(root) ?? []) : [])];
  return candidates.filter((p) => !p.selector || Object.entries(p.selector.matchLabels).every(([k, v]) => w.labels[k] === v));
}

// ---- identities ------------------------------------------------------------------------------

/** `namespace/name` of every ServiceAccount the inputs define or a pod template runs as (namespace "*" when it was defaulted). */
export function serviceAccountIdentities(graph: ResourceGraph): Set<string> {
  return graph.memo('istio.authz.serviceAccounts', () => {
    const set = new Set<string>();
    // Resources without metadata.namespace are applied with `-n <ns>`: they may live anywhere.
    for (const sa of graph.ofKind(K.ServiceAccount)) set.add(`${sa.namespaceDefaulted ? '*' : sa.namespace}/${sa.name}`);
    for (const w of graph.workloads) set.add(`${w.resource.namespaceDefaulted ? '*' : w.namespace}/${w.serviceAccountName}`);
    // Istio deploys Gateway API Gateways (and waypoints) itself, as ServiceAccount
    // `<name>-<gatewayClassName>` (waypoints: `<name>`), unless annotated otherwise.
    for (const gw of graph.ofKind(K.Gateway)) {
      const ns = gw.namespaceDefaulted ? '*' : gw.namespace;
      const cls = isObject(gw.body.spec) && typeof gw.body.spec.gatewayClassName === 'string' ? gw.body.spec.gatewayClassName : '';
      const explicit = gw.annotations['gateway.istio.io/service-account'];
      if (explicit) set.add(`${ns}/${explicit}`);
      set.add(`${ns}/${gw.name}`);
      if (cls) set.add(`${ns}/${gw.name}-${cls}`);
    }
    for (const wg of graph.ofKind(K.WorkloadGroup)) {
      const t = isObject(wg.body.spec) && isObject(wg.body.spec.template) ? wg.body.spec.template : {};
      if (typeof t.serviceAccount === 'string') set.add(`${wg.namespace}/${t.serviceAccount}`);
    }
    for (const we of graph.ofKind(K.WorkloadEntry)) {
      const s = isObject(we.body.spec) ? we.body.spec : {};
      if (typeof s.serviceAccount === 'string') set.add(`${we.namespace}/${s.serviceAccount}`);
    }
    return set;
  });
}

export interface ParsedPrincipal {
  trustDomain: string;
  namespace: string;
  serviceAccount: string;
}

/** `<trust domain>/ns/<namespace>/sa/<service account>`; undefined for other shapes. */
export function parsePrincipal(p: string): ParsedPrincipal | undefined {
  const m = /^([^/]+)\/ns\/([^/]+)\/sa\/([^/]+)$/.exec(p);
  return m ? { trustDomain: m[1], namespace: m[2], serviceAccount: m[3] } : undefined;
}

/** Trust domains the mesh accepts: its own, its aliases; `cluster.local` is always an alias. */
export function trustDomains(graph: ResourceGraph): Set<string> {
  const mc = graph.meshConfig;
  const aliases = Array.isArray(mc.raw.trustDomainAliases) ? mc.raw.trustDomainAliases.filter((x): x is string => typeof x === 'string') : [];
  // Istio rewrites principals of the default `cluster.local` domain to the mesh's own one.
  return new Set([mc.trustDomain, 'cluster.local', ...aliases]);
}

/** Istio string match: exact, `*`, `prefix*` or `*suffix`. */
export function istioStringMatch(pattern: string, value: string): boolean {
  if (pattern === '*') return true;
  if (pattern.endsWith('*')) return value.startsWith(pattern.slice(0, -1));
  if (pattern.startsWith('*')) return value.endsWith(pattern.slice(1));
  return pattern === value;
}

// ---- fields ----------------------------------------------------------------------------------

export interface FieldUse {
  path: Path;
  key: string;
  values: unknown[];
}

/** Every `from[].source.<key>` list of the policy's rules. */
export function sourceFields(p: AuthzPolicy, keys: readonly string[]): FieldUse[] {
  const out: FieldUse[] = [];
  for (const r of p.rules ?? []) {
    if (!Array.isArray(r.rule.from)) continue;
    r.rule.from.forEach((f, fi) => {
      if (!isObject(f) || !isObject(f.source)) return;
      for (const key of keys) {
        const v = f.source[key];
        if (Array.isArray(v) && v.length) out.push({ path: ['spec', 'rules', r.index, 'from', fi, 'source', key], key, values: v });
      }
    });
  }
  return out;
}

/** Every `to[].operation.<key>` list of the policy's rules. */
export function operationFields(p: AuthzPolicy, keys: readonly string[]): FieldUse[] {
  const out: FieldUse[] = [];
  for (const r of p.rules ?? []) {
    if (!Array.isArray(r.rule.to)) continue;
    r.rule.to.forEach((t, ti) => {
      if (!isObject(t) || !isObject(t.operation)) return;
      for (const key of keys) {
        const v = t.operation[key];
        if (Array.isArray(v) && v.length) out.push({ path: ['spec', 'rules', r.index, 'to', ti, 'operation', key], key, values: v });
      }
    });
  }
  return out;
}

/** Every `when[]` condition whose key is one of `keys` (or starts with a `prefix*` entry). */
export function whenConditions(p: AuthzPolicy, match: (key: string) => boolean): FieldUse[] {
  const out: FieldUse[] = [];
  for (const r of p.rules ?? []) {
    if (!Array.isArray(r.rule.when)) continue;
    r.rule.when.forEach((c, ci) => {
      if (isObject(c) && typeof c.key === 'string' && match(c.key)) out.push({ path: ['spec', 'rules', r.index, 'when', ci, 'key'], key: c.key, values: [] });
    });
  }
  return out;
}

// ---- ports -----------------------------------------------------------------------------------

const HTTP_PROTOCOLS = new Set(['http', 'http2', 'grpc', 'grpc-web', 'h2c', 'kubernetes.io/h2c', 'kubernetes.io/ws', 'kubernetes.io/wss']);
const TCP_PROTOCOLS = new Set(['tcp', 'tls', 'https', 'mongo', 'mysql', 'redis']);

/** Istio's protocol of a Service port: `appProtocol`, else the port name's `<protocol>[-suffix]`. */
export function servicePortProtocol(sp: Record<string, unknown>): 'http' | 'tcp' | 'unknown' {
  if (typeof sp.protocol === 'string' && sp.protocol.toUpperCase() === 'UDP') return 'unknown';
  const app = typeof sp.appProtocol === 'string' ? sp.appProtocol.toLowerCase() : undefined;
  const name = typeof sp.name === 'string' ? sp.name.toLowerCase() : '';
  const proto = app ?? name.split('-')[0];
  if (app === undefined && name.startsWith('grpc-web')) return 'http';
  if (HTTP_PROTOCOLS.has(proto)) return 'http';
  if (TCP_PROTOCOLS.has(proto)) return 'tcp';
  return 'unknown';
}

/**
 * The protocol Istio uses for a workload's container port, from the Services that select the
 * workload and target that port; `unknown` when no Service says or they disagree.
 */
export function containerPortProtocol(graph: ResourceGraph, w: Workload, containerPort: number): 'http' | 'tcp' | 'unknown' {
  let found: 'http' | 'tcp' | 'unknown' | undefined;
  for (const svc of graph.servicesSelecting(w)) {
    const spec = isObject(svc.body.spec) ? svc.body.spec : {};
    if (!Array.isArray(spec.ports)) continue;
    for (const sp of spec.ports) {
      if (!isObject(sp)) continue;
      const target = sp.targetPort ?? sp.port;
      const n = typeof target === 'number' ? target : typeof target === 'string' ? (/^\d+$/.test(target) ? Number(target) : w.containerPorts.find((p) => p.name === target)?.containerPort) : undefined;
      if (n !== containerPort) continue;
      const proto = servicePortProtocol(sp);
      if (found !== undefined && found !== proto) return 'unknown';
      found = proto;
    }
  }
  return found ?? 'unknown';
}
