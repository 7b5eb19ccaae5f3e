// Which apiVersion/kind pairs are removed, no longer served or deprecated, and what replaces them.
// Kubernetes and retired Istio APIs are listed here; mesh CRD versions come from the generated
// schemas/api-versions.json (served, deprecated and unserved versions of every CRD).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../engine/catalogue.js';
import type { Resource } from '../model/types.js';

export interface ApiVerdict {
  status: 'removed' | 'deprecated';
  /** The apiVersion (and kind, when it changed) to use instead: `apps/v1`, `security.istio.io/v1 AuthorizationPolicy`. */
  replacement?: string;
  /** Why: `removed in Kubernetes 1.16`, `the current CRDs no longer serve it`, or the CRD's deprecation warning. */
  note: string;
}

interface Removal {
  groupVersions: readonly string[];
  kinds: readonly string[] | '*';
  replacement: (kind: string) => string | undefined;
  note: string;
}

const same = (apiVersion: string) => () => apiVersion;

/** Kubernetes APIs removed from the API server (https://kubernetes.io/docs/reference/using-api/deprecation-guide/). */
const REMOVALS: readonly Removal[] = [
  { groupVersions: ['extensions/v1beta1', 'apps/v1beta1', 'apps/v1beta2'], kinds: ['Deployment', 'DaemonSet', 'ReplicaSet', 'StatefulSet', 'ControllerRevision'], replacement: same('apps/v1'), note: 'removed in Kubernetes 1.16' },
  { groupVersions: ['extensions/v1beta1'], kinds: ['NetworkPolicy'], replacement: same('networking.k8s.io/v1'), note: 'removed in Kubernetes 1.16' },
  { groupVersions: ['extensions/v1beta1', 'networking.k8s.io/v1beta1'], kinds: ['Ingress', 'IngressClass'], replacement: same('networking.k8s.io/v1'), note: 'removed in Kubernetes 1.22' },
  { groupVersions: ['extensions/v1beta1', 'policy/v1beta1'], kinds: ['PodSecurityPolicy'], replacement: () => undefined, note: 'removed in Kubernetes 1.25 (use Pod Security Admission)' },
  { groupVersions: ['batch/v1beta1', 'batch/v2alpha1'], kinds: ['CronJob'], replacement: same('batch/v1'), note: 'removed in Kubernetes 1.25' },
  { groupVersions: ['policy/v1beta1'], kinds: ['PodDisruptionBudget'], replacement: same('policy/v1'), note: 'removed in Kubernetes 1.25' },
  { groupVersions: ['autoscaling/v2beta1', 'autoscaling/v2beta2'], kinds: ['HorizontalPodAutoscaler'], replacement: same('autoscaling/v2'), note: 'removed in Kubernetes 1.25/1.26' },
  { groupVersions: ['rbac.authorization.k8s.io/v1beta1', 'rbac.authorization.k8s.io/v1alpha1'], kinds: '*', replacement: same('rbac.authorization.k8s.io/v1'), note: 'removed in Kubernetes 1.22' },
  { groupVersions: ['apiextensions.k8s.io/v1beta1'], kinds: '*', replacement: same('apiextensions.k8s.io/v1'), note: 'removed in Kubernetes 1.22' },
  { groupVersions: ['admissionregistration.k8s.io/v1beta1'], kinds: ['MutatingWebhookConfiguration', 'ValidatingWebhookConfiguration'], replacement: same('admissionregistration.k8s.io/v1'), note: 'removed in Kubernetes 1.22' },
  { groupVersions: ['apiregistration.k8s.io/v1beta1'], kinds: '*', replacement: same('apiregistration.k8s.io/v1'), note: 'removed in Kubernetes 1.22' },
  { groupVersions: ['scheduling.k8s.io/v1beta1', 'scheduling.k8s.io/v1alpha1'], kinds: ['PriorityClass'], replacement: same('scheduling.k8s.io/v1'), note: 'removed in Kubernetes 1.22' },
  { groupVersions: ['coordination.k8s.io/v1beta1'], kinds: ['Lease'], replacement: same('coordination.k8s.io/v1'), note: 'removed in Kubernetes 1.22' },
  { groupVersions: ['certificates.k8s.io/v1beta1'], kinds: ['CertificateSigningRequest'], replacement: same('certificates.k8s.io/v1'), note: 'removed in Kubernetes 1.22' },
  { groupVersions: ['storage.k8s.io/v1beta1'], kinds: ['CSIDriver', 'CSINode', 'StorageClass', 'VolumeAttachment', 'CSIStorageCapacity'], replacement: same('storage.k8s.io/v1'), note: 'removed in Kubernetes 1.22-1.27' },
  { groupVersions: ['discovery.k8s.io/v1beta1'], kinds: ['EndpointSlice'], replacement: same('discovery.k8s.io/v1'), note: 'removed in Kubernetes 1.25' },
  { groupVersions: ['events.k8s.io/v1beta1'], kinds: ['Event'], replacement: same('events.k8s.io/v1'), note: 'removed in Kubernetes 1.25' },
  { groupVersions: ['node.k8s.io/v1beta1'], kinds: ['RuntimeClass'], replacement: same('node.k8s.io/v1'), note: 'removed in Kubernetes 1.25' },
  { groupVersions: ['flowcontrol.apiserver.k8s.io/v1beta1', 'flowcontrol.apiserver.k8s.io/v1beta2', 'flowcontrol.apiserver.k8s.io/v1beta3'], kinds: ['FlowSchema', 'PriorityLevelConfiguration'], replacement: same('flowcontrol.apiserver.k8s.io/v1'), note: 'removed in Kubernetes 1.26-1.32' },
  // Istio
  {
    groupVersions: ['config.istio.io/v1alpha2'],
    kinds: '*',
    replacement: (kind) =>
      ({ RouteRule: 'networking.istio.io/v1 VirtualService', DestinationPolicy: 'networking.istio.io/v1 DestinationRule', EgressRule: 'networking.istio.io/v1 ServiceEntry' })[kind] ??
      'telemetry.istio.io/v1 Telemetry (or a WasmPlugin)',
    note: 'removed in Istio 1.8 with Mixer',
  },
  { groupVersions: ['rbac.istio.io/v1alpha1'], kinds: '*', replacement: () => 'security.istio.io/v1 AuthorizationPolicy', note: 'removed in Istio 1.6' },
  {
    groupVersions: ['authentication.istio.io/v1alpha1'],
    kinds: '*',
    replacement: () => 'security.istio.io/v1 PeerAuthentication and RequestAuthentication',
    note: 'removed in Istio 1.6',
  },
];

