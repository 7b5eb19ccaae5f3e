import { defineRule } from '../../src/engine/rule.js';
import { K } from '../../src/model/kinds.js';
import { isObject } from '../../src/parse/parse.js';

export default defineRule({
  id: 'istio-vs-single-destination-weight',
  severity: 'warning',
  category: 'istio',
  description: 'A VirtualService route has a single destination with a weight below 100; Istio sends it all the traffic anyway.',
  equivalents: ['KIA1104'],
  inputs: [K.VirtualService],
  precision: 'very-high',
  tags: ['routing'],
  check(ctx) {
    for (const vs of ctx.resources(K.VirtualService)) {
      const spec = isObject(vs.body.spec) ? vs.body.spec : {};
      for (const section of ['http', 'tcp', 'tls'] as const) {
        const routes = spec[section];
        if (!Array.isArray(routes)) continue;
        routes.forEach((r, ri) => {
          if (!isObject(r) || !Array.isArray(r.route) || r.route.length !== 1 || !isObject(r.route[0])) return;
          const w = r.route[0].weight;
          if (typeof w !== 'number' || w <= 0 || w >= 100) return;
          const name = typeof r.name === 'string' ? ` "${r.name}"` : ` ${ri + 1}`;
          ctx.report({
            resource: vs,
            path: ['spec', section, ri, 'route', 0, 'weight'],
            message: `VirtualService ${vs.namespace}/${vs.name} ${section} route${name} has a single destination with weight ${w}: the weight is taken as 100, so no traffic is held back (add the other destination, e.g. the old version, to split traffic)`,
          });
        });
      }
    }
  },
});
