import { defineRule } from '../../src/engine/rule.js';
import { vsReachability } from '../../src/graph/istio-vs-reachability.js';
import { K } from '../../src/model/kinds.js';

export default defineRule({
  id: 'istio-vs-ineffective-match',
  severity: 'info',
  category: 'istio',
  description: 'A VirtualService match repeats, or is covered by the uri prefix of, an earlier match, so it never selects anything.',
  equivalents: ['IST0131'],
  inputs: [K.VirtualService],
  precision: 'high',
  tags: ['routing'],
  check(ctx) {
    for (const vs of ctx.resources(K.VirtualService)) {
      for (const p of vsReachability(vs)) {
        if (p.kind !== 'ineffective') continue;
        const how = p.overlap ? 'its uri prefix is covered by an earlier match with the same conditions' : 'it duplicates an earlier match';
        ctx.report({
          resource: vs,
          path: p.path,
          message: `VirtualService ${vs.namespace}/${vs.name} ${p.section} rule ${p.ruleLabel} match ${p.matchLabel} is never used: ${how} in rule ${p.byRuleLabel}`,
        });
      }
    }
  },
});
