import { defineRule } from '../../src/engine/rule.js';
import { WORKLOAD_KINDS } from '../../src/model/kinds.js';
import { existingSidecars, injectionOf } from '../../src/graph/linkerd.js';

export default defineRule({
  id: 'linkerd-double-sidecar',
  severity: 'warning',
  category: 'linkerd',
  description: 'A pod that already carries a proxy sidecar (istio-proxy, or a committed linkerd-proxy) asks for Linkerd injection, or a namespace enables both Istio and Linkerd injection.',
  equivalents: [],
  inputs: [...WORKLOAD_KINDS, 'Namespace'],
  precision: 'high',
  check(ctx) {
    for (const w of ctx.graph.workloads) {
      const sidecars = existingSidecars(w);
      if (!sidecars.length) continue;
      const d = injectionOf(ctx.graph, w);
      if (!d.injected) continue;
      const r = w.resource;
      const s = sidecars[0];
      ctx.report({
        resource: r,
        path: [...w.templatePath, 'spec', s.list, s.index, 'name'],
        ...(s.name.startsWith('istio') ? {} : { severity: 'info' as const }),
        message: `${r.kind} ${r.namespace}/${r.name} already has the sidecar "${s.name}" while ${d.reason}: Linkerd refuses to inject it ("pod has a sidecar injected already")${s.name.startsWith('istio') ? ', and two meshes on one pod break traffic' : '; remove the committed proxy and let the injector add it'}`,
      });
    }
    for (const ns of ctx.resources('Namespace')) {
      const l5d = ns.annotations['linkerd.io/inject'];
      if (l5d !== 'enabled' && l5d !== 'ingress') continue;
      const istio = ns.labels['istio-injection'] === 'enabled' || (ns.labels['istio.io/rev'] !== undefined && ns.labels['istio-injection'] !== 'disabled');
      if (!istio)
        continue;
      ctx.report({
        resource: ns,
        path: ['metadata', 'annotations', 'linkerd.io/inject'],
        message: `Namespace ${ns.name} enables both Linkerd injection and Istio injection (${ns.labels['istio-injection'] === 'enabled' ? 'istio-injection=enabled' : `istio.io/rev=${ns.labels['istio.io/rev']}`}): its pods would get two sidecars; choose one mesh`,
      });
    }
  },
});
