import { defineRule } from '../../src/engine/rule.js';
import { objects } from '../../src/graph/istio-gateways.js';
import { MUTATING } from '../../src/graph/istio-webhooks.js';
import { labelSelector, selectorMatches } from '../../src/graph/selectors.js';
import { isObject } from '../../src/parse/parse.js';

export default defineRule({
  id: 'istio-image-auto-without-injection',
  severity: 'warning',
  category: 'istio',
  description: 'A workload uses `image: auto` for istio-proxy but no Istio injection webhook in the inputs matches it, so the image is never replaced and the pod cannot start.',
  equivalents: ['IST0146', 'IST0147'],
  inputs: [MUTATING],
  precision: 'medium',
  tags: ['injection'],
  check(ctx) {
    const { graph } = ctx;
    const hooks: Array<{ ns?: ReturnType<typeof labelSelector>; obj?: ReturnType<typeof labelSelector> }> = [];
    for (const cfg of graph.ofKind(MUTATING)) {
      for (const [w] of objects(cfg.body.webhooks)) {
        if (typeof w.name !== 'string' || !w.name.endsWith('istio.io')) continue;
        hooks.push({ ns: labelSelector(w.namespaceSelector), obj: labelSelector(w.objectSelector) });
      }
    }
    if (hooks.length === 0) return; // no injector in the inputs: cannot judge
    for (const w of graph.workloads) {
      const i = objects(w.podSpec.containers).find(([c]) => c.name === 'istio-proxy' && c.image === 'auto')?.[1];
      if (i === undefined) continue;
      const nsLabels = graph.namespaceResource(w.namespace)?.labels ?? {};
      if (hooks.some((h) => (!h.ns || selectorMatches(h.ns, nsLabels)) && (!h.obj || selectorMatches(h.obj, w.labels)))) continue;
      const r = w.resource;
      ctx.report({
        resource: r,
        path: [...w.templatePath, 'spec', 'containers', i, 'image'],
        severity: r.kind === 'Pod' ? 'error' : 'warning',
        message: `${r.kind} ${r.namespace}/${r.name} uses "image: auto" for istio-proxy, but no Istio injection webhook in the inputs matches its namespace (${w.namespace}) and labels: the image is never replaced and the container cannot start; label the namespace istio-injection=enabled or the pods sidecar.istio.io/inject=true`,
      });
    }
  },
});
