// Istio annotations on Kubernetes objects, checked against istio/api's registry: unknown keys,
// deprecated ones, ones placed on a kind they do not apply to, and values the injector rejects.
// Like istioctl: Namespace, Service, Pod and Deployment metadata; additionally the pod templates of
// every workload kind (as Pods), where most sidecar annotations belong.
import { parse } from 'yaml';
import type { Path, Resource } from '../model/types.js';
import type { ResourceGraph } from './graph.js';
import { ISTIO_ANNOTATIONS, type RegistryRow } from './istio-annotation-registry.js';

export type AnnotationProblemKind = 'unknown' | 'deprecated' | 'misplaced' | 'invalid';

export interface AnnotationProblem {
  kind: AnnotationProblemKind;
  resource: Resource;
  /** The kind the annotation sits on (`Pod` for a pod template). */
  onKind: string;
  key: string;
  value: string;
  path: Path;
  detail: string;
}

const ALWAYS_IGNORED = new Set(['sidecar.istio.io/status', 'gateway.istio.io/controller-version', 'istio.io/rev']);
const CHECKED_KINDS = new Set(['Namespace', 'Service', 'Pod', 'apps/Deployment']);

let registry: Map<string, RegistryRow> | undefined;
function entry(key: string): RegistryRow | undefined {
  registry ??= new Map(ISTIO_ANNOTATIONS.map((r) => [r[0], r]));
  return registry.get(key);
}

export function isIstioAnnotation(key: string): boolean {
  if (key === 'kubernetes.io/ingress.class') return true;
  const slash = key.indexOf('/');
  return slash > 0 && key.slice(0, slash).endsWith('istio.io');
}

const PORT = /^\d+$/;
const CIDR = /^(\d{1,3}(\.\d{1,3}){3}\/\d{1,2}|[0-9a-fA-F:]+\/\d{1,3})$/;
const QUANTITY = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+|Ki|Mi|Gi|Ti|Pi|Ei|m|k|M|G|T|P|E)?$/;

function list(v: string): string[] {
  return v.split(',').map((s) => s.trim()).filter((s) => s !== '');
}
function ports(v: string): string | undefined {
  for (const p of list(v)) if (!PORT.test(p) || Number(p) > 65535) return `"${p}" is not a port number`;
  return undefined;
}
function cidrs(v: string): string | undefined {
  for (const c of list(v)) if (!CIDR.test(c)) return `"${c}" is not a CIDR`;
  return undefined;
}
function uint32(v: string): string | undefined {
  return /^\d+$/.test(v) && Number(v) <= 4294967295 ? undefined : `"${v}" is not a non-negative integer`;
}

/** Value checks of the injector (pkg/kube/inject annotation validation). */
const VALIDATORS: Record<string, (v: string) => string | undefined> = {
  'sidecar.istio.io/interceptionMode': (v) => (['REDIRECT', 'TPROXY', 'NONE'].includes(v) ? undefined : `"${v}" is not one of REDIRECT, TPROXY, NONE`),
  'status.sidecar.istio.io/port': (v) => (PORT.test(v) && Number(v) <= 65535 ? undefined : `"${v}" is not a port number`),
  'readiness.status.sidecar.istio.io/initialDelaySeconds': uint32,
  'readiness.status.sidecar.istio.io/periodSeconds': uint32,
  'readiness.status.sidecar.istio.io/failureThreshold': uint32,
  'traffic.sidecar.istio.io/includeOutboundIPRanges': (v) => (v.trim() === '*' ? undefined : cidrs(v)),
  'traffic.sidecar.istio.io/excludeOutboundIPRanges': cidrs,
  'traffic.sidecar.istio.io/includeInboundPorts': (v) => (v.trim() === '*' ? undefined : ports(v)),
  'traffic.sidecar.istio.io/excludeInboundPorts': ports,
  'traffic.sidecar.istio.io/excludeOutboundPorts': ports,
  'prometheus.istio.io/merge-metrics': (v) => (['true', 'false'].includes(v.toLowerCase()) ? undefined : `"${v}" is not a boolean`),
  'proxy.istio.io/config': (v) => {
    try {
      const doc = parse(v) as unknown;
      return doc === null || typeof doc === 'object' ? undefined : 'it is not a ProxyConfig mapping';
    } catch (e) {
      return `it is not valid YAML (${(e as Error).message.split('\n')[0]})`;
    }
  },
  'sidecar.istio.io/proxyCPU': (v) => (QUANTITY.test(v) ? undefined : `"${v}" is not a resource quantity`),
  'sidecar.istio.io/proxyMemory': (v) => (QUANTITY.test(v) ? undefined : `"${v}" is not a resource quantity`),
  'sidecar.istio.io/proxyCPULimit': (v) => (QUANTITY.test(v) ? undefined : `"${v}" is not a resource quantity`),
  'sidecar.istio.io/proxyMemoryLimit': (v) => (QUANTITY.test(v) ? undefined : `"${v}" is not a resource quantity`),
};

function check(out: AnnotationProblem[], resource: Resource, onKind: string, annotations: Readonly<Record<string, string>>, labels: Readonly<Record<string, string>>, base: Path): void {
  for (const [key, value] of Object.entries(annotations)) {
    if (!isIstioAnnotation(key) || ALWAYS_IGNORED.has(key)) continue;
    const at = { resource, onKind, key, value, path: [...base, key] };
    const e = entry(key);
    if (!e) {
      out.push({ ...at, kind: 'unknown', detail: '' });
      continue;
    }
    const [, , deprecated, kinds] = e;
    if (deprecated && !(key === 'sidecar.istio.io/inject' && labels['sidecar.istio.io/inject'] !== undefined)) {
      out.push({ ...at, kind: 'deprecated', detail: key === 'sidecar.istio.io/inject' ? ' in favor of the "sidecar.istio.io/inject" label' : '' });
    }
    if (kinds.includes('Any')) continue;
    if (!kinds.includes(onKind)) {
      out.push({ ...at, kind: 'misplaced', detail: kinds.join(', ') });
      continue;
    }
    const problem = VALIDATORS[key]?.(value);
    if (problem) out.push({ ...at, kind: 'invalid', detail: problem });
  }
}

export function annotationProblems(graph: ResourceGraph): AnnotationProblem[] {
  return graph.memo('istio:annotations', () => {
    const out: AnnotationProblem[] = [];
    for (const kindKey of CHECKED_KINDS) {
      for (const r of graph.ofKind(kindKey)) {
        if (r.namespace === 'kube-system' || r.namespace === 'kube-public' || r.namespace === 'kube-node-lease' || r.namespace === 'local-path-storage') continue;
        check(out, r, r.kind, r.annotations, r.labels, ['metadata', 'annotations']);
      }
    }
    for (const w of graph.workloads) {
      if (w.resource.kind === 'Pod') continue;
      check(out, w.resource, 'Pod', w.annotations, w.labels, [...w.templatePath, 'metadata', 'annotations']);
    }
    return out;
  });
}
