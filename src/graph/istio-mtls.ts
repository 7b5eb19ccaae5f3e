// Istio mTLS resolution: the effective PeerAuthentication mode of a workload port.
import type { Resource } from '../model/types.js';
import { K } from '../model/kinds.js';
import { isObject } from '../parse/parse.js';
import type { ResourceGraph } from './graph.js';
import { equalitySelector, isEmptySelector, selectorMatches } from './selectors.js';
import type { Workload } from './workloads.js';
import { resolveIstioHost } from './istio.js';

// ---- PeerAuthentication --------------------------------------------------------------------

export type MtlsMode = 'STRICT' | 'PERMISSIVE' | 'DISABLE';

export interface EffectiveMtls {
  mode: MtlsMode;
  /** The PeerAuthentication that decided it; undefined for the mesh default (PERMISSIVE). */
  source?: Resource;
  /** Path of the deciding field inside `source`. */
  path?: Array<string | number>;
}

interface PeerAuthIndex {
  meshWide?: Resource;
  namespaceWide: Map<string, Resource>;
  selectorBased: Map<string, Resource[]>;
}

function creationOrder(a: Resource, b: Resource): number {
  const ta = String((a.body.metadata as Record<string, unknown> | undefined)?.creationTimestamp ?? '');
  const tb = String((b.body.metadata as Record<string, unknown> | undefined)?.creationTimestamp ?? '');
  if (ta !== tb) return ta < tb ? -1 : 1;
  return a.name < b.name ? -1 : a.name > b.name ? 1 : a.uid - b.uid;
}

function peerAuthIndex(graph: ResourceGraph): PeerAuthIndex {
  return graph.memo('istio.peerAuthIndex', () => {
    const root = graph.meshConfig.rootNamespace;
    const idx: PeerAuthIndex = { namespaceWide: new Map(), selectorBased: new Map() };
    const sorted = [...graph.ofKind(K.PeerAuthentication)].sort(creationOrder);
    for (const pa of sorted) {
      const spec = isObject(pa.body.spec) ? pa.body.spec : {};
      const sel = isObject(spec.selector) ? equalitySelector(spec.selector.matchLabels) : undefined;
      if (sel && !isEmptySelector(sel)) {
        const list = idx.selectorBased.get(pa.namespace) ?? [];
        list.push(pa);
        idx.selectorBased.set(pa.namespace, list);
      } else if (pa.namespace === root) {
        idx.meshWide ??= pa; // the oldest wins
      } else if (!idx.namespaceWide.has(pa.namespace)) {
        idx.namespaceWide.set(pa.namespace, pa);
      }
    }
    return idx;
  });
}

function modeOf(v: unknown): MtlsMode | undefined {
  if (!isObject(v)) return undefined;
  const m = v.mode;
  return m === 'STRICT' || m === 'PERMISSIVE' || m === 'DISABLE' ? m : undefined; // UNSET inherits
}

/**
 * The server-side mTLS mode of a workload on a container port: workload-selector policy
 * (port-level first) over namespace-wide over mesh-wide; PERMISSIVE when nothing says.
 */
export function effectiveMtls(graph: ResourceGraph, workload: Workload, containerPort?: number): EffectiveMtls {
  const idx = peerAuthIndex(graph);
  // Istio also applies root-namespace policies with a selector to matching workloads of every
  // namespace; among workload policies the oldest wins.
  const root = graph.meshConfig.rootNamespace;
  const candidates = workload.namespace === root ? (idx.selectorBased.get(root) ?? []) : [...(idx.selectorBased.get(workload.namespace) ?? []), ...(idx.selectorBased.get(root) ?? [])].sort(creationOrder);
  const selectorPolicy = candidates.find((pa) => {
    const spec = pa.body.spec as Record<string, unknown>;
    const sel = equalitySelector((spec.selector as Record<string, unknown>).matchLabels)!;
    return selectorMatches(sel, workload.labels);
  });
  if (selectorPolicy) {
    const spec = selectorPolicy.body.spec as Record<string, unknown>;
    if (containerPort !== undefined && isObject(spec.portLevelMtls)) {
      const portMode = modeOf(spec.portLevelMtls[String(containerPort)]);
      if (portMode) return { mode: portMode, source: selectorPolicy, path: ['spec', 'portLevelMtls', String(containerPort), 'mode'] };
    }
    const m = modeOf(spec.mtls);
    if (m) return { mode: m, source: selectorPolicy, path: ['spec', 'mtls', 'mode'] };
  }
  for (const pa of [idx.namespaceWide.get(workload.namespace), idx.meshWide]) {
    if (!pa) continue;
    const m = modeOf((pa.body.spec as Record<string, unknown> | undefined)?.mtls);
    if (m) return { mode: m, source: pa, path: ['spec', 'mtls', 'mode'] };
  }
  return { mode: 'PERMISSIVE' };
}

