import { defineRule } from '../../src/engine/rule.js';
import { WORKLOAD_KINDS } from '../../src/model/kinds.js';
import { injectionOf } from '../../src/graph/linkerd.js';

export default defineRule({
  id: 'linkerd-udp-ports',
  severity: 'info',
  category: 'linkerd',
  description: 'An injected pod declares UDP ports; the Linkerd proxy handles only TCP, so that traffic bypasses the mesh (no mTLS, no metrics, no policy).',
  equivalents: [],
  inputs: [...WORKLOAD_KINDS],
  precision: 'very-high',
  check(ctx) {
    for (const w of ctx.graph.workloads) {
      const udp = w.containerPorts.filter((p) => p.protocol === 'UDP');
      if (!udp.length || !injectionOf(ctx.graph, w).injected) continue;
      const r = w.resource;
      ctx.report({
        resource: r,
        path: [...udp[0].path, 'protocol'],
        message: `${r.kind} ${r.namespace}/${r.name} is injected but uses "protocol: UDP" (port ${udp.map((p) => p.containerPort).join(', ')}): Linkerd proxies TCP only, so UDP traffic bypasses the mesh`,
      });
    }
  },
});
