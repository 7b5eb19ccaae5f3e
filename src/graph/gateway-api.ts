// Gateway API resolution, in one place: parentRef/backendRef defaulting, listeners (Gateway and
// ListenerSet), the route–parent attachment algorithm with its reason precedence, backendRef
// resolution (kinds, ReferenceGrants, existence, ports) and TLS object references.
// Everything derived is memoised on the graph, so rules stay linear.
import type { Path, Resource } from '../model/types.js';
import { K, kindKeyOf } from '../model/kinds.js';
import { isObject } from '../parse/parse.js';
import type { ResourceGraph } from './graph.js';
import { formatSelector, labelSelector, selectorMatches, type LabelSelector } from './selectors.js';

export const GATEWAY_API_GROUP = 'gateway.networking.k8s.io';
export const ROUTE_KINDS: readonly string[] = [K.HTTPRoute, K.GRPCRoute, K.TLSRoute, K.TCPRoute, K.UDPRoute];
const ROUTE_KIND_NAMES = new Set(['HTTPRoute', 'GRPCRoute', 'TLSRoute', 'TCPRoute', 'UDPRoute']);
/** Route kinds whose spec carries hostnames. */
const HOSTNAME_ROUTE_KINDS = new Set(['HTTPRoute', 'GRPCRoute', 'TLSRoute']);

export interface ResolvedRef {
  group: string;
  kind: string;
  kindKey: string;
  namespace: string;
  name: string;
  sectionName?: string;
  port?: number;
  /** True when the namespace was written, false when defaulted to the referrer's. */
  explicitNamespace: boolean;
  /** Path of the ref inside its resource. */
  path: Path;
  raw: Record<string, unknown>;
}

/** `core` is an accepted spelling of the core group in parentRefs. */
export function normalizeGroup(group: string): string {
  return group === 'core' ? '' : group;
}

export function resolveObjectRef(from: Resource, raw: Record<string, unknown>, path: Path, defaultGroup: string, defaultKind: string): ResolvedRef | undefined {
  if (typeof raw.name !== 'string' || raw.name === '') return undefined;
  const group = normalizeGroup(typeof raw.group === 'string' ? raw.group : defaultGroup);
  const kind = typeof raw.kind === 'string' && raw.kind !== '' ? raw.kind : defaultKind;
  const explicitNamespace = typeof raw.namespace === 'string' && raw.namespace !== '';
  return {
    group,
    kind,
    kindKey: kindKeyOf(group, kind),
    namespace: explicitNamespace ? (raw.namespace as string) : from.namespace,
    name: raw.name,
    ...(typeof raw.sectionName === 'string' && raw.sectionName !== '' ? { sectionName: raw.sectionName } : {}),
    ...(typeof raw.port === 'number' ? { port: raw.port } : {}),
    explicitNamespace,
    path,
    raw,
  };
}

function spec(r: Resource): Record<string, unknown> {
  return isObject(r.body.spec) ? r.body.spec : {};
}

/** parentRefs with Gateway API defaults: group gateway.networking.k8s.io, kind Gateway, the route's namespace. */
export function routeParentRefs(route: Resource): ResolvedRef[] {
  const s = spec(route);
  if (!Array.isArray(s.parentRefs)) return [];
  const out: ResolvedRef[] = [];
  s.parentRefs.forEach((p, i) => {
    if (!isObject(p)) return;
    const ref = resolveObjectRef(route, p, ['spec', 'parentRefs', i], GATEWAY_API_GROUP, 'Gateway');
    if (ref) out.push(ref);
  });
  return out;
}

export interface BackendRef extends ResolvedRef {
  ruleIndex: number;
  weight: number;
}

/** backendRefs of every rule: core group, kind Service, weight 1. */
export function routeBackendRefs(route: Resource): BackendRef[] {
  const s = spec(route);
  if (!Array.isArray(s.rules)) return [];
  const out: BackendRef[] = [];
  s.rules.forEach((rule, ri) => {
    if (!isObject(rule) || !Array.isArray(rule.backendRefs)) return;
    rule.backendRefs.forEach((b, bi) => {
      if (!isObject(b)) return;
      const ref = resolveObjectRef(route, b, ['spec', 'rules', ri, 'backendRefs', bi], '', 'Service');
      if (ref) out.push({ ...ref, ruleIndex: ri, weight: typeof b.weight === 'number' ? b.weight : 1 });
    });
  });
  return out;
}

/** A route is mesh-bound (GAMMA) when every parentRef is a Service: it needs no ReferenceGrant. */
export function isMeshRoute(route: Resource): boolean {
  const parents = routeParentRefs(route);
  return parents.length > 0 && parents.every((p) => p.group === '' && p.kind === 'Service');
}

// ---- namespaces --------------------------------------------------------------------------

/** Labels of a namespace: its Namespace object's, plus the implicit kubernetes.io/metadata.name. */
export function namespaceLabels(graph: ResourceGraph, ns: string): { labels: Record<string, string>; known: boolean } {
  const nsr = graph.namespaceResource(ns);
  return { labels: { ...(nsr?.labels ?? {}), 'kubernetes.io/metadata.name': ns }, known: nsr !== undefined };
}

export type NamespaceAdmission = { admitted: true } | { admitted: false; certain: boolean; why: string };

/** `from: Same | All | Selector | None` against a namespace; `home` is the namespace `Same` means. */
export function admitsNamespace(graph: ResourceGraph, from: string, selector: LabelSelector | undefined, home: string, ns: string, what = 'routes'): NamespaceAdmission {
  switch (from) {
    case 'All':
      return { admitted: true };
    case 'Same':
      return ns === home ? { admitted: true } : { admitted: false, certain: true, why: `allows only ${what} from namespace ${home} (from: Same); namespace ${ns} is not` };
    case 'Selector': {
      if (!selector) return { admitted: false, certain: true, why: 'uses from: Selector without a selector' };
      const { labels, known } = namespaceLabels(graph, ns);
      if (selectorMatches(selector, labels)) return { admitted: true };
      return known
        ? { admitted: false, certain: true, why: `allows ${what} from namespaces labelled ${formatSelector(selector)}; namespace ${ns} is not` }
        : { admitted: false, certain: false, why: `allows ${what} from namespaces labelled ${formatSelector(selector)}; namespace ${ns} is not in the inputs, so its labels are unknown` };
    }
    case 'None':
      return { admitted: false, certain: true, why: 'allows no namespace (from: None)' };
    default:
      return { admitted: true };
  }
}

