// Istio's admission webhook configurations (sidecar injector, config validator).
import type { Resource } from '../model/types.js';
import type { ResourceGraph } from './graph.js';

export const MUTATING = 'admissionregistration.k8s.io/MutatingWebhookConfiguration';
export const VALIDATING = 'admissionregistration.k8s.io/ValidatingWebhookConfiguration';

/** Webhook configurations of an Istio control plane, by istioctl's naming conventions. */
export function istioControlPlaneWebhooks(graph: ResourceGraph): Resource[] {
  return [
    ...graph.ofKind(VALIDATING).filter((r) => r.name === 'istiod-default-validator' || r.name.startsWith('istio-validator')),
    ...graph.ofKind(MUTATING).filter((r) => r.name.startsWith('istio-sidecar-injector')),
  ];
}
