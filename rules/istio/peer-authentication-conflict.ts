import { defineRule } from '../../src/engine/rule.js';
import { K } from '../../src/model/kinds.js';
import type { Resource } from '../../src/model/types.js';
import { isObject } from '../../src/parse/parse.js';
import { equalitySelector, isEmptySelector, selectorMatches, type LabelSelector } from '../../src/graph/selectors.js';

const creation = (r: Resource) => {
  const m = r.body.metadata;
  return isObject(m) && typeof m.creationTimestamp === 'string' ? m.creationTimestamp : '';
};

export default defineRule({
  id: 'istio-peer-authentication-conflict',
  severity: 'error',
  category: 'istio',
  description: 'Several PeerAuthentications apply at the same level (two without selector in one namespace, or two selecting the same workload); Istio uses only the oldest.',
  equivalents: ['KIA0002', 'KIA0003'],
  inputs: [K.PeerAuthentication],
  precision: 'very-high',
  tags: ['conflict', 'mtls'],
  check(ctx) {
    const { graph } = ctx;
    const byNs = new Map<string, Array<{ pa: Resource; sel?: LabelSelector }>>();
    for (const pa of [...ctx.resources(K.PeerAuthentication)].sort((a, b) => (creation(a) < creation(b) ? -1 : creation(a) > creation(b) ? 1 : a.uid - b.uid))) {
      const spec = isObject(pa.body.spec) ? pa.body.spec : {};
      const sel = isObject(spec.selector) ? equalitySelector(spec.selector.matchLabels) : undefined;
      const list = byNs.get(pa.namespace) ?? [];
      if (list.some((x) => x.pa.name === pa.name)) continue; // one policy defined twice (overlay variants)
      list.push({ pa, ...(sel && !isEmptySelector(sel) ? { sel } : {}) });
      byNs.set(pa.namespace, list);
    }
    for (const [ns, list] of byNs) {
      const selectorless = list.filter((x) => !x.sel);
      for (const { pa } of selectorless.slice(1)) {
        const first = selectorless[0].pa;
        ctx.report({
          resource: pa,
          path: isObject(pa.body.spec) && 'selector' in pa.body.spec ? ['spec', 'selector'] : ['metadata', 'name'],
          message: `PeerAuthentication ${pa.namespace}/${pa.name} has no selector, like PeerAuthentication ${first.namespace}/${first.name}: only one namespace-wide policy takes effect in namespace ${ns} (the oldest), the other is ignored`,
          related: [{ resource: first, path: ['metadata', 'name'], message: `PeerAuthentication ${first.namespace}/${first.name}` }],
        });
      }
      const withSel = list.filter((x) => x.sel);
      if (withSel.length < 2) continue;
      for (let i = 1; i < withSel.length; i++) {
        const b = withSel[i];
        const hit = graph.workloadsMatching(ns, b.sel!).find((w) => withSel.slice(0, i).some((a) => selectorMatches(a.sel!, w.labels)));
        if (!hit) continue;
        const a = withSel.slice(0, i).find((x) => selectorMatches(x.sel!, hit.labels))!;
        ctx.report({
          resource: b.pa,
          path: ['spec', 'selector', 'matchLabels'],
          message: `PeerAuthentication ${b.pa.namespace}/${b.pa.name} and PeerAuthentication ${a.pa.namespace}/${a.pa.name} both select ${hit.resource.kind} ${hit.namespace}/${hit.resource.name}: Istio applies only the oldest, so one of them is ignored`,
          related: [{ resource: a.pa, path: ['spec', 'selector'], message: `PeerAuthentication ${a.pa.namespace}/${a.pa.name}` }],
        });
      }
    }
  },
});
