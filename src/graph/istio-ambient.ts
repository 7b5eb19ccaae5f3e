// Istio Ambient mode from manifests: which namespaces and workloads are in Ambient, which use a
// waypoint, and which carry sidecars.
import type { Path, Resource } from '../model/types.js';
import { K } from '../model/kinds.js';
import { isObject } from '../parse/parse.js';
import type { ResourceGraph } from './graph.js';
import type { Workload } from './workloads.js';

export const DATAPLANE_MODE = 'istio.io/dataplane-mode';
export const USE_WAYPOINT = 'istio.io/use-waypoint';
export const USE_WAYPOINT_NS = 'istio.io/use-waypoint-namespace';

export function namespaceAmbient(graph: ResourceGraph, ns: string): boolean {
  return graph.namespaceResource(ns)?.labels[DATAPLANE_MODE] === 'ambient';
}

/** Ambient redirection applies: the pod says ambient, or its namespace does and the pod does not opt out. */
export function workloadAmbient(graph: ResourceGraph, w: Workload): boolean {
  const own = w.labels[DATAPLANE_MODE];
  if (own !== undefined) return own === 'ambient';
  return namespaceAmbient(graph, w.namespace);
}

/** Sidecar injection requested by labels (namespace or pod), and not disabled by either. */
export function sidecarRequested(graph: ResourceGraph, w: Workload): boolean {
  const nsLabels = graph.namespaceResource(w.namespace)?.labels ?? {};
  const pod = w.labels['sidecar.istio.io/inject'] ?? w.annotations['sidecar.istio.io/inject'];
  if (pod === 'false' || nsLabels['istio-injection'] === 'disabled') return false;
  return nsLabels['istio-injection'] === 'enabled' || !!nsLabels['istio.io/rev'] || pod === 'true' || !!w.labels['istio.io/rev'];
}

export function hasSidecarContainer(w: Workload): number {
  for (const key of ['containers', 'initContainers'] as const) {
    const list = w.podSpec[key];
    if (!Array.isArray(list)) continue;
    const i = list.findIndex((c) => isObject(c) && c.name === 'istio-proxy');
    if (i >= 0 && key === 'containers') return i;
  }
  return -1;
}

/** The waypoint an object is enrolled with: its own `istio.io/use-waypoint`, else its namespace's. */
export function waypointOf(graph: ResourceGraph, labels: Readonly<Record<string, string>>, ns: string): { name: string; namespace: string; from: 'object' | 'namespace' } | undefined {
  const own = labels[USE_WAYPOINT];
  if (own !== undefined) return own && own !== 'none' ? { name: own, namespace: labels[USE_WAYPOINT_NS] || ns, from: 'object' } : undefined;
  const nsLabels = graph.namespaceResource(ns)?.labels ?? {};
  const v = nsLabels[USE_WAYPOINT];
  return v && v !== 'none' ? { name: v, namespace: nsLabels[USE_WAYPOINT_NS] || ns, from: 'namespace' } : undefined;
}

/** A waypoint Gateway (Gateway API, any class; `istio-waypoint` normally) in the inputs. */
export function waypointGateway(graph: ResourceGraph, ns: string, name: string): Resource | undefined {
  return graph.get(K.Gateway, ns, name);
}

/** Path of a pod template's labels map (or the template metadata when it has no labels). */
export function templateLabelPath(w: Workload, key?: string): Path {
  const meta = w.templatePath.length ? [...w.templatePath, 'metadata'] : ['metadata'];
  if (key && w.labels[key] !== undefined) return [...meta, 'labels', key];
  return [...meta, 'labels'];
}

// ---- L7 detection -----------------------------------------------------------------------------

const L7_OPERATION = ['hosts', 'notHosts', 'methods', 'notMethods', 'paths', 'notPaths'];

/** Does an AuthorizationPolicy use attributes only a waypoint (L7 proxy) can evaluate? */
export function authzIsL7(ap: Resource): boolean {
  const spec = isObject(ap.body.spec) ? ap.body.spec : {};
  if (!Array.isArray(spec.rules)) return false;
  return spec.rules.some((r) => {
    if (!isObject(r)) return false;
    const to = Array.isArray(r.to) ? r.to : [];
    const from = Array.isArray(r.from) ? r.from : [];
    const when = Array.isArray(r.when) ? r.when : [];
    return (
      to.some((t) => isObject(t) && isObject(t.operation) && L7_OPERATION.some((k) => Array.isArray((t.operation as Record<string, unknown>)[k]))) ||
      from.some((f) => isObject(f) && isObject(f.source) && (Array.isArray(f.source.requestPrincipals) || Array.isArray(f.source.notRequestPrincipals))) ||
      when.some((c) => isObject(c) && typeof c.key === 'string' && c.key.startsWith('request.'))
    );
  });
}

export function hasTargetRef(r: Resource): boolean {
  const spec = isObject(r.body.spec) ? r.body.spec : {};
  return spec.targetRef !== undefined || (Array.isArray(spec.targetRefs) && spec.targetRefs.length > 0);
}
