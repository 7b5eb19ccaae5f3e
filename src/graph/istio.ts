// Istio resolution: hosts, gateway references, effective PeerAuthentication. Rules ask here.
import type { Resource } from '../model/types.js';
import { K } from '../model/kinds.js';
import { isObject } from '../parse/parse.js';
import type { ResourceGraph } from './graph.js';
import { equalitySelector, isEmptySelector, selectorMatches } from './selectors.js';
import type { Workload } from './workloads.js';

/**
 * Istio's short-name rule: a host without a dot (and not `*`) becomes
 * `<host>.<namespace>.svc.<domain>`; anything with a dot is taken literally
 * (so `reviews.default` is not expanded).
 */
export function resolveIstioHost(host: string, namespace: string, clusterDomain: string): string {
  if (host === '*' || host.includes('.')) return host.toLowerCase();
  return `${host}.${namespace}.svc.${clusterDomain}`.toLowerCase();
}

/** Does host `a` match host `b`, either side possibly a `*.` wildcard? */
export function hostsMatch(a: string, b: string): boolean {
  if (a === b || a === '*' || b === '*') return true;
  if (a.startsWith('*')) {
    const suffix = a.slice(1);
    if (b.startsWith('*')) return b.slice(1).endsWith(suffix) || suffix.endsWith(b.slice(1));
    return b.endsWith(suffix);
  }
  if (b.startsWith('*')) return a.endsWith(b.slice(1));
  return false;
}

export interface GatewayRef {
  namespace: string;
  name: string;
}

/**
 * A VirtualService `gateways` entry: `ns/name`, or a bare `name` in the VirtualService's
 * namespace. `mesh` is the sidecars, not a Gateway: returns undefined.
 */
export function parseGatewayRef(ref: string, vsNamespace: string): GatewayRef | undefined {
  if (ref === 'mesh') return undefined;
  const slash = ref.indexOf('/');
  if (slash >= 0) return { namespace: ref.slice(0, slash), name: ref.slice(slash + 1) };
  return { namespace: vsNamespace, name: ref };
}

/** The Istio Gateway, or else the Gateway API Gateway, a VirtualService gateway entry names. */
export function gatewayFor(graph: ResourceGraph, ref: GatewayRef): Resource | undefined {
  return graph.get(K.IstioGateway, ref.namespace, ref.name) ?? graph.get(K.Gateway, ref.namespace, ref.name);
}

/** Services named by a resolved host: one exact match, or every Service under a `*.` wildcard. */
export function servicesForHost(graph: ResourceGraph, fqdn: string): Resource[] {
  if (!fqdn.startsWith('*')) {
    const svc = graph.serviceByHost(fqdn);
    return svc ? [svc] : [];
  }
  const suffix = fqdn.slice(1);
  const domainSuffix = `.svc.${graph.clusterDomain}`;
  // `*.ns.svc.<domain>`: every Service of that namespace, through the namespace index.
  if (suffix.endsWith(domainSuffix)) {
    const ns = suffix.slice(1, -domainSuffix.length);
    if (ns && !ns.includes('.')) return [...graph.inNamespace('Service', ns)];
  }
  return graph.ofKind('Service').filter((svc) => hostsMatch(fqdn, graph.serviceFqdn(svc)));
}

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
  const selectorPolicy = (idx.selectorBased.get(workload.namespace) ?? []).find((pa) => {
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