// ---- listeners ---------------------------------------------------------------------------

export interface RouteGroupKind {
  group: string;
  kind: string;
}

export interface Listener {
  /** The Gateway or ListenerSet that declares it. */
  owner: Resource;
  index: number;
  path: Path;
  name: string;
  port?: number;
  protocol: string;
  hostname?: string;
  tlsMode?: string;
  from: string;
  selector?: LabelSelector;
  /** Explicit allowedRoutes.kinds (group defaulted), or undefined for protocol-derived. */
  kinds?: Array<RouteGroupKind & { path: Path }>;
  raw: Record<string, unknown>;
}

export const CORE_PROTOCOLS = new Set(['HTTP', 'HTTPS', 'TLS', 'TCP', 'UDP']);

/** Route kinds a protocol can carry; undefined for implementation-specific protocols (anything goes). */
export function kindsForProtocol(protocol: string, tlsMode?: string): readonly string[] | undefined {
  switch (protocol) {
    case 'HTTP':
    case 'HTTPS':
      return ['HTTPRoute', 'GRPCRoute'];
    case 'TLS':
      return tlsMode === 'Terminate' ? ['TLSRoute', 'TCPRoute'] : ['TLSRoute'];
    case 'TCP':
      return ['TCPRoute'];
    case 'UDP':
      return ['UDPRoute'];
    default:
      return undefined;
  }
}

function readListeners(owner: Resource): Listener[] {
  const s = spec(owner);
  if (!Array.isArray(s.listeners)) return [];
  const out: Listener[] = [];
  s.listeners.forEach((l, i) => {
    if (!isObject(l)) return;
    const ar = isObject(l.allowedRoutes) ? l.allowedRoutes : {};
    const nsSpec = isObject(ar.namespaces) ? ar.namespaces : {};
    const tls = isObject(l.tls) ? l.tls : undefined;
    const protocol = typeof l.protocol === 'string' ? l.protocol : '';
    let kinds: Listener['kinds'];
    if (Array.isArray(ar.kinds) && ar.kinds.length > 0) {
      kinds = [];
      ar.kinds.forEach((k, ki) => {
        if (!isObject(k) || typeof k.kind !== 'string') return;
        kinds!.push({ group: typeof k.group === 'string' ? normalizeGroup(k.group) : GATEWAY_API_GROUP, kind: k.kind, path: ['spec', 'listeners', i, 'allowedRoutes', 'kinds', ki] });
      });
    }
    out.push({
      owner,
      index: i,
      path: ['spec', 'listeners', i],
      name: typeof l.name === 'string' ? l.name : '',
      ...(typeof l.port === 'number' ? { port: l.port } : {}),
      protocol,
      ...(typeof l.hostname === 'string' && l.hostname !== '' ? { hostname: l.hostname.toLowerCase() } : {}),
      ...(tls ? { tlsMode: typeof tls.mode === 'string' ? tls.mode : 'Terminate' } : {}),
      from: typeof nsSpec.from === 'string' ? nsSpec.from : 'Same',
      ...(nsSpec.from === 'Selector' ? { selector: labelSelector(nsSpec.selector) ?? { matchLabels: {}, matchExpressions: [] } } : {}),
      ...(kinds ? { kinds } : {}),
      raw: l,
    });
  });
  return out;
}

export function listenersOf(graph: ResourceGraph, owner: Resource): Listener[] {
  const m = graph.memo('gwapi:listeners', () => new Map<number, Listener[]>());
  let ls = m.get(owner.uid);
  if (!ls) m.set(owner.uid, (ls = readListeners(owner)));
  return ls;
}

export interface KindCheck {
  /** Kinds the listener admits (supportedKinds); undefined = any (implementation-specific protocol). */
  supported: Set<string> | undefined;
  /** allowedRoutes.kinds entries that are unknown or that the protocol cannot carry. */
  invalid: Array<RouteGroupKind & { path: Path; why: string }>;
}

export function listenerKinds(l: Listener): KindCheck {
  const byProtocol = kindsForProtocol(l.protocol, l.tlsMode);
  if (!l.kinds) return { supported: byProtocol ? new Set(byProtocol) : undefined, invalid: [] };
  const supported = new Set<string>();
  const invalid: KindCheck['invalid'] = [];
  for (const k of l.kinds) {
    if (k.group !== GATEWAY_API_GROUP || !ROUTE_KIND_NAMES.has(k.kind)) {
      // Other groups may be implementation route kinds; only the Gateway API group is ours to judge.
      if (k.group === GATEWAY_API_GROUP) invalid.push({ ...k, why: `${k.kind} is not a Gateway API route kind` });
      else if (!byProtocol) supported.add(`${k.group}/${k.kind}`);
      else supported.add(`${k.group}/${k.kind}`);
      continue;
    }
    if (byProtocol && !byProtocol.includes(k.kind)) {
      invalid.push({ ...k, why: `protocol ${l.protocol}${l.protocol === 'TLS' ? ` (mode ${l.tlsMode ?? 'Terminate'})` : ''} cannot carry ${k.kind}` });
      continue;
    }
    supported.add(k.kind);
  }
  return { supported, invalid };
}

/** Namespace that `from: Same` refers to for this listener: its Gateway's or its ListenerSet's. */
function listenerHome(l: Listener): string {
  return l.owner.namespace;
}

