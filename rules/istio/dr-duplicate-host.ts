import { defineRule } from '../../src/engine/rule.js';
import { K } from '../../src/model/kinds.js';
import type { Resource } from '../../src/model/types.js';
import { isObject } from '../../src/parse/parse.js';
import { resolveIstioHost } from '../../src/graph/istio.js';
import { pushToMap } from '../../src/graph/graph.js';

function creation(r: Resource): string {
  const m = r.body.metadata;
  return isObject(m) && typeof m.creationTimestamp === 'string' ? m.creationTimestamp : '';
}

export default defineRule({
  id: 'istio-dr-duplicate-host',
  severity: 'warning',
  category: 'istio',
  description: 'Two DestinationRules in one namespace configure the same host (and subset); Istio merges them and silently drops the later traffic policy or subset.',
  equivalents: ['KIA0201'],
  inputs: [K.DestinationRule],
  precision: 'high',
  tags: ['conflict'],
  check(ctx) {
    const { graph } = ctx;
    // Istio merges DestinationRules of one namespace with the same host (and the same
    // workloadSelector); the oldest wins for the top-level policy and for repeated subset names.
    const groups = new Map<string, Resource[]>();
    for (const dr of ctx.resources(K.DestinationRule)) {
      const spec = isObject(dr.body.spec) ? dr.body.spec : {};
      if (typeof spec.host !== 'string' || spec.host === '') continue;
      const host = resolveIstioHost(spec.host, dr.namespace, graph.clusterDomain);
      const ws = isObject(spec.workloadSelector) ? JSON.stringify(Object.entries(isObject(spec.workloadSelector.matchLabels) ? spec.workloadSelector.matchLabels : {}).sort()) : '';
      // Rules with different exportTo are kept apart by Istio (each serves its own audience).
      const exp = Array.isArray(spec.exportTo) ? JSON.stringify([...spec.exportTo].map(String).sort()) : '';
      pushToMap(groups, `${dr.namespace}\u0000${host}\u0000${ws}\u0000${exp}`, dr);
    }
    for (const list of groups.values()) {
      // The same DestinationRule defined twice in the inputs (overlay variants) counts once.
      const unique = list.filter((dr, i) => list.findIndex((x) => x.name === dr.name) === i);
      if (unique.length < 2) continue;
      const sorted = [...unique].sort((a, b) => (creation(a) < creation(b) ? -1 : creation(a) > creation(b) ? 1 : a.uid - b.uid));
      const first = sorted[0];
      const seenSubsets = new Map<string, Resource>();
      let policyOwner: Resource | undefined;
      for (const dr of sorted) {
        const spec = dr.body.spec as Record<string, unknown>;
        const title = `DestinationRule ${dr.namespace}/${dr.name}`;
        const host = String(spec.host);
        const hasPolicy = isObject(spec.trafficPolicy) && Object.keys(spec.trafficPolicy).length > 0;
        const subsets = Array.isArray(spec.subsets) ? spec.subsets : [];
        if (hasPolicy) {
          if (policyOwner) {
            ctx.report({
              resource: dr,
              path: ['spec', 'host'],
              message: `${title} sets a traffic policy for host "${host}", which DestinationRule ${policyOwner.namespace}/${policyOwner.name} in the same namespace already configures: Istio merges them and ignores this traffic policy`,
              related: [{ resource: policyOwner, path: ['spec', 'host'], message: `DestinationRule ${policyOwner.namespace}/${policyOwner.name} wins` }],
            });
          } else policyOwner = dr;
        } else if (subsets.length === 0 && dr !== first) {
          ctx.report({
            resource: dr,
            path: ['spec', 'host'],
            message: `${title} repeats host "${host}" of DestinationRule ${first.namespace}/${first.name} in the same namespace without adding a traffic policy or subsets: it has no effect`,
            related: [{ resource: first, path: ['spec', 'host'], message: `DestinationRule ${first.namespace}/${first.name}` }],
          });
        }
        subsets.forEach((s, i) => {
          if (!isObject(s) || typeof s.name !== 'string') return;
          const owner = seenSubsets.get(s.name);
          if (owner && owner !== dr) {
            ctx.report({
              resource: dr,
              path: ['spec', 'subsets', i, 'name'],
              message: `${title} defines subset "${s.name}" of host "${host}", which DestinationRule ${owner.namespace}/${owner.name} in the same namespace already defines: Istio keeps the first and ignores this one`,
              related: [{ resource: owner, path: ['spec', 'host'], message: `DestinationRule ${owner.namespace}/${owner.name} defines it first` }],
            });
          } else if (!owner) seenSubsets.set(s.name, dr);
        });
      }
    }
  },
});
