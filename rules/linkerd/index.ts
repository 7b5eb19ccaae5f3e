import type { Rule } from '../../src/engine/rule.js';
import annotationAsLabel from './annotation-as-label.js';
import annotationBadValue from './annotation-bad-value.js';
import annotationDeprecated from './annotation-deprecated.js';
import annotationOnWorkloadMetadata from './annotation-on-workload-metadata.js';
import annotationUnknown from './annotation-unknown.js';
import authzAuthnNotFound from './authz-authn-not-found.js';
import authzTargetNotFound from './authz-target-not-found.js';
import authzTargetrefNamespace from './authz-targetref-namespace.js';
import defaultDenyNoPolicy from './default-deny-no-policy.js';
import doubleSidecar from './double-sidecar.js';
import extworkloadInvalid from './extworkload-invalid.js';
import hostnetworkInInjectedNs from './hostnetwork-in-injected-ns.js';
import identityCert from './identity-cert.js';
import injectInvalidValue from './inject-invalid-value.js';
import jobProxyNeverExits from './job-proxy-never-exits.js';
import labelAsAnnotation from './label-as-annotation.js';
import meshtlsSaNotFound from './meshtls-sa-not-found.js';
import opaquePortsAsymmetric from './opaque-ports-asymmetric.js';
import policyInvalid from './policy-invalid.js';
import ratelimitDuplicate from './ratelimit-duplicate.js';
import retryTimeoutAnnotationBad from './retry-timeout-annotation-bad.js';
import routeKindConflict from './route-kind-conflict.js';
import routeOnOpaqueServer from './route-on-opaque-server.js';
import routeParentNotServer from './route-parent-not-server.js';
import routeParentServiceInvalid from './route-parent-service-invalid.js';
import routeUnsupportedFilter from './route-unsupported-filter.js';
import sazNoClient from './saz-no-client.js';
import sazServerNotFound from './saz-server-not-found.js';
import serverConflict from './server-conflict.js';
import serverNoPods from './server-no-pods.js';
import serverPortNotFound from './server-port-not-found.js';
import serverSpeaksFirstPort from './server-speaks-first-port.js';
import skippedPortHasPolicy from './skipped-port-has-policy.js';
import spAndHttprouteOverlap from './sp-and-httproute-overlap.js';
import spBadRegex from './sp-bad-regex.js';
import spDstoverrideInvalid from './sp-dstoverride-invalid.js';
import spInvalid from './sp-invalid.js';
import spNameNotFqdn from './sp-name-not-fqdn.js';
import spNamespaceMismatch from './sp-namespace-mismatch.js';
import spRetryBudgetExtreme from './sp-retry-budget-extreme.js';
import spRetryNonIdempotent from './sp-retry-non-idempotent.js';
import spSchema from './sp-schema.js';
import spServiceNotFound from './sp-service-not-found.js';
import spUnknownMethod from './sp-unknown-method.js';
import udpPorts from './udp-ports.js';

export const LINKERD_RULES: readonly Rule[] = [
  annotationAsLabel,
  annotationBadValue,
  annotationDeprecated,
  annotationOnWorkloadMetadata,
  annotationUnknown,
  authzAuthnNotFound,
  authzTargetNotFound,
  authzTargetrefNamespace,
  defaultDenyNoPolicy,
  doubleSidecar,
  extworkloadInvalid,
  hostnetworkInInjectedNs,
  identityCert,
  injectInvalidValue,
  jobProxyNeverExits,
  labelAsAnnotation,
  meshtlsSaNotFound,
  opaquePortsAsymmetric,
  policyInvalid,
  ratelimitDuplicate,
  retryTimeoutAnnotationBad,
  routeKindConflict,
  routeOnOpaqueServer,
  routeParentNotServer,
  routeParentServiceInvalid,
  routeUnsupportedFilter,
  sazNoClient,
  sazServerNotFound,
  serverConflict,
  serverNoPods,
  serverPortNotFound,
  serverSpeaksFirstPort,
  skippedPortHasPolicy,
  spAndHttprouteOverlap,
  spBadRegex,
  spDstoverrideInvalid,
  spInvalid,
  spNameNotFqdn,
  spNamespaceMismatch,
  spRetryBudgetExtreme,
  spRetryNonIdempotent,
  spSchema,
  spServiceNotFound,
  spUnknownMethod,
  udpPorts,
];
