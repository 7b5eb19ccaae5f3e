// Istio's view of workloads from files: every pod template in the inputs (Deployment, StatefulSet,
// DaemonSet, ReplicaSet, Job, CronJob, bare Pods) plus the ingress gateway Pod and Service that
// `istioctl analyze` synthesizes when it runs without a cluster. Selector lookups across namespaces
// go through one label index built once per graph.
import type { JsonObject, Resource } from '../model/types.js';
import { isObject } from '../parse/parse.js';
import type { ResourceGraph } from './graph.js';
import { equalitySelector, isEmptySelector, selectorMatches, type LabelSelector } from './selectors.js';
import type { Workload } from './workloads.js';

/** A pod as Istio's analyzers see it: a pod template of the inputs, or the synthetic gateway pod. */
export interface IstioPod {
  namespace: string;
  /** Display name: the workload's name (the synthetic pod has Istio's dummy name). */
  name: string;
  labels: Readonly<Record<string, string>>;
  annotations: Readonly<Record<string, string>>;
  podSpec: JsonObject;
  /** Undefined for the synthetic ingress gateway pod. */
  workload?: Workload;
}

/** A Service as seen by Istio: from the inputs, or the synthetic ingress gateway Service. */
export interface IstioService {
  namespace: string;
  name: string;
  selector?: LabelSelector;
  ports: JsonObject[];
  /** Undefined for the synthetic ingress gateway Service. */
  resource?: Resource;
}

// Istio's synthetic ingress Service (TCP 80, 443, 31400, 15443 with equal targetPorts) plus the
// 8080/8443 targetPorts of the gateway Service every current installation (Helm, istioctl) creates.
const SYNTHETIC_PORTS = [
  ...[80, 443, 31400, 15443].map((p) => ({ port: p, targetPort: p, protocol: 'TCP', name: `port-${p}` })),
  { port: 80, targetPort: 8080, protocol: 'TCP', name: 'http2' },
  { port: 443, targetPort: 8443, protocol: 'TCP', name: 'https' },
];

interface PodIndex {
  all: IstioPod[];
  byLabel: Map<string, IstioPod[]>;
  byNs: Map<string, IstioPod[]>;
  syntheticService?: IstioService;
}

function pushTo<V>(m: Map<string, V[]>, k: string, v: V): void {
  const l = m.get(k);
  if (l) l.push(v);
  else m.set(k, [v]);
}

/**
 * The synthetic ingress gateway of files-only analysis: added unless meshConfig.ingressControllerMode
 * is OFF, and only when the inputs do not already define that Service or a pod labelled
 * `istio: <ingressSelector>` in the root namespace themselves.
 */
function podIndex(graph: ResourceGraph): PodIndex {
  return graph.memo('istio:pods', () => {
    const idx: PodIndex = { all: [], byLabel: new Map(), byNs: new Map() };
    const add = (p: IstioPod) => {
      idx.all.push(p);
      pushTo(idx.byNs, p.namespace, p);
      for (const [k, v] of Object.entries(p.labels)) pushTo(idx.byLabel, `${k}=${v}`, p);
    };
    for (const w of graph.workloads) {
      add({ namespace: w.namespace, name: w.resource.name, labels: w.labels, annotations: w.annotations, podSpec: w.podSpec, workload: w });
    }
    const mc = graph.meshConfig;
    if (mc.ingressControllerMode.toUpperCase() !== 'OFF') {
      const ns = 'istio-system';
      const labels = { istio: mc.ingressSelector || 'ingressgateway' };
      if (!(idx.byLabel.get(`istio=${labels.istio}`) ?? []).some((p) => p.namespace === ns)) {
        add({ namespace: ns, name: 'istio-ingressgateway-dummypod', labels, annotations: {}, podSpec: { containers: [{ name: 'istio-proxy', image: 'proxyv2' }] } });
      }
      const svcName = mc.ingressService || 'istio-ingressgateway';
      if (!graph.get('Service', ns, svcName)) {
        idx.syntheticService = { namespace: ns, name: svcName, selector: equalitySelector(labels), ports: SYNTHETIC_PORTS };
      }
    }
    return idx;
  });
}

export function istioPods(graph: ResourceGraph): readonly IstioPod[] {
  return podIndex(graph).all;
}

export function istioPodsInNamespace(graph: ResourceGraph, namespace: string): readonly IstioPod[] {
  return podIndex(graph).byNs.get(namespace) ?? [];
}

/**
 * Pods whose labels match the selector, in `namespace` or (undefined) in every namespace.
 * An empty selector matches every pod considered. Looks up the rarest label first.
 */
export function istioPodsMatching(graph: ResourceGraph, selector: LabelSelector, namespace?: string): IstioPod[] {
  const idx = podIndex(graph);
  let candidates: readonly IstioPod[] | undefined;
  for (const [k, v] of Object.entries(selector.matchLabels)) {
    const list = idx.byLabel.get(`${k}=${v}`) ?? [];
    if (!candidates || list.length < candidates.length) candidates = list;
  }
  candidates ??= namespace === undefined ? idx.all : (idx.byNs.get(namespace) ?? []);
  return candidates.filter((p) => (namespace === undefined || p.namespace === namespace) && (isEmptySelector(selector) || selectorMatches(selector, p.labels)));
}