// ---- hostnames ---------------------------------------------------------------------------

/** Gateway API hostname intersection (wildcards match one or more labels, never the bare suffix). */
export function hostnamesIntersect(a: string, b: string): boolean {
  a = a.toLowerCase();
  b = b.toLowerCase();
  if (a === b) return true;
  const aw = a.startsWith('*.');
  const bw = b.startsWith('*.');
  if (aw && bw) {
    const as = a.slice(1);
    const bs = b.slice(1);
    return as.endsWith(bs) || bs.endsWith(as);
  }
  if (aw) return b.endsWith(a.slice(1)) && b.length > a.length - 1;
  if (bw) return a.endsWith(b.slice(1)) && a.length > b.length - 1;
  return false;
}

export function routeHostnames(route: Resource): Array<{ value: string; index: number }> {
  const s = spec(route);
  if (!Array.isArray(s.hostnames)) return [];
  const out: Array<{ value: string; index: number }> = [];
  s.hostnames.forEach((h, i) => {
    if (typeof h === 'string' && h !== '') out.push({ value: h, index: i });
  });
  return out;
}

// ---- ListenerSets ------------------------------------------------------------------------

export function listenerSetParent(ls: Resource): ResolvedRef | undefined {
  const p = spec(ls).parentRef;
  if (!isObject(p)) return undefined;
  return resolveObjectRef(ls, p, ['spec', 'parentRef'], GATEWAY_API_GROUP, 'Gateway');
}

/** ListenerSets attached (by parentRef) to each Gateway. */
function listenerSetsByGateway(graph: ResourceGraph): Map<number, Resource[]> {
  return graph.memo('gwapi:listenersets', () => {
    const m = new Map<number, Resource[]>();
    for (const ls of graph.ofKind(K.ListenerSet)) {
      const p = listenerSetParent(ls);
      if (!p || p.kindKey !== K.Gateway) continue;
      const gw = graph.get(K.Gateway, p.namespace, p.name);
      if (!gw) continue;
      const list = m.get(gw.uid) ?? [];
      list.push(ls);
      m.set(gw.uid, list);
    }
    for (const list of m.values()) list.sort(byAge);
    return m;
  });
}

export function listenerSetsOf(graph: ResourceGraph, gw: Resource): readonly Resource[] {
  return listenerSetsByGateway(graph).get(gw.uid) ?? [];
}

/** Older first (creationTimestamp), then `namespace/name` alphabetically: Gateway API precedence. */
export function byAge(a: Resource, b: Resource): number {
  const ta = creationTime(a);
  const tb = creationTime(b);
  if (ta !== tb) {
    if (ta === undefined) return 1;
    if (tb === undefined) return -1;
    return ta < tb ? -1 : 1;
  }
  const ka = `${a.namespace}/${a.name}`;
  const kb = `${b.namespace}/${b.name}`;
  return ka < kb ? -1 : ka > kb ? 1 : 0;
}

function creationTime(r: Resource): string | undefined {
  const md = isObject(r.body.metadata) ? r.body.metadata : {};
  return typeof md.creationTimestamp === 'string' ? md.creationTimestamp : undefined;
}

export type ListenerSetAdmission =
  | { status: 'allowed'; gateway: Resource }
  | { status: 'no-parent' }
  | { status: 'not-allowed'; gateway: Resource; certain: boolean; why: string; path: Path };

export function listenerSetAdmission(graph: ResourceGraph, ls: Resource): ListenerSetAdmission {
  const p = listenerSetParent(ls);
  if (!p || p.kindKey !== K.Gateway) return { status: 'no-parent' };
  const gw = graph.get(K.Gateway, p.namespace, p.name);
  if (!gw) return { status: 'no-parent' };
  const al = isObject(spec(gw).allowedListeners) ? (spec(gw).allowedListeners as Record<string, unknown>) : undefined;
  const nsSpec = al && isObject(al.namespaces) ? al.namespaces : undefined;
  const from = nsSpec && typeof nsSpec.from === 'string' ? nsSpec.from : 'None';
  const selector = from === 'Selector' ? (labelSelector(nsSpec?.selector) ?? undefined) : undefined;
  const a = admitsNamespace(graph, from, selector, gw.namespace, ls.namespace, 'ListenerSets');
  if (a.admitted) return { status: 'allowed', gateway: gw };
  const why = !al ? 'has no spec.allowedListeners, which defaults to from: None' : `spec.allowedListeners ${a.why}`;
  return { status: 'not-allowed', gateway: gw, certain: a.certain, why, path: ['spec', 'parentRef'] };
}

// ---- listener conflicts --------------------------------------------------------------------

export interface ListenerConflict {
  listener: Listener;
  winner: Listener;
  reason: 'HostnameConflict' | 'ProtocolConflict';
}

function protocolFamily(p: string): string {
  if (p === 'HTTPS' || p === 'TLS') return 'tls';
  return p;
}
function transport(p: string): string {
  return p === 'UDP' ? 'udp' : 'tcp';
}

/**
 * Conflicts between the listeners of a Gateway and its admitted ListenerSets, in precedence
 * order (Gateway listeners first, then ListenerSets oldest first). Within one resource the
 * duplicate port/protocol/hostname is a CEL error instead and is not reported here.
 */
