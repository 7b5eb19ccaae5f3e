import { defineRule } from '../../src/engine/rule.js';
import { K } from '../../src/model/kinds.js';
import { isObject } from '../../src/parse/parse.js';
import { resolveIstioHost } from '../../src/graph/istio.js';

export default defineRule({
  id: 'istio-vs-duplicate-destination',
  severity: 'warning',
  category: 'istio',
  description: 'A VirtualService route lists the same destination (host, subset and port) twice, so the weights do not split traffic as written.',
  equivalents: ['KIA1105'],
  inputs: [K.VirtualService],
  precision: 'very-high',
  tags: ['routing'],
  check(ctx) {
    const domain = ctx.graph.clusterDomain;
    for (const vs of ctx.resources(K.VirtualService)) {
      const spec = isObject(vs.body.spec) ? vs.body.spec : {};
      for (const section of ['http', 'tcp', 'tls'] as const) {
        const routes = spec[section];
        if (!Array.isArray(routes)) continue;
        routes.forEach((r, ri) => {
          if (!isObject(r) || !Array.isArray(r.route)) return;
          const seen = new Map<string, number>();
          r.route.forEach((d, di) => {
            if (!isObject(d) || !isObject(d.destination) || typeof d.destination.host !== 'string') return;
            const dst = d.destination;
            const port = isObject(dst.port) ? String(dst.port.number ?? '') : '';
            const key = `${resolveIstioHost(dst.host as string, vs.namespace, domain)}|${String(dst.subset ?? '')}|${port}`;
            const first = seen.get(key);
            if (first === undefined) {
              seen.set(key, di);
              return;
            }
            const subset = typeof dst.subset === 'string' ? ` subset "${dst.subset}"` : '';
            ctx.report({
              resource: vs,
              path: ['spec', section, ri, 'route', di, 'destination', 'host'],
              message: `VirtualService ${vs.namespace}/${vs.name} routes to "${dst.host}"${subset} twice in ${section} route ${ri + 1} (destinations ${first + 1} and ${di + 1}): merge them and add up their weights`,
            });
          });
        });
      }
    }
  },
});