function serviceView(svc: Resource): IstioService {
  const spec = isObject(svc.body.spec) ? svc.body.spec : {};
  const selector = equalitySelector(spec.selector);
  return {
    namespace: svc.namespace,
    name: svc.name,
    ...(selector ? { selector } : {}),
    ports: Array.isArray(spec.ports) ? spec.ports.filter(isObject) : [],
    resource: svc,
  };
}

/** Services in the pod's namespace whose (non-empty) selector matches the pod's labels. */
export function servicesSelectingPod(graph: ResourceGraph, pod: IstioPod): IstioService[] {
  const out: IstioService[] = [];
  for (const svc of graph.inNamespace('Service', pod.namespace)) {
    const v = serviceView(svc);
    if (v.selector && !isEmptySelector(v.selector) && selectorMatches(v.selector, pod.labels)) out.push(v);
  }
  const syn = podIndex(graph).syntheticService;
  if (syn && syn.namespace === pod.namespace && syn.selector && selectorMatches(syn.selector, pod.labels)) out.push(syn);
  return out;
}

/** A selector read from `{k: v}` or from `{matchLabels: {...}}`; undefined when absent. */
export function matchLabelsSelector(v: unknown): LabelSelector | undefined {
  if (!isObject(v)) return undefined;
  return equalitySelector(isObject(v.matchLabels) ? v.matchLabels : {});
}

/** Canonical `k=v,k2=v2` (sorted by key), as Istio prints selectors. */
export function selectorString(labels: Readonly<Record<string, string>>): string {
  return Object.keys(labels)
    .sort()
    .map((k) => `${k}=${labels[k]}`)
    .join(',');
}

// ---- sidecar injection -------------------------------------------------------------------

/** True when the pod spec has an `istio-proxy` container (or init container) with an image. */
export function hasIstioProxy(podSpec: JsonObject): boolean {
  for (const key of ['containers', 'initContainers'] as const) {
    const list = podSpec[key];
    if (!Array.isArray(list)) continue;
    for (const c of list) if (isObject(c) && c.name === 'istio-proxy' && typeof c.image === 'string' && c.image !== '') return true;
  }
  return false;
}

/**
 * Is this pod in the sidecar mesh? An injected proxy container; else the `sidecar.istio.io/inject`
 * label, then annotation; else the Namespace object's `istio-injection=enabled` label (a Namespace
 * missing from the inputs counts as not injected).
 */
export function podInMesh(graph: ResourceGraph, pod: { namespace: string; labels: Readonly<Record<string, string>>; annotations: Readonly<Record<string, string>>; podSpec: JsonObject }): boolean {
  if (hasIstioProxy(pod.podSpec)) return true;
  const inject = pod.labels['sidecar.istio.io/inject'] ?? pod.annotations['sidecar.istio.io/inject'];
  if (inject !== undefined) return inject === 'true';
  const ns = graph.namespaceResource(pod.namespace);
  return ns?.labels['istio-injection'] === 'enabled';
}

export function podIsAmbient(pod: { annotations: Readonly<Record<string, string>> }): boolean {
  return pod.annotations['ambient.istio.io/redirection'] === 'enabled';
}

/** Namespaces Istio never loads. */
export const IGNORED_NAMESPACES: ReadonlySet<string> = new Set(['kube-system', 'kube-public', 'kube-node-lease', 'local-path-storage']);

// ---- policies that select workloads (Sidecar, Telemetry, ...) -----------------------------

export interface SelectorAnalysis {
  /** Policies with a selector that matches no pod of their namespace. */
  noPods: Resource[];
  /** Per policy: the pods it shares with other policies, and those policies. */
  conflicts: Map<Resource, Array<{ pod: IstioPod; others: Resource[] }>>;
  /** Policies without (or with an empty) selector, by namespace. */
  selectorless: Map<string, Resource[]>;
  /** Pods matched, per policy. */
  pods: Map<Resource, IstioPod[]>;
}

/**
 * Resolves same-namespace workload selectors of a kind of policy: which select nothing, which
 * pods more than one selects, and which policies have no selector. Linear in policies × matched pods.
 */
