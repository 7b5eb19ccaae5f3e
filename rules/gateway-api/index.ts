import type { Rule } from '../../src/engine/rule.js';
import backendrefUnresolved from './backendref-unresolved.js';
import backendrefWeights from './backendref-weights.js';
import backendtlspolicyConflict from './backendtlspolicy-conflict.js';
import backendtlspolicyUnresolved from './backendtlspolicy-unresolved.js';
import certificateRefUnresolved from './certificate-ref-unresolved.js';
import crdValidation from './crd-validation.js';
import gatewayclassNotFound from './gatewayclass-not-found.js';
import l4RouteShadowed from './l4-route-shadowed.js';
import listenerConflict from './listener-conflict.js';
import listenerInvalidRouteKinds from './listener-invalid-route-kinds.js';
import listenerUnsupportedProtocol from './listener-unsupported-protocol.js';
import listenersetNotAllowed from './listenerset-not-allowed.js';
import referencegrantIneffective from './referencegrant-ineffective.js';
import routeHostnameUnused from './route-hostname-unused.js';
import routeKindConflict from './route-kind-conflict.js';
import routeNotAccepted from './route-not-accepted.js';
import routeParentNotFound from './route-parent-not-found.js';

export const GATEWAY_API_RULES: readonly Rule[] = [
  backendrefUnresolved,
  backendrefWeights,
  backendtlspolicyConflict,
  backendtlspolicyUnresolved,
  certificateRefUnresolved,
  crdValidation,
  gatewayclassNotFound,
  l4RouteShadowed,
  listenerConflict,
  listenerInvalidRouteKinds,
  listenerUnsupportedProtocol,
  listenersetNotAllowed,
  referencegrantIneffective,
  routeHostnameUnused,
  routeKindConflict,
  routeNotAccepted,
  routeParentNotFound,
];
