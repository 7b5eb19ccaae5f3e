// Kind keys (`group/Kind`, bare `Kind` for the core group) and what we know of each kind.

export const K = {
  // Kubernetes core and apps
  Namespace: 'Namespace',
  Service: 'Service',
  Pod: 'Pod',
  ServiceAccount: 'ServiceAccount',
  Secret: 'Secret',
  ConfigMap: 'ConfigMap',
  Endpoints: 'Endpoints',
  Deployment: 'apps/Deployment',
  StatefulSet: 'apps/StatefulSet',
  DaemonSet: 'apps/DaemonSet',
  ReplicaSet: 'apps/ReplicaSet',
  Job: 'batch/Job',
  CronJob: 'batch/CronJob',
  Ingress: 'networking.k8s.io/Ingress',
  // Istio
  VirtualService: 'networking.istio.io/VirtualService',
  DestinationRule: 'networking.istio.io/DestinationRule',
  IstioGateway: 'networking.istio.io/Gateway',
  ServiceEntry: 'networking.istio.io/ServiceEntry',
  Sidecar: 'networking.istio.io/Sidecar',
  EnvoyFilter: 'networking.istio.io/EnvoyFilter',
  WorkloadEntry: 'networking.istio.io/WorkloadEntry',
  WorkloadGroup: 'networking.istio.io/WorkloadGroup',
  ProxyConfig: 'networking.istio.io/ProxyConfig',
  PeerAuthentication: 'security.istio.io/PeerAuthentication',
  RequestAuthentication: 'security.istio.io/RequestAuthentication',
  AuthorizationPolicy: 'security.istio.io/AuthorizationPolicy',
  Telemetry: 'telemetry.istio.io/Telemetry',
  WasmPlugin: 'extensions.istio.io/WasmPlugin',
  // Linkerd
  ServiceProfile: 'linkerd.io/ServiceProfile',
  LinkerdServer: 'policy.linkerd.io/Server',
  LinkerdServerAuthorization: 'policy.linkerd.io/ServerAuthorization',
  LinkerdAuthorizationPolicy: 'policy.linkerd.io/AuthorizationPolicy',
  LinkerdMeshTLSAuthentication: 'policy.linkerd.io/MeshTLSAuthentication',
  LinkerdNetworkAuthentication: 'policy.linkerd.io/NetworkAuthentication',
  LinkerdHTTPRoute: 'policy.linkerd.io/HTTPRoute',
  LinkerdGRPCRoute: 'policy.linkerd.io/GRPCRoute',
  LinkerdExternalWorkload: 'workload.linkerd.io/ExternalWorkload',
  // Gateway API
  GatewayClass: 'gateway.networking.k8s.io/GatewayClass',
  Gateway: 'gateway.networking.k8s.io/Gateway',
  HTTPRoute: 'gateway.networking.k8s.io/HTTPRoute',
  GRPCRoute: 'gateway.networking.k8s.io/GRPCRoute',
  TLSRoute: 'gateway.networking.k8s.io/TLSRoute',
  TCPRoute: 'gateway.networking.k8s.io/TCPRoute',
  UDPRoute: 'gateway.networking.k8s.io/UDPRoute',
  ReferenceGrant: 'gateway.networking.k8s.io/ReferenceGrant',
  BackendTLSPolicy: 'gateway.networking.k8s.io/BackendTLSPolicy',
  ListenerSet: 'gateway.networking.k8s.io/ListenerSet',
} as const;

export type KindKey = string;

/** Kinds that live outside namespaces; everything else is namespaced. */
const CLUSTER_SCOPED = new Set<string>([
  'Namespace',
  'Node',
  'PersistentVolume',
  'ClusterRole',
  'ClusterRoleBinding',
  'CustomResourceDefinition',
  'StorageClass',
  'PriorityClass',
  'IngressClass',
  'RuntimeClass',
  'MutatingWebhookConfiguration',
  'ValidatingWebhookConfiguration',
  'ValidatingAdmissionPolicy',
  'ValidatingAdmissionPolicyBinding',
  'APIService',
  'CSIDriver',
  'CSINode',
  'VolumeAttachment',
  'PodSecurityPolicy',
  'CertificateSigningRequest',
  'ClusterIssuer',
  'GatewayClass',
  'ClusterTrustBundle',
]);

export function splitApiVersion(apiVersion: string): { group: string; version: string } {
  const slash = apiVersion.lastIndexOf('/');
  return slash < 0 ? { group: '', version: apiVersion } : { group: apiVersion.slice(0, slash), version: apiVersion.slice(slash + 1) };
}

export function kindKeyOf(group: string, kind: string): KindKey {
  return group ? `${group}/${kind}` : kind;
}

export function isClusterScoped(kind: string): boolean {
  return CLUSTER_SCOPED.has(kind);
}

/** Kinds whose spec carries a pod template (spec.template, or spec.jobTemplate.spec.template). */
export const WORKLOAD_KINDS: readonly KindKey[] = [K.Deployment, K.StatefulSet, K.DaemonSet, K.ReplicaSet, K.Job, K.CronJob, K.Pod];

/** How messages name a resource: `Kind namespace/name`, or `Kind name` when cluster-scoped. */
export function resourceLabel(r: { kind: string; namespace: string; name: string }): string {
  return `${r.kind} ${r.namespace ? `${r.namespace}/` : ''}${r.name}`;
}
