import { defineRule } from '../../src/engine/rule.js';
import { K } from '../../src/model/kinds.js';
import { isObject } from '../../src/parse/parse.js';

export default defineRule({
  id: 'istio-dr-subset-no-labels',
  severity: 'info',
  category: 'istio',
  description: 'A DestinationRule subset has no labels, so it selects every endpoint of the host.',
  equivalents: ['KIA0209'],
  inputs: [K.DestinationRule],
  precision: 'medium',
  tags: ['routing'],
  check(ctx) {
    for (const dr of ctx.resources(K.DestinationRule)) {
      const spec = isObject(dr.body.spec) ? dr.body.spec : {};
      if (!Array.isArray(spec.subsets)) continue;
      spec.subsets.forEach((s, i) => {
        if (!isObject(s) || (isObject(s.labels) && Object.keys(s.labels).length > 0)) return;
        ctx.report({
          resource: dr,
          path: ['spec', 'subsets', i, typeof s.name === 'string' ? 'name' : 'labels'].filter((x) => x !== 'labels' || 'labels' in s),
          message: `DestinationRule ${dr.namespace}/${dr.name} subset "${String(s.name ?? i)}" has no labels: it selects every endpoint of "${String(spec.host)}", so routing to it does not pin a version`,
        });
      });
    }
  },
});