export function listenerConflicts(graph: ResourceGraph, gw: Resource): ListenerConflict[] {
  const m = graph.memo('gwapi:conflicts', () => new Map<number, ListenerConflict[]>());
  const hit = m.get(gw.uid);
  if (hit) return hit;
  const ordered: Listener[] = [...listenersOf(graph, gw)];
  for (const ls of listenerSetsOf(graph, gw)) {
    const adm = listenerSetAdmission(graph, ls);
    if (adm.status === 'allowed') ordered.push(...listenersOf(graph, ls));
  }
  const accepted: Listener[] = [];
  const out: ListenerConflict[] = [];
  const byPort = new Map<string, Listener[]>();
  for (const l of ordered) {
    if (l.port === undefined || !l.protocol) continue;
    const key = `${transport(l.protocol)}:${l.port}`;
    const same = byPort.get(key) ?? [];
    let conflict: ListenerConflict | undefined;
    for (const w of same) {
      if (w.owner === l.owner) continue; // within one resource: CEL
      // The same ListenerSet defined twice (alternative manifests linted together): no conflict.
      if (w.owner.kindKey === l.owner.kindKey && w.owner.namespace === l.owner.namespace && w.owner.name === l.owner.name) continue;
      if (protocolFamily(w.protocol) !== protocolFamily(l.protocol)) {
        conflict = { listener: l, winner: w, reason: 'ProtocolConflict' };
        break;
      }
      if (w.protocol === l.protocol && (w.hostname ?? '') === (l.hostname ?? '')) {
        conflict = { listener: l, winner: w, reason: 'HostnameConflict' };
        break;
      }
    }
    if (conflict) out.push(conflict);
    else {
      accepted.push(l);
      same.push(l);
      byPort.set(key, same);
    }
  }
  m.set(gw.uid, out);
  return out;
}

// ---- route attachment ----------------------------------------------------------------------

export type AttachReason = 'NoMatchingParent' | 'NotAllowedByListeners' | 'NoMatchingListenerHostname' | 'UnsupportedValue';

export type ParentOutcome =
  | { status: 'accepted'; parent: Resource; listeners: Listener[] }
  /** The parent object is not in the inputs. */
  | { status: 'missing'; ref: ResolvedRef }
  /** A parent kind this linter does not model (implementation-specific): no prediction. */
  | { status: 'unknown'; ref: ResolvedRef }
  | { status: 'rejected'; parent?: Resource; reason: AttachReason; detail: string; certain: boolean; path: Path };

function describeRef(ref: ResolvedRef): string {
  return `${ref.kind} ${ref.namespace}/${ref.name}${ref.sectionName ? ` (sectionName ${ref.sectionName})` : ''}${ref.port !== undefined ? ` (port ${ref.port})` : ''}`;
}

/** Predicts the `Accepted` condition of one parentRef of a route. */
export function attachParentRef(graph: ResourceGraph, route: Resource, ref: ResolvedRef): ParentOutcome {
  if (ref.group === '' && ref.kind === 'Service') return attachToService(graph, ref);
  if (ref.group === GATEWAY_API_GROUP && ref.kind === 'Service') {
    return {
      status: 'rejected',
      reason: 'UnsupportedValue',
      certain: true,
      path: [...ref.path, 'kind'],
      detail: `parentRef kind Service has the defaulted group ${GATEWAY_API_GROUP}, which has no Service kind; a mesh (GAMMA) parent needs group: ""`,
    };
  }
  if (ref.group !== GATEWAY_API_GROUP) return { status: 'unknown', ref };
  if (ref.kind !== 'Gateway' && ref.kind !== 'ListenerSet') {
    return { status: 'rejected', reason: 'UnsupportedValue', certain: true, path: [...ref.path, 'kind'], detail: `parentRef kind ${ref.kind} is not a parent kind (Gateway, ListenerSet, or a core Service)` };
  }
  const parents = graph.getAll(ref.kindKey, ref.namespace, ref.name);
  if (parents.length === 0) return { status: 'missing', ref };
  // The inputs may define the parent twice (separate examples linted together): accepted by any wins.
  let first: ParentOutcome | undefined;
  for (const parent of parents) {
    const o = attachToParent(graph, route, ref, parent);
    if (o.status === 'accepted') return o;
    first ??= o;
  }
  return first!;
}

/** A parentRef that names no listener or Service port: Accepted=False, NoMatchingParent. */
function noMatchingParent(parent: Resource, path: Path, detail: string, certain = true): ParentOutcome {
  return { status: 'rejected', parent, reason: 'NoMatchingParent', certain, path, detail };
}

function attachToParent(graph: ResourceGraph, route: Resource, ref: ResolvedRef, parent: Resource): ParentOutcome {

  // 1. candidate listeners by sectionName and port
  let candidates = listenersOf(graph, parent);
  const what = `${ref.kind} ${parent.namespace}/${parent.name}`;
  if (ref.sectionName !== undefined) {
    candidates = candidates.filter((l) => l.name === ref.sectionName);
    if (candidates.length === 0) {
      const inSets = ref.kind === 'Gateway' && listenerSetsOf(graph, parent).some((ls) => listenersOf(graph, ls).some((l) => l.name === ref.sectionName));
      return noMatchingParent(
        parent,
        [...ref.path, 'sectionName'],
        `${what} has no listener named "${ref.sectionName}"${inSets ? ' (a ListenerSet of it has one, but a Gateway parentRef only selects the Gateway\'s own listeners: reference the ListenerSet)' : ''}`,
      );
    }
  }
  if (ref.port !== undefined) {
    const before = candidates;
    candidates = candidates.filter((l) => l.port === ref.port);
    if (candidates.length === 0) {
      const ports = [...new Set(before.map((l) => l.port).filter((p) => p !== undefined))].join(', ');
      return noMatchingParent(
        parent,
        [...ref.path, 'port'],
        ref.sectionName !== undefined ? `listener ${ref.sectionName} of ${what} listens on port ${ports}, not ${ref.port}` : `${what} has no listener on port ${ref.port} (ports: ${ports || 'none'})`,
      );
    }
  }
  if (candidates.length === 0) return noMatchingParent(parent, ref.path, `${what} has no listeners`);

  // 2. allowedRoutes: kinds and namespaces
  const reasons: string[] = [];
  let certain = true;
  const allowed = candidates.filter((l) => {
    const { supported } = listenerKinds(l);
    if (supported && !supported.has(route.kind)) {
      reasons.push(`listener ${l.name} ${l.kinds ? `allows only ${[...supported].join(', ') || 'no valid kinds'}` : `(protocol ${l.protocol}) does not carry ${route.kind}`}`);
      return false;
    }
    const a = admitsNamespace(graph, l.from, l.selector, listenerHome(l), route.namespace);
    if (!a.admitted) {
      if (!a.certain) certain = false;
      reasons.push(`listener ${l.name} ${a.why}`);
      return false;
    }
    return true;
  });
  if (allowed.length === 0) {
    return { status: 'rejected', parent, reason: 'NotAllowedByListeners', certain, path: ref.path, detail: summarize(reasons) };
  }

  // 3. hostnames
  const hostnames = HOSTNAME_ROUTE_KINDS.has(route.kind) ? routeHostnames(route) : [];
  if (hostnames.length > 0) {
    const matching = allowed.filter((l) => l.hostname === undefined || hostnames.some((h) => hostnamesIntersect(h.value, l.hostname!)));
    if (matching.length === 0) {
      const lh = [...new Set(allowed.map((l) => l.hostname))].join(', ');
      return {
        status: 'rejected',
        parent,
        reason: 'NoMatchingListenerHostname',
        certain: true,
        path: ['spec', 'hostnames'],
        detail: `route hostnames ${hostnames.map((h) => h.value).join(', ')} intersect no listener hostname of ${what} (${lh})`,
      };
    }
    return { status: 'accepted', parent, listeners: matching };
  }
  return { status: 'accepted', parent, listeners: allowed };
}