/** Container port a Service port sends to on a workload (`targetPort` by number or by name). */
export function targetContainerPort(servicePort: Record<string, unknown>, workload: Workload): number | undefined {
  const target = servicePort.targetPort ?? servicePort.port;
  if (typeof target === 'number') return target;
  if (typeof target === 'string') {
    if (/^\d+$/.test(target)) return Number(target);
    return workload.containerPorts.find((p) => p.name === target)?.containerPort;
  }
  return undefined;
}

// ---- sidecars ------------------------------------------------------------------------------

/** Whether a workload runs an Istio sidecar: `unknown` when the inputs cannot tell. */
export type SidecarState = 'injected' | 'none' | 'ambient' | 'unknown';

const isTrue = (v: string | undefined) => v === 'true' || v === 'enabled';

/**
 * Sidecar injection as Istio's default webhooks decide it: the pod's `sidecar.istio.io/inject`
 * label/annotation, else the namespace's `istio-injection` / `istio.io/rev` labels. A namespace
 * that is not in the inputs gives `unknown` (it may be labelled elsewhere).
 */
export function sidecarState(graph: ResourceGraph, w: Workload): SidecarState {
  const containers = Array.isArray(w.podSpec.containers) ? w.podSpec.containers : [];
  if (containers.some((c) => isObject(c) && c.name === 'istio-proxy')) return 'injected';
  const podInject = w.labels['sidecar.istio.io/inject'] ?? w.annotations['sidecar.istio.io/inject'];
  if (podInject === 'false') return w.labels['istio.io/dataplane-mode'] === 'ambient' ? 'ambient' : 'none';
  const ns = graph.namespaceResource(w.namespace);
  const nsLabels = ns?.labels ?? {};
  // Linkerd-meshed workloads are not Istio's.
  if (w.annotations['linkerd.io/inject'] === 'enabled' || (ns?.annotations['linkerd.io/inject'] === 'enabled' && w.annotations['linkerd.io/inject'] !== 'disabled')) return 'none';
  if (w.labels['istio.io/dataplane-mode'] === 'ambient') return 'ambient';
  if (nsLabels['istio-injection'] === 'disabled') return 'none';
  if (nsLabels['istio-injection'] === 'enabled' || nsLabels['istio.io/rev']) return 'injected';
  if (podInject === 'true') return 'injected';
  if (w.labels['istio.io/rev']) return 'injected';
  if (nsLabels['istio.io/dataplane-mode'] === 'ambient') return 'ambient';
  if (!ns) return 'unknown';
  return 'none';
}

/** Does a namespace declared in the inputs clearly run without sidecars? */
export function namespaceWithoutSidecars(graph: ResourceGraph, ns: string): boolean {
  const res = graph.namespaceResource(ns);
  if (!res) return false;
  const l = res.labels;
  if (l['istio-injection'] === 'enabled' || l['istio.io/rev'] || l['istio.io/dataplane-mode'] === 'ambient') return false;
  return true;
}

// ---- DestinationRules: which one a client uses --------------------------------------------

