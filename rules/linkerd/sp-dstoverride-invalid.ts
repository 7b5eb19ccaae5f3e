import { defineRule } from '../../src/engine/rule.js';
import { K } from '../../src/model/kinds.js';
import { isObject } from '../../src/parse/parse.js';
import { parseQuantity } from '../../src/graph/linkerd.js';

export default defineRule({
  id: 'linkerd-sp-dstoverride-invalid',
  severity: 'warning',
  category: 'linkerd',
  description: 'A ServiceProfile traffic split (dstOverrides) has an entry without authority or weight, a non-positive weight, or an authority naming a Service that is not defined.',
  equivalents: [],
  inputs: [K.ServiceProfile],
  precision: 'high',
  tags: ['reference'],
  check(ctx) {
    const domain = ctx.graph.clusterDomain;
    for (const sp of ctx.resources(K.ServiceProfile)) {
      const spec = isObject(sp.body.spec) ? sp.body.spec : {};
      if (!Array.isArray(spec.dstOverrides) || spec.dstOverrides.length === 0) continue;
      const id = `ServiceProfile ${sp.namespace}/${sp.name}`;
      let total = 0;
      let allParsed = true;
      spec.dstOverrides.forEach((d, i) => {
        const p = ['spec', 'dstOverrides', i];
        if (!isObject(d)) return;
        if (typeof d.authority !== 'string' || d.authority === '') ctx.report({ resource: sp, path: p, message: `${id} dstOverrides entry ${i + 1} has no authority, so its share of traffic goes nowhere` });
        const w = d.weight === undefined || d.weight === null ? undefined : parseQuantity(String(d.weight));
        if (d.weight === undefined || d.weight === null) {
          allParsed = false;
          ctx.report({ resource: sp, path: p, message: `${id} dstOverrides entry ${i + 1} has no weight, so it receives no traffic` });
        } else if (w === undefined) allParsed = false;
        else if (w < 0) ctx.report({ resource: sp, path: [...p, 'weight'], message: `${id} dstOverrides entry ${i + 1} has a negative weight ${String(d.weight)}` });
        else total += w;
        if (typeof d.authority !== 'string' || !d.authority) return;
        // `<svc>.<ns>.svc.<domain>[:port]`: the Service must exist where the inputs describe that namespace.
        const host = d.authority.replace(/:\d+$/, '');
        const suffix = `.svc.${domain}`;
        if (!host.endsWith(suffix)) return;
        const [svc, ns, ...rest] = host.slice(0, -suffix.length).split('.');
        if (!svc || !ns || rest.length) return;
        if (ctx.graph.get(K.Service, ns, svc) || ctx.graph.inNamespace(K.Service, ns).length === 0) return;
        ctx.report({ resource: sp, path: [...p, 'authority'], message: `${id} sends traffic to "${d.authority}", but Service ${ns}/${svc} is not defined: that share of requests fails` });
      });
      if (allParsed && total === 0) ctx.report({ resource: sp, path: ['spec', 'dstOverrides'], message: `${id} has dstOverrides whose weights are all zero, so no traffic can be routed` });
    }
  },
});