function summarize(reasons: string[]): string {
  const uniq = [...new Set(reasons)];
  return uniq.length > 3 ? `${uniq.slice(0, 3).join('; ')}; and ${uniq.length - 3} more` : uniq.join('; ');
}

function servicePorts(svc: Resource): Array<{ name?: string; port?: number; protocol: string; appProtocol?: string }> {
  const ports = spec(svc).ports;
  if (!Array.isArray(ports)) return [];
  return ports.filter(isObject).map((p) => ({
    ...(typeof p.name === 'string' ? { name: p.name } : {}),
    ...(typeof p.port === 'number' ? { port: p.port } : {}),
    protocol: typeof p.protocol === 'string' ? p.protocol : 'TCP',
    ...(typeof p.appProtocol === 'string' ? { appProtocol: p.appProtocol } : {}),
  }));
}

function attachToService(graph: ResourceGraph, ref: ResolvedRef): ParentOutcome {
  const svc = graph.get(K.Service, ref.namespace, ref.name);
  if (!svc) return { status: 'missing', ref };
  if (spec(svc).clusterIP === 'None') {
    return noMatchingParent(
      svc,
      [...ref.path, 'name'],
      `Service ${svc.namespace}/${svc.name} is headless (clusterIP: None): a mesh routes by the Service's cluster IP, so there is nothing to attach to (Linkerd reports NoMatchingParent)`,
      false,
    );
  }
  const ports = servicePorts(svc);
  let candidates = ports;
  if (ref.sectionName !== undefined) {
    candidates = candidates.filter((p) => p.name === ref.sectionName);
    if (candidates.length === 0) return noMatchingParent(svc, [...ref.path, 'sectionName'], `Service ${svc.namespace}/${svc.name} has no port named "${ref.sectionName}"`);
  }
  if (ref.port !== undefined) {
    candidates = candidates.filter((p) => p.port === ref.port);
    if (candidates.length === 0)
      return noMatchingParent(svc, [...ref.path, 'port'], `Service ${svc.namespace}/${svc.name} has no port ${ref.port}${ref.sectionName !== undefined ? ` named "${ref.sectionName}"` : ''}`);
  }
  return { status: 'accepted', parent: svc, listeners: [] };
}

export interface RouteAttachment {
  ref: ResolvedRef;
  outcome: ParentOutcome;
}

/** Attachment outcome of every parentRef of a route (memoised). */
export function routeAttachments(graph: ResourceGraph, route: Resource): RouteAttachment[] {
  const m = graph.memo('gwapi:attach', () => new Map<number, RouteAttachment[]>());
  let a = m.get(route.uid);
  if (!a) m.set(route.uid, (a = routeParentRefs(route).map((ref) => ({ ref, outcome: attachParentRef(graph, route, ref) }))));
  return a;
}

export { describeRef };

// ---- ReferenceGrants ---------------------------------------------------------------------

interface GrantIndexEntry {
  grant: Resource;
  from: Array<{ group: string; kind: string; namespace: string }>;
  to: Array<{ group: string; kind: string; name?: string }>;
}

function grantsIn(graph: ResourceGraph, ns: string): GrantIndexEntry[] {
  const m = graph.memo('gwapi:grants', () => {
    const idx = new Map<string, GrantIndexEntry[]>();
    for (const g of graph.ofKind(K.ReferenceGrant)) {
      const s = spec(g);
      const from = (Array.isArray(s.from) ? s.from : []).filter(isObject).map((f) => ({
        group: typeof f.group === 'string' ? normalizeGroup(f.group) : '',
        kind: typeof f.kind === 'string' ? f.kind : '',
        namespace: typeof f.namespace === 'string' ? f.namespace : '',
      }));
      const to = (Array.isArray(s.to) ? s.to : []).filter(isObject).map((t) => ({
        group: typeof t.group === 'string' ? t.group : '',
        kind: typeof t.kind === 'string' ? t.kind : '',
        ...(typeof t.name === 'string' && t.name !== '' ? { name: t.name } : {}),
      }));
      const list = idx.get(g.namespace) ?? [];
      list.push({ grant: g, from, to });
      idx.set(g.namespace, list);
    }
    return idx;
  });
  return m.get(ns) ?? [];
}