export interface DrEntry {
  dr: Resource;
  /** Resolved host (`*.local`, `reviews.shop.svc.cluster.local`). */
  host: string;
  exportTo: string[];
}

interface DrNamespace {
  exact: Map<string, DrEntry[]>;
  wildcard: DrEntry[];
}

interface DrIndex {
  byNamespace: Map<string, DrNamespace>;
  all: DrEntry[];
}

function drIndex(graph: ResourceGraph): DrIndex {
  return graph.memo('istio.mtls.drIndex', () => {
    const idx: DrIndex = { byNamespace: new Map(), all: [] };
    for (const dr of [...graph.ofKind(K.DestinationRule)].sort(creationOrder)) {
      const spec = isObject(dr.body.spec) ? dr.body.spec : {};
      if (typeof spec.host !== 'string' || spec.host === '') continue;
      if (isObject(spec.workloadSelector)) continue; // applies to some client pods only
      const exportTo = Array.isArray(spec.exportTo) ? spec.exportTo.filter((x): x is string => typeof x === 'string') : [];
      const e: DrEntry = { dr, host: resolveIstioHost(spec.host, dr.namespace, graph.clusterDomain), exportTo };
      idx.all.push(e);
      let ns = idx.byNamespace.get(dr.namespace);
      if (!ns) idx.byNamespace.set(dr.namespace, (ns = { exact: new Map(), wildcard: [] }));
      if (e.host.startsWith('*')) ns.wildcard.push(e);
      else {
        const list = ns.exact.get(e.host) ?? [];
        list.push(e);
        ns.exact.set(e.host, list);
      }
    }
    return idx;
  });
}

/** Is a config with this `exportTo` (in namespace `ownNs`) visible to clients in `clientNs`? */
export function exportedTo(exportTo: readonly string[], ownNs: string, clientNs: string): boolean {
  if (exportTo.length === 0) return true;
  return exportTo.some((x) => x === '*' || x === clientNs || (x === '.' && clientNs === ownNs));
}

function privateOnly(e: DrEntry): boolean {
  return e.exportTo.length > 0 && e.exportTo.every((x) => x === '.' || x === e.dr.namespace);
}

function mostSpecific(ns: DrNamespace | undefined, fqdn: string, pick: (e: DrEntry) => boolean): DrEntry | undefined {
  if (!ns) return undefined;
  const exact = ns.exact.get(fqdn)?.find(pick);
  if (exact) return exact;
  let best: DrEntry | undefined;
  for (const e of ns.wildcard) {
    if (!pick(e)) continue;
    const ok = e.host === '*' || fqdn.endsWith(e.host.slice(1));
    if (ok && (!best || e.host.length > best.host.length)) best = e;
  }
  return best;
}

/**
 * The DestinationRule Istio applies when a proxy in `clientNs` calls `fqdn` (a Service in
 * `serviceNs`): the client namespace's own rules first (in the root namespace only the private
 * ones), then the Service namespace's exported rules, then the root namespace's; the most
 * specific host wins inside each step; the oldest rule among equals.
 */
export function effectiveDestinationRule(graph: ResourceGraph, clientNs: string, fqdn: string, serviceNs: string): DrEntry | undefined {
  const idx = drIndex(graph);
  const root = graph.meshConfig.rootNamespace;
  const local = idx.byNamespace.get(clientNs);
  const first =
    clientNs === root ? mostSpecific(local, fqdn, privateOnly) : mostSpecific(local, fqdn, (e) => !(e.exportTo.length === 1 && e.exportTo[0] === '~'));
  if (first) return first;
  const exported = (e: DrEntry) => !privateOnly(e) && exportedTo(e.exportTo, e.dr.namespace, clientNs);
  if (serviceNs !== clientNs) {
    const hit = mostSpecific(idx.byNamespace.get(serviceNs), fqdn, exported);
    if (hit) return hit;
  }
  if (root !== clientNs && root !== serviceNs) return mostSpecific(idx.byNamespace.get(root), fqdn, exported);
  return undefined;
}

