import type { Rule } from '../../src/engine/rule.js';
import ambientL7NotApplied from './ambient-l7-not-applied.js';
import ambientPolicyNeedsTargetRef from './ambient-policy-needs-target-ref.js';
import ambientSidecarConflict from './ambient-sidecar-conflict.js';
import ambientUseWaypoint from './ambient-use-waypoint.js';
import authzAllowNothing from './authz-allow-nothing.js';
import authzHostNotFound from './authz-host-not-found.js';
import authzHttpFieldOnTcp from './authz-http-field-on-tcp.js';
import authzMethodInvalid from './authz-method-invalid.js';
import authzMtlsRequired from './authz-mtls-required.js';
import authzPortNotExposed from './authz-port-not-exposed.js';
import authzPrecedence from './authz-precedence.js';
import authzPrincipalNotFound from './authz-principal-not-found.js';
import drDuplicateHost from './dr-duplicate-host.js';
import drMtlsOverridden from './dr-mtls-overridden.js';
import drMtlsWithoutPeerAuthentication from './dr-mtls-without-peer-authentication.js';
import drNamespaceUnused from './dr-namespace-unused.js';
import drSubsetNoLabels from './dr-subset-no-labels.js';
import exportToNamespaceNotFound from './export-to-namespace-not-found.js';
import mtlsModeConflict from './mtls-mode-conflict.js';
import peerAuthenticationConflict from './peer-authentication-conflict.js';
import policySelectorNoWorkload from './policy-selector-no-workload.js';
import prodAccessLogOff from './prod-access-log-off.js';
import prodEnvoyfilterDeprecated from './prod-envoyfilter-deprecated.js';
import prodMeshMtlsNotStrict from './prod-mesh-mtls-not-strict.js';
import prodNoPluggedCa from './prod-no-plugged-ca.js';
import prodOutboundAllowAny from './prod-outbound-allow-any.js';
import prodWorkloadNoAuthzPolicy from './prod-workload-no-authz-policy.js';
import seDuplicateHostPort from './se-duplicate-host-port.js';
import serviceAppProtocol from './service-app-protocol.js';
import serviceTargetPortNotExposed from './service-target-port-not-exposed.js';
import sidecarEgressHostNotFound from './sidecar-egress-host-not-found.js';
import sidecarRootSelector from './sidecar-root-selector.js';
import vsDuplicateDestination from './vs-duplicate-destination.js';
import vsGatewayLegacyName from './vs-gateway-legacy-name.js';
import vsGatewayNotFound from './vs-gateway-not-found.js';
import vsSingleDestinationWeight from './vs-single-destination-weight.js';
import workloadgroupDuplicateLabels from './workloadgroup-duplicate-labels.js';
import workloadgroupServiceAccountNotFound from './workloadgroup-service-account-not-found.js';

export const ISTIO_RULES: readonly Rule[] = [
  ambientL7NotApplied,
  ambientPolicyNeedsTargetRef,
  ambientSidecarConflict,
  ambientUseWaypoint,
  authzAllowNothing,
  authzHostNotFound,
  authzHttpFieldOnTcp,
  authzMethodInvalid,
  authzMtlsRequired,
  authzPortNotExposed,
  authzPrecedence,
  authzPrincipalNotFound,
  drDuplicateHost,
  drMtlsOverridden,
  drMtlsWithoutPeerAuthentication,
  drNamespaceUnused,
  drSubsetNoLabels,
  exportToNamespaceNotFound,
  mtlsModeConflict,
  peerAuthenticationConflict,
  policySelectorNoWorkload,
  prodAccessLogOff,
  prodEnvoyfilterDeprecated,
  prodMeshMtlsNotStrict,
  prodNoPluggedCa,
  prodOutboundAllowAny,
  prodWorkloadNoAuthzPolicy,
  seDuplicateHostPort,
  serviceAppProtocol,
  serviceTargetPortNotExposed,
  sidecarEgressHostNotFound,
  sidecarRootSelector,
  vsDuplicateDestination,
  vsGatewayLegacyName,
  vsGatewayNotFound,
  vsSingleDestinationWeight,
  workloadgroupDuplicateLabels,
  workloadgroupServiceAccountNotFound,
];