/** The ReferenceGrant (in the target's namespace) that permits `from` to reference the target, if any. */
export function findGrant(graph: ResourceGraph, from: Resource, target: { group: string; kind: string; namespace: string; name: string }): Resource | undefined {
  for (const g of grantsIn(graph, target.namespace)) {
    const fromOk = g.from.some((f) => f.group === from.group && f.kind === from.kind && f.namespace === from.namespace);
    if (!fromOk) continue;
    // `to.group` is matched exactly: "core" is not the core group here.
    if (g.to.some((t) => t.group === target.group && t.kind === target.kind && (t.name === undefined || t.name === target.name))) return g.grant;
  }
  return undefined;
}

/** True when the inputs hold any ReferenceGrant in that namespace (a grant is expected to be written there). */
export function hasGrantsIn(graph: ResourceGraph, ns: string): boolean {
  return grantsIn(graph, ns).length > 0;
}

/** Whether the inputs seem to hold the namespace's configuration (so an absent object is really absent). */
export function namespaceInInputs(graph: ResourceGraph, ns: string): boolean {
  return graph.isNamespaceKnown(ns);
}

// ---- backendRefs -------------------------------------------------------------------------

/** Backend kinds beyond core Service that implementations are known to support. */
export const KNOWN_BACKEND_KINDS = new Set<string>([
  'multicluster.x-k8s.io/ServiceImport',
  'networking.istio.io/ServiceEntry',
  'networking.istio.io/Hostname',
  'networking.istio.io/ExternalHostname',
  'policy.linkerd.io/EgressNetwork',
  'gateway.envoyproxy.io/Backend',
  'gateway.kgateway.dev/Backend',
  'inference.networking.k8s.io/InferencePool',
  'inference.networking.x-k8s.io/InferencePool',
  'configuration.konghq.com/KongUpstreamPolicy',
]);

export type BackendProblem =
  | { reason: 'InvalidKind'; certain: boolean; path: Path; detail: string }
  | { reason: 'RefNotPermitted'; certain: boolean; path: Path; detail: string }
  | { reason: 'BackendNotFound'; certain: boolean; path: Path; detail: string; nearMiss?: Resource }
  | { reason: 'PortNotFound'; certain: true; path: Path; detail: string; target: Resource }
  | { reason: 'MissingPort'; certain: true; path: Path; detail: string }
  | { reason: 'UnsupportedProtocol'; certain: boolean; path: Path; detail: string; target: Resource };

/** Predicts `ResolvedRefs` for one backendRef; undefined when it resolves. First failure wins. */
export function resolveBackendRef(graph: ResourceGraph, route: Resource, ref: ResolvedRef): BackendProblem | undefined {
  const target = `${ref.kind} ${ref.namespace}/${ref.name}`;
  // 1. kind
  const isService = ref.group === '' && ref.kind === 'Service';
  if (!isService) {
    if (KNOWN_BACKEND_KINDS.has(ref.kindKey) || graph.hasKind(ref.kindKey)) return undefined; // implementation-specific: not ours to judge
    const certain = ref.group === '' || ref.group === GATEWAY_API_GROUP;
    return {
      reason: 'InvalidKind',
      certain,
      path: [...ref.path, typeof ref.raw.kind === 'string' ? 'kind' : 'group'],
      detail: `backendRef ${ref.group ? `${ref.group}/` : ''}${ref.kind} is not a supported backend kind${certain ? '' : ' (only core Service is portable; this kind is not in the inputs and not known to any implementation)'}`,
    };
  }
  // 2. cross-namespace: ReferenceGrant (decided before existence; mesh routes need none)
  if (ref.namespace !== route.namespace && !isMeshRoute(route)) {
    if (!findGrant(graph, route, { group: '', kind: 'Service', namespace: ref.namespace, name: ref.name })) {
      const certain = hasGrantsIn(graph, ref.namespace) || namespaceInInputs(graph, ref.namespace);
      return {
        reason: 'RefNotPermitted',
        certain,
        path: [...ref.path, 'namespace'],
        detail: `backendRef ${target} is in another namespace and no ReferenceGrant in namespace ${ref.namespace} allows ${route.kind} from namespace ${route.namespace} to reference Service ${ref.name}${certain ? '' : ' (none in the inputs)'}`,
      };
    }
  }
  // 3. existence
  const svc = graph.get(K.Service, ref.namespace, ref.name);
  if (!svc) {
    const certain = graph.inNamespace(K.Service, ref.namespace).length > 0;
    return {
      reason: 'BackendNotFound',
      certain,
      path: [...ref.path, 'name'],
      detail: `backendRef Service ${ref.namespace}/${ref.name} is not in the inputs`,
    };
  }
  // 4. port
  if (ref.port === undefined) {
    return { reason: 'MissingPort', certain: true, path: ref.path, detail: `backendRef ${target} sets no port, which a Service reference requires` };
  }
  const ports = servicePorts(svc);
  const port = ports.find((p) => p.port === ref.port);
  if (!port && spec(svc).type !== 'ExternalName') {
    return {
      reason: 'PortNotFound',
      certain: true,
      path: [...ref.path, 'port'],
      target: svc,
      detail: `Service ${svc.namespace}/${svc.name} has no port ${ref.port} (ports: ${ports.map((p) => p.port).join(', ') || 'none'})`,
    };
  }
  // 5. protocol for the route kind
  if (port) {
    const app = port.appProtocol?.toLowerCase();
    if (route.kind === 'UDPRoute' && port.protocol !== 'UDP') {
      return { reason: 'UnsupportedProtocol', certain: true, path: [...ref.path, 'port'], target: svc, detail: `port ${ref.port} of Service ${svc.namespace}/${svc.name} is ${port.protocol}, but a UDPRoute sends UDP` };
    }
    if ((route.kind === 'TCPRoute' || route.kind === 'TLSRoute' || route.kind === 'HTTPRoute' || route.kind === 'GRPCRoute') && port.protocol === 'UDP') {
      return { reason: 'UnsupportedProtocol', certain: true, path: [...ref.path, 'port'], target: svc, detail: `port ${ref.port} of Service ${svc.namespace}/${svc.name} is UDP, but a ${route.kind} sends TCP` };
    }
    if (route.kind === 'GRPCRoute' && app !== undefined && (app === 'http' || app === 'kubernetes.io/ws' || app === 'kubernetes.io/wss' || app === 'http1')) {
      return {
        reason: 'UnsupportedProtocol',
        certain: true,
        path: [...ref.path, 'port'],
        target: svc,
        detail: `port ${ref.port} of Service ${svc.namespace}/${svc.name} declares appProtocol ${port.appProtocol} (HTTP/1.1), but gRPC needs HTTP/2 (kubernetes.io/h2c, grpc or https)`,
      };
    }
  }
  return undefined;
}

