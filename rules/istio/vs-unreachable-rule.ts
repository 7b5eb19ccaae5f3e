import { defineRule } from '../../src/engine/rule.js';
import { vsReachability } from '../../src/graph/istio-vs-reachability.js';
import { K } from '../../src/model/kinds.js';

export default defineRule({
  id: 'istio-vs-unreachable-rule',
  severity: 'warning',
  category: 'istio',
  description: 'A VirtualService route rule can never be selected because earlier rules take all of its traffic.',
  equivalents: ['IST0130'],
  inputs: [K.VirtualService],
  precision: 'very-high',
  tags: ['routing'],
  check(ctx) {
    for (const vs of ctx.resources(K.VirtualService)) {
      for (const p of vsReachability(vs)) {
        if (p.kind !== 'unreachable') continue;
        ctx.report({
          resource: vs,
          path: p.path,
          message: `VirtualService ${vs.namespace}/${vs.name} ${p.section} rule ${p.ruleLabel} is never used (${p.reason}): requests are taken by earlier rules first`,
        });
      }
    }
  },
});