export function analyzeSelectors(graph: ResourceGraph, kindKey: string, selectorOf: (r: Resource) => Readonly<Record<string, string>> | undefined): SelectorAnalysis {
  return graph.memo(`istio:selectors:${kindKey}`, () => {
    const out: SelectorAnalysis = { noPods: [], conflicts: new Map(), selectorless: new Map(), pods: new Map() };
    const byPod = new Map<IstioPod, Resource[]>();
    for (const r of graph.ofKind(kindKey)) {
      const labels = selectorOf(r);
      if (!labels || Object.keys(labels).length === 0) {
        pushTo(out.selectorless, r.namespace, r);
        continue;
      }
      const pods = istioPodsMatching(graph, { matchLabels: { ...labels }, matchExpressions: [] }, r.namespace);
      out.pods.set(r, pods);
      if (pods.length === 0) out.noPods.push(r);
      for (const p of pods) {
        const l = byPod.get(p);
        if (l) l.push(r);
        else byPod.set(p, [r]);
      }
    }
    for (const [pod, rs] of byPod) {
      if (rs.length < 2) continue;
      for (const r of rs) {
        const list = out.conflicts.get(r) ?? [];
        list.push({ pod, others: rs.filter((x) => x !== r) });
        out.conflicts.set(r, list);
      }
    }
    return out;
  });
}

/** `spec.workloadSelector.labels` of a Sidecar. */
export function sidecarSelector(r: Resource): Record<string, string> | undefined {
  const spec = isObject(r.body.spec) ? r.body.spec : {};
  return isObject(spec.workloadSelector) ? equalitySelector(spec.workloadSelector.labels)?.matchLabels : undefined;
}

/** `spec.selector.matchLabels` of a Telemetry, AuthorizationPolicy, RequestAuthentication, WasmPlugin. */
export function policySelector(r: Resource): Record<string, string> | undefined {
  const spec = isObject(r.body.spec) ? r.body.spec : {};
  return isObject(spec.selector) ? equalitySelector(spec.selector.matchLabels)?.matchLabels : undefined;
}

/** Namespace object in ambient mode (and not also sidecar-injected). */
export function namespaceIsAmbient(graph: ResourceGraph, ns: string): boolean {
  const n = graph.namespaceResource(ns);
  if (!n) return false;
  return n.labels['istio.io/dataplane-mode'] === 'ambient' && n.labels['istio-injection'] !== 'enabled' && !n.labels['istio.io/rev'];
}

// ---- injection configuration -----------------------------------------------------------------

/** `data.values` (JSON) of the sidecar injector ConfigMap for a revision, from any namespace. */
export function injectorValues(graph: ResourceGraph, revision?: string): JsonObject | undefined {
  const name = !revision || revision === 'default' ? 'istio-sidecar-injector' : `istio-sidecar-injector-${revision}`;
  return graph.memo(`istio:injector:${name}`, () => {
    for (const cm of graph.ofKind('ConfigMap')) {
      if (cm.name !== name || !isObject(cm.body.data) || typeof cm.body.data.values !== 'string') continue;
      try {
        const v = JSON.parse(cm.body.data.values) as unknown;
        if (isObject(v)) return v;
      } catch {
        /* not JSON: ignored */
      }
    }
    return undefined;
  });
}

/** Is `sidecarInjectorWebhook.enableNamespacesByDefault` true in any injector ConfigMap? */
export function injectionEnabledByDefault(graph: ResourceGraph): boolean {
  return graph.memo('istio:ns-by-default', () => {
    for (const cm of graph.ofKind('ConfigMap')) {
      if (!cm.name.startsWith('istio-sidecar-injector') || !isObject(cm.body.data) || typeof cm.body.data.values !== 'string') continue;
      try {
        const v = JSON.parse(cm.body.data.values) as unknown;
        if (isObject(v) && isObject(v.sidecarInjectorWebhook) && v.sidecarInjectorWebhook.enableNamespacesByDefault === true) return true;
      } catch {
        /* ignored */
      }
    }
    return false;
  });
}

/** Injection-related labels of a Namespace that count as "set" (as istioctl lists them). */
export function injectionLabels(ns: Resource): string[] {
  const l = ns.labels;
  const out: string[] = [];
  const inj = l['istio-injection'];
  if (inj !== undefined) out.push(`istio-injection=${inj}`);
  if (inj === undefined || inj === 'enabled') {
    if (l['istio.io/rev'] !== undefined) out.push(`istio.io/rev=${l['istio.io/rev']}`);
    if (l['istio.io/dataplane-mode'] !== undefined) out.push(`istio.io/dataplane-mode=${l['istio.io/dataplane-mode']}`);
  }
  return out;
}

/** A namespace istioctl analyzes that says nothing about injection (no label, not ambient). */
export function namespaceWithoutInjectionLabel(graph: ResourceGraph, ns: Resource): boolean {
  const l = ns.labels;
  return injectionRelevantNamespace(graph, ns) && l['istio-injection'] === undefined && l['istio.io/rev'] === undefined && l['istio.io/dataplane-mode'] !== 'ambient';
}

/** Namespaces whose injection state istioctl analyzes: not the control plane's, not Kubernetes'. */
export function injectionRelevantNamespace(graph: ResourceGraph, ns: Resource): boolean {
  return ns.name !== 'istio-system' && ns.name !== graph.meshConfig.rootNamespace && !IGNORED_NAMESPACES.has(ns.name);
}