// ---- TLS object references (certificates, CA bundles, client certificates) -----------------

export interface ObjectRefProblem {
  reason: 'InvalidKind' | 'RefNotPermitted' | 'NotFound' | 'Malformed';
  certain: boolean;
  path: Path;
  detail: string;
}

const PEM_CERT = /-----BEGIN CERTIFICATE-----/;
const PEM_KEY = /-----BEGIN ([A-Z]+ )?PRIVATE KEY-----/;

function dataValue(r: Resource, key: string): string | undefined {
  const data = isObject(r.body.data) ? r.body.data : {};
  const stringData = isObject(r.body.stringData) ? r.body.stringData : {};
  if (typeof stringData[key] === 'string') return stringData[key] as string;
  const v = data[key];
  if (typeof v !== 'string') return undefined;
  if (r.kind === 'ConfigMap') return v;
  try {
    return Buffer.from(v, 'base64').toString('utf8');
  } catch {
    return undefined;
  }
}

/** A cert-manager Certificate in the inputs that will write this Secret. */
function certificateWrites(graph: ResourceGraph, ns: string, name: string): boolean {
  const idx = graph.memo('gwapi:cm-certs', () => {
    const s = new Set<string>();
    for (const c of graph.ofKind('cert-manager.io/Certificate')) {
      const sn = spec(c).secretName;
      if (typeof sn === 'string') s.add(`${c.namespace}/${sn}`);
    }
    return s;
  });
  return idx.has(`${ns}/${name}`);
}

/**
 * Resolves a reference from a Gateway/ListenerSet/BackendTLSPolicy to a Secret or ConfigMap.
 * `allowed` lists the accepted `group/kind`s (core Secret for certificates, core ConfigMap for CAs).
 */
export function resolveTlsObjectRef(
  graph: ResourceGraph,
  from: Resource,
  raw: Record<string, unknown>,
  path: Path,
  defaultKind: 'Secret' | 'ConfigMap',
  allowed: readonly string[],
  content: 'tls' | 'ca',
  allowCrossNamespace = true,
): ObjectRefProblem | undefined {
  const ref = resolveObjectRef(from, raw, path, '', defaultKind);
  if (!ref) return undefined;
  if (!allowed.includes(ref.kindKey)) {
    return {
      reason: 'InvalidKind',
      certain: true,
      // Point at the field that is wrong: the kind when it names another kind, else the group.
      path: [...path, typeof raw.kind === 'string' && !allowed.some((a) => a.endsWith(`/${ref.kind}`) || a === ref.kind) ? 'kind' : 'group'],
      detail: `${ref.group ? `${ref.group}/` : ''}${ref.kind} is not a supported reference here (expected ${allowed.map((a) => (a.includes('/') ? a : `core ${a}`)).join(' or ')})`,
    };
  }
  if (ref.namespace !== from.namespace) {
    if (!allowCrossNamespace) {
      return { reason: 'RefNotPermitted', certain: true, path: [...path, 'namespace'], detail: `${ref.kind} ${ref.namespace}/${ref.name} is in another namespace, which this reference cannot name` };
    }
    if (!findGrant(graph, from, { group: ref.group, kind: ref.kind, namespace: ref.namespace, name: ref.name })) {
      const certain = hasGrantsIn(graph, ref.namespace) || namespaceInInputs(graph, ref.namespace);
      return {
        reason: 'RefNotPermitted',
        certain,
        path: [...path, 'namespace'],
        detail: `${ref.kind} ${ref.namespace}/${ref.name} is in another namespace and no ReferenceGrant in namespace ${ref.namespace} allows ${from.kind} from namespace ${from.namespace} to reference it${certain ? '' : ' (none in the inputs)'}`,
      };
    }
  }
  const obj = graph.get(ref.kindKey, ref.namespace, ref.name);
  if (!obj) {
    if (ref.kind === 'Secret' && certificateWrites(graph, ref.namespace, ref.name)) return undefined;
    return {
      reason: 'NotFound',
      certain: graph.inNamespace(ref.kindKey, ref.namespace).length > 0,
      path: [...path, 'name'],
      detail: `${ref.kind} ${ref.namespace}/${ref.name} is not in the inputs`,
    };
  }
  if (content === 'tls' && ref.kind === 'Secret') {
    const type = typeof obj.body.type === 'string' ? obj.body.type : 'Opaque';
    const crt = dataValue(obj, 'tls.crt');
    const key = dataValue(obj, 'tls.key');
    if (crt === undefined || key === undefined || !PEM_CERT.test(crt) || !PEM_KEY.test(key)) {
      return {
        reason: 'Malformed',
        certain: true,
        path: [...path, 'name'],
        detail: `Secret ${obj.namespace}/${obj.name} (type ${type}) has no PEM certificate and key in tls.crt/tls.key`,
      };
    }
  }
  if (content === 'ca') {
    const ca = dataValue(obj, 'ca.crt');
    if (ca === undefined || !PEM_CERT.test(ca)) {
      return { reason: 'Malformed', certain: true, path: [...path, 'name'], detail: `${obj.kind} ${obj.namespace}/${obj.name} has no PEM certificate under ca.crt` };
    }
  }
  return undefined;
}

// ---- cross-namespace references (what ReferenceGrants are for) ------------------------------