export function destinationRuleEntries(graph: ResourceGraph): readonly DrEntry[] {
  return drIndex(graph).all;
}

/**
 * Client namespaces whose DestinationRule for `fqdn` (a Service in `serviceNs`) may differ from
 * that of an arbitrary other namespace: those with a local rule matching the host, those named in
 * the `exportTo` of the Service namespace's or root namespace's rules, the Service's and the root
 * namespace. Every other client namespace resolves like any other such namespace.
 */
export function distinctiveClientNamespaces(graph: ResourceGraph, fqdn: string, serviceNs: string): Set<string> {
  const idx = drIndex(graph);
  const byHost = graph.memo('istio.mtls.nsByExactHost', () => {
    const m = new Map<string, Set<string>>();
    for (const e of idx.all) {
      if (e.host.startsWith('*')) continue;
      const set = m.get(e.host) ?? new Set<string>();
      set.add(e.dr.namespace);
      m.set(e.host, set);
    }
    return m;
  });
  const wildcards = graph.memo('istio.mtls.wildcardEntries', () => idx.all.filter((e) => e.host.startsWith('*')));
  const root = graph.meshConfig.rootNamespace;
  const out = new Set<string>([serviceNs, root, ...(byHost.get(fqdn) ?? [])]);
  for (const e of wildcards) if (e.host === '*' || fqdn.endsWith(e.host.slice(1))) out.add(e.dr.namespace);
  for (const ns of [serviceNs, root]) {
    const n = idx.byNamespace.get(ns);
    if (!n) continue;
    for (const e of [...(n.exact.get(fqdn) ?? []), ...n.wildcard]) for (const x of e.exportTo) if (x !== '.' && x !== '*' && x !== '~') out.add(x);
  }
  return out;
}

// ---- client-side TLS -------------------------------------------------------------------------

export interface ClientTls {
  /** ISTIO_MUTUAL, MUTUAL, SIMPLE, DISABLE; `UNSET` when no tls block applies (auto-mTLS decides). */
  mode: string;
  /** The deciding field, or the traffic policy / host when nothing is set. */
  path: Array<string | number>;
}

function portTls(policy: Record<string, unknown>, port: number, base: Array<string | number>): ClientTls | undefined {
  if (!Array.isArray(policy.portLevelSettings)) return undefined;
  for (let i = 0; i < policy.portLevelSettings.length; i++) {
    const pl = policy.portLevelSettings[i];
    if (!isObject(pl) || !isObject(pl.port) || Number(pl.port.number) !== port) continue;
    if (isObject(pl.tls) && typeof pl.tls.mode === 'string') return { mode: pl.tls.mode, path: [...base, 'portLevelSettings', i, 'tls', 'mode'] };
  }
  return undefined;
}

function policyTls(policy: unknown, port: number, base: Array<string | number>): ClientTls | undefined {
  if (!isObject(policy)) return undefined;
  const pl = portTls(policy, port, base);
  if (pl) return pl;
  if (isObject(policy.tls) && typeof policy.tls.mode === 'string') return { mode: policy.tls.mode, path: [...base, 'tls', 'mode'] };
  return undefined;
}

/**
 * The TLS a client sends with DestinationRule `dr` to Service port `port`, optionally through
 * subset `subsetIndex`: the subset's policy (port level first) over the top-level one (port level
 * first); `UNSET` when neither says.
 */
export function clientTls(dr: Resource, port: number, subsetIndex?: number): ClientTls {
  const spec = isObject(dr.body.spec) ? dr.body.spec : {};
  if (subsetIndex !== undefined && Array.isArray(spec.subsets)) {
    const s = spec.subsets[subsetIndex];
    if (isObject(s)) {
      const hit = policyTls(s.trafficPolicy, port, ['spec', 'subsets', subsetIndex, 'trafficPolicy']);
      if (hit) return hit;
    }
  }
  return policyTls(spec.trafficPolicy, port, ['spec', 'trafficPolicy']) ?? { mode: 'UNSET', path: ['spec', 'host'] };
}
