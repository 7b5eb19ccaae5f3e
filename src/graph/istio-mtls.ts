// Istio mTLS resolution: the effective PeerAuthentication mode of a workload port.
import type { Resource } from '../model/types.js';
import { K } from '../model/kinds.js';
import { isObject } from '../parse/parse.js';
import type { ResourceGraph } from './graph.js';
import { equalitySelector, isEmptySelector, selectorMatches } from './selectors.js';
import type { Workload } from './workloads.js';

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