export interface CrossNamespaceRef {
  from: Resource;
  group: string;
  kind: string;
  namespace: string;
  name: string;
  path: Path;
  /** The grant that permits it, if any. */
  grant?: Resource;
}

function tlsRefsOf(owner: Resource): Array<{ raw: Record<string, unknown>; path: Path; defaultKind: string }> {
  const out: Array<{ raw: Record<string, unknown>; path: Path; defaultKind: string }> = [];
  const s = spec(owner);
  if (Array.isArray(s.listeners)) {
    s.listeners.forEach((l, li) => {
      if (!isObject(l) || !isObject(l.tls) || !Array.isArray(l.tls.certificateRefs)) return;
      l.tls.certificateRefs.forEach((c, ci) => {
        if (isObject(c)) out.push({ raw: c, path: ['spec', 'listeners', li, 'tls', 'certificateRefs', ci], defaultKind: 'Secret' });
      });
    });
  }
  const tls = isObject(s.tls) ? s.tls : {};
  const frontend = isObject(tls.frontend) ? tls.frontend : {};
  const ca = (v: unknown, path: Path) => {
    if (!isObject(v) || !isObject(v.validation) || !Array.isArray(v.validation.caCertificateRefs)) return;
    v.validation.caCertificateRefs.forEach((r, i) => {
      if (isObject(r)) out.push({ raw: r, path: [...path, 'validation', 'caCertificateRefs', i], defaultKind: 'ConfigMap' });
    });
  };
  ca(frontend.default, ['spec', 'tls', 'frontend', 'default']);
  if (Array.isArray(frontend.perPort)) frontend.perPort.forEach((pp, i) => isObject(pp) && ca(pp.tls, ['spec', 'tls', 'frontend', 'perPort', i, 'tls']));
  const backend = isObject(tls.backend) ? tls.backend : {};
  if (isObject(backend.clientCertificateRef)) out.push({ raw: backend.clientCertificateRef, path: ['spec', 'tls', 'backend', 'clientCertificateRef'], defaultKind: 'Secret' });
  return out;
}

/** Every reference in the inputs that crosses namespaces and needs a ReferenceGrant. */
export function crossNamespaceRefs(graph: ResourceGraph): CrossNamespaceRef[] {
  return graph.memo('gwapi:xns', () => {
    const out: CrossNamespaceRef[] = [];
    const add = (from: Resource, ref: ResolvedRef | undefined) => {
      if (!ref || ref.namespace === from.namespace) return;
      const target = { group: ref.group, kind: ref.kind, namespace: ref.namespace, name: ref.name };
      const grant = findGrant(graph, from, target);
      out.push({ from, ...target, path: ref.path, ...(grant ? { grant } : {}) });
    };
    for (const kindKey of ROUTE_KINDS) {
      for (const route of graph.ofKind(kindKey)) {
        if (isMeshRoute(route)) continue;
        for (const b of routeBackendRefs(route)) add(route, b);
      }
    }
    for (const owner of [...graph.ofKind(K.Gateway), ...graph.ofKind(K.ListenerSet)]) {
      for (const r of tlsRefsOf(owner)) add(owner, resolveObjectRef(owner, r.raw, r.path, '', r.defaultKind));
    }
    return out;
  });
}

/** Kinds that reference objects across namespaces under a ReferenceGrant. */
export const GRANT_FROM_KINDS = new Set(['HTTPRoute', 'GRPCRoute', 'TLSRoute', 'TCPRoute', 'UDPRoute', 'Gateway', 'ListenerSet', 'BackendTLSPolicy']);

// ---- accepted routes per listener / mesh Service -------------------------------------------

export interface AttachedRoutes {
  /** Accepted routes of each listener (Gateway and ListenerSet listeners). */
  byListener: Map<Listener, Resource[]>;
  /** Accepted mesh routes per Service parent and port (`uid:port`, port '' when unset). */
  byService: Map<string, { service: Resource; port: string; routes: Resource[] }>;
}

export function attachedRoutes(graph: ResourceGraph): AttachedRoutes {
  return graph.memo('gwapi:attached', () => {
    const byListener = new Map<Listener, Resource[]>();
    const byService = new Map<string, { service: Resource; port: string; routes: Resource[] }>();
    for (const kindKey of ROUTE_KINDS) {
      for (const route of graph.ofKind(kindKey)) {
        for (const { ref, outcome } of routeAttachments(graph, route)) {
          if (outcome.status !== 'accepted') continue;
          if (outcome.parent.kindKey === K.Service) {
            const port = ref.port !== undefined ? String(ref.port) : (ref.sectionName ?? '');
            const key = `${outcome.parent.uid}:${port}`;
            const e = byService.get(key) ?? { service: outcome.parent, port, routes: [] };
            if (e.routes[e.routes.length - 1] !== route) e.routes.push(route);
            byService.set(key, e);
            continue;
          }
          for (const l of outcome.listeners) {
            const list = byListener.get(l) ?? [];
            // Routes are processed one at a time: a repeat is always the last element.
            if (list[list.length - 1] !== route) list.push(route);
            byListener.set(l, list);
          }
        }
      }
    }
    return { byListener, byService };
  });
}

/** Whether two routes on one listener can receive the same request host. */
export function routeHostnamesOverlap(a: Resource, b: Resource, listenerHostname?: string): boolean {
  const ha = routeHostnames(a).map((h) => h.value);
  const hb = routeHostnames(b).map((h) => h.value);
  const eff = (hs: string[]) => (hs.length ? (listenerHostname ? hs.filter((h) => hostnamesIntersect(h, listenerHostname)) : hs) : listenerHostname ? [listenerHostname] : []);
  const ea = eff(ha);
  const eb = eff(hb);
  if (ea.length === 0 || eb.length === 0) return true; // no hostname on either side: every host
  return ea.some((x) => eb.some((y) => hostnamesIntersect(x, y)));
}
