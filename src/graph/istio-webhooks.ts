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

import { isObject } from '../parse/parse.js';
import { labelSelector, selectorMatches } from './selectors.js';

/** Sidecar injector configurations: an `istio.io/rev` label, or a webhook named `*istio.io`. */
export function injectorConfigurations(graph: ResourceGraph): Resource[] {
  return graph.ofKind(MUTATING).filter((r) => r.labels['istio.io/rev'] !== undefined || (Array.isArray(r.body.webhooks) && r.body.webhooks.some((w) => isObject(w) && typeof w.name === 'string' && w.name.endsWith('istio.io'))));
}

/** Configurations whose webhooks would both inject the same pod, for a set of probe label sets. */
export function overlappingInjectors(graph: ResourceGraph): Map<Resource, Set<string>> {
  return graph.memo('istio:webhook-overlaps', () => {
    const configs = injectorConfigurations(graph);
    const revs = new Set<string>();
    const hooks: Array<{ cfg: Resource; name: string; ns: ReturnType<typeof labelSelector>; obj: ReturnType<typeof labelSelector> }> = [];
    for (const cfg of configs) {
      if (cfg.labels['istio.io/rev']) revs.add(cfg.labels['istio.io/rev']);
      for (const w of Array.isArray(cfg.body.webhooks) ? cfg.body.webhooks : []) {
        if (!isObject(w)) continue;
        const ns = labelSelector(w.namespaceSelector);
        const obj = labelSelector(w.objectSelector);
        for (const s of [ns, obj]) {
          if (!s) continue;
          if (s.matchLabels['istio.io/rev']) revs.add(s.matchLabels['istio.io/rev']);
          for (const e of s.matchExpressions) if (e.key === 'istio.io/rev') e.values.forEach((v) => revs.add(v));
        }
        hooks.push({ cfg, name: typeof w.name === 'string' ? w.name : '', ns, obj });
      }
    }
    const base = (extra: Record<string, string>[]) => extra;
    const nsSets = base([{}, { 'istio-injection': 'enabled' }, { 'istio-injection': 'disabled' }]);
    const objSets = base([{}, { 'sidecar.istio.io/inject': 'true' }, { 'sidecar.istio.io/inject': 'false' }]);
    const withRevs = (sets: Record<string, string>[]) => [...sets, ...[...revs].flatMap((r) => sets.map((s) => ({ ...s, 'istio.io/rev': r })))];
    const out = new Map<Resource, Set<string>>();
    for (const nsl of withRevs(nsSets)) {
      for (const ol of withRevs(objSets)) {
        const hit = hooks.filter((h) => (!h.ns || selectorMatches(h.ns, nsl)) && (!h.obj || selectorMatches(h.obj, ol)));
        if (hit.length < 2) continue;
        const names = hit.map((h) => `${h.cfg.name}/${h.name}`).sort();
        for (const h of hit) {
          const s = out.get(h.cfg) ?? new Set<string>();
          names.filter((n) => !n.startsWith(`${h.cfg.name}/`) || names.filter((m) => m.startsWith(`${h.cfg.name}/`)).length > 1).forEach((n) => s.add(n));
          out.set(h.cfg, s);
        }
      }
    }
    return out;
  });
}