/** Groups whose every version is gone, whatever the version. */
const REMOVED_GROUPS: Record<string, Removal> = {
  'config.istio.io': REMOVALS.find((r) => r.groupVersions.includes('config.istio.io/v1alpha2'))!,
  'rbac.istio.io': REMOVALS.find((r) => r.groupVersions.includes('rbac.istio.io/v1alpha1'))!,
};

interface CrdVersions {
  served: string[];
  deprecated: Record<string, string>;
  unserved: string[];
  storage: string;
}

/** CRD groups we have the definitions of; other groups are other projects' business. */
const CRD_GROUPS = /(^|\.)istio\.io$|(^|\.)linkerd\.io$|^gateway\.networking\.k8s\.io$/;

let crdTable: Record<string, CrdVersions> | undefined;
function crdVersions(): Record<string, CrdVersions> {
  if (!crdTable) {
    try {
      crdTable = JSON.parse(readFileSync(join(packageRoot(), 'schemas', 'api-versions.json'), 'utf8')) as Record<string, CrdVersions>;
    } catch {
      crdTable = {};
    }
  }
  return crdTable;
}

/** The resources whose API version has this status, each with its verdict. */
export function resourcesWithApiStatus(resources: readonly Resource[], status: ApiVerdict['status']): Array<{ resource: Resource; verdict: ApiVerdict }> {
  const out: Array<{ resource: Resource; verdict: ApiVerdict }> = [];
  for (const resource of resources) {
    const verdict = apiVerdict(resource.group, resource.version, resource.kind);
    if (verdict?.status === status) out.push({ resource, verdict });
  }
  return out;
}

export function apiVerdict(group: string, version: string, kind: string): ApiVerdict | undefined {
  const gv = group ? `${group}/${version}` : version;
  const removal = REMOVALS.find((r) => r.groupVersions.includes(gv) && (r.kinds === '*' || r.kinds.includes(kind))) ?? REMOVED_GROUPS[group];
  if (removal) {
    const replacement = removal.replacement(kind);
    return { status: 'removed', ...(replacement ? { replacement } : {}), note: removal.note };
  }
  if (!CRD_GROUPS.test(group)) return undefined;
  const crd = crdVersions()[`${group}/${kind}`];
  if (!crd) return undefined; // a kind we do not know: not ours to judge
  const newest = [...crd.served].sort(compareVersions).pop() ?? crd.storage;
  if (crd.served.includes(version)) {
    if (version in crd.deprecated) {
      return { status: 'deprecated', replacement: `${group}/${newest}`, note: crd.deprecated[version] || `${group}/${version} ${kind} is deprecated` };
    }
    return undefined;
  }
  return {
    status: 'removed',
    ...(newest ? { replacement: `${group}/${newest}` } : {}),
    note: crd.unserved.includes(version) ? 'the current CRDs no longer serve it' : 'the current CRDs do not define it',
  };
}

/** Kubernetes version order: v1alpha1 < v1beta1 < v1 < v2alpha1 < v2. */
export function compareVersions(a: string, b: string): number {
  const rank = (v: string): [number, number, number] => {
    const m = /^v(\d+)(?:(alpha|beta)(\d+))?$/.exec(v);
    if (!m) return [-1, 0, 0];
    return [Number(m[1]), m[2] === 'alpha' ? 0 : m[2] === 'beta' ? 1 : 2, Number(m[3] ?? 0)];
  };
  const [x, y] = [rank(a), rank(b)];
  return x[0] - y[0] || x[1] - y[1] || x[2] - y[2];
}
