import { defineRule } from '../../src/engine/rule.js';
import { K } from '../../src/model/kinds.js';
import type { Path } from '../../src/model/types.js';
import { isObject } from '../../src/parse/parse.js';

export default defineRule({
  id: 'istio-vs-gateway-legacy-name',
  severity: 'info',
  category: 'istio',
  description: 'A VirtualService names a gateway in the old "name.namespace" form instead of "namespace/name".',
  equivalents: ['KIA1108'],
  inputs: [K.VirtualService],
  precision: 'high',
  tags: ['style'],
  check(ctx) {
    for (const vs of ctx.resources(K.VirtualService)) {
      const spec = isObject(vs.body.spec) ? vs.body.spec : {};
      const check = (list: unknown, base: Path) => {
        if (!Array.isArray(list)) return;
        list.forEach((g, i) => {
          if (typeof g !== 'string' || g === 'mesh' || g.includes('/') || !g.includes('.')) return;
          const dot = g.indexOf('.');
          const name = g.slice(0, dot);
          const ns = g.slice(dot + 1).split('.')[0];
          ctx.report({
            resource: vs,
            path: [...base, i],
            message: `VirtualService ${vs.namespace}/${vs.name} names gateway "${g}" in the deprecated "name.namespace" form: write "${ns}/${name}"`,
          });
        });
      };
      check(spec.gateways, ['spec', 'gateways']);
      if (Array.isArray(spec.http)) {
        spec.http.forEach((r, ri) => {
          if (isObject(r) && Array.isArray(r.match)) r.match.forEach((m, mi) => isObject(m) && check(m.gateways, ['spec', 'http', ri, 'match', mi, 'gateways']));
        });
      }
    }
  },
});
