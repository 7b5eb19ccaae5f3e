import { defineRule } from '../../src/engine/rule.js';
import { K } from '../../src/model/kinds.js';
import { inRanges, injectionOf, parsePortList, podConfig, serversOf } from '../../src/graph/linkerd.js';

const SKIP = 'config.linkerd.io/skip-inbound-ports';

export default defineRule({
  id: 'linkerd-skipped-port-has-policy',
  severity: 'warning',
  category: 'linkerd',
  description: 'A Linkerd Server covers a pod port that config.linkerd.io/skip-inbound-ports sends around the proxy, so its authorization policy is never enforced.',
  equivalents: [],
  inputs: [K.LinkerdServer],
  precision: 'very-high',
  check(ctx) {
    const seen = new Set<string>();
    for (const w of ctx.graph.workloads) {
      const skip = podConfig(ctx.graph, w, SKIP);
      if (skip === undefined || !injectionOf(ctx.graph, w).injected) continue;
      const skipped = parsePortList(skip, { min: 0 }).ranges;
      for (const { server, ports } of serversOf(ctx.graph, w)) {
        const bypassed = [...ports].filter((p) => inRanges(p, skipped));
        if (!bypassed.length || seen.has(`${server.uid}`)) continue;
        seen.add(`${server.uid}`);
        ctx.report({
          resource: server,
          path: ['spec', 'port'],
          message: `Server ${server.namespace}/${server.name} covers port ${bypassed.join(', ')} of ${w.resource.kind} ${w.resource.namespace}/${w.resource.name}, but ${SKIP}: "${skip}" sends that port around the proxy: its authorization policy is never enforced and the traffic is not mTLS-protected`,
          related: [{ resource: w.resource, path: [...w.templatePath, 'metadata'], message: `${w.resource.kind} ${w.resource.namespace}/${w.resource.name}` }],
        });
      }
    }
  },
});
