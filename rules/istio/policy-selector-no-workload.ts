import { defineRule } from '../../src/engine/rule.js';
import { K } from '../../src/model/kinds.js';
import { isObject } from '../../src/parse/parse.js';
import { equalitySelector, formatSelector, isEmptySelector } from '../../src/graph/selectors.js';

const KINDS = [K.PeerAuthentication, K.RequestAuthentication];

export default defineRule({
  id: 'istio-policy-selector-no-workload',
  severity: 'warning',
  category: 'istio',
  description: 'A PeerAuthentication or RequestAuthentication selector matches no workload of its namespace, so the policy applies to nothing.',
  equivalents: ['KIA0004'],
  inputs: KINDS,
  precision: 'medium',
  tags: ['reference'],
  check(ctx) {
    const { graph } = ctx;
    for (const kind of KINDS) {
      for (const r of ctx.resources(kind)) {
        const spec = isObject(r.body.spec) ? r.body.spec : {};
        if (!isObject(spec.selector) || spec.targetRef !== undefined || spec.targetRefs !== undefined) continue;
        const sel = equalitySelector(spec.selector.matchLabels);
        if (!sel || isEmptySelector(sel)) continue;
        // Root-namespace policies with a selector apply to matching workloads of every namespace.
        const namespaces = r.namespace === graph.meshConfig.rootNamespace ? graph.knownNamespaces() : [r.namespace];
        // A namespace whose workloads are not in the inputs (deployed from elsewhere): cannot tell.
        if (namespaces.every((ns) => graph.workloadsInNamespace(ns).length === 0)) continue;
        if (namespaces.some((ns) => graph.workloadsMatching(ns, sel).length > 0)) continue;
        ctx.report({
          resource: r,
          path: ['spec', 'selector', 'matchLabels'],
          message: `${r.kind} ${r.namespace}/${r.name} selects ${formatSelector(sel)}, but no workload ${r.namespace === graph.meshConfig.rootNamespace ? 'of the inputs' : `in namespace ${r.namespace}`} has those labels: the policy applies to nothing`,
        });
      }
    }
  },
});
