import { defineRule } from '../../src/engine/rule.js';
import { K } from '../../src/model/kinds.js';
import { isObject } from '../../src/parse/parse.js';

const KINDS = [K.VirtualService, K.DestinationRule, K.ServiceEntry];
const INPUTS = [...KINDS, 'Service'];

export default defineRule({
  id: 'istio-export-to-namespace-not-found',
  severity: 'warning',
  category: 'istio',
  description: 'An exportTo entry of a VirtualService, DestinationRule or ServiceEntry names a namespace that is not in the inputs, so the config is invisible where it was meant to apply.',
  equivalents: ['KIA0005'],
  inputs: INPUTS,
  precision: 'medium',
  tags: ['reference'],
  check(ctx) {
    const { graph } = ctx;
    // When the inputs manage Namespaces, a missing one is likely a typo; otherwise it may exist elsewhere.
    const managesNamespaces = graph.hasKind('Namespace');
    for (const kind of KINDS) {
      for (const r of ctx.resources(kind)) {
        const spec = isObject(r.body.spec) ? r.body.spec : {};
        if (!Array.isArray(spec.exportTo)) continue;
        spec.exportTo.forEach((ns, i) => {
          if (typeof ns !== 'string' || ns === '.' || ns === '*' || ns === '~' || graph.isNamespaceKnown(ns)) return;
          const near = graph.knownNamespaces().find((k) => k.toLowerCase() === ns.toLowerCase() || k.replace(/[-_]/g, '') === ns.replace(/[-_]/g, ''));
          ctx.report({
            resource: r,
            path: ['spec', 'exportTo', i],
            severity: managesNamespaces || near ? 'warning' : 'info',
            message: `${r.kind} ${r.namespace}/${r.name} is exported to namespace "${ns}", which is not in the inputs${near ? ` (did you mean "${near}"?)` : ''}: clients there do not exist, and no other namespace sees this entry`,
          });
        });
      }
    }
    // Kubernetes Services take the same list from the networking.istio.io/exportTo annotation.
    for (const svc of ctx.resources('Service')) {
      const raw = svc.annotations['networking.istio.io/exportTo'];
      if (!raw) continue;
      for (const ns of raw.split(',').map((x) => x.trim())) {
        if (!ns || ns === '.' || ns === '*' || ns === '~' || graph.isNamespaceKnown(ns)) continue;
        ctx.report({
          resource: svc,
          path: ['metadata', 'annotations', 'networking.istio.io/exportTo'],
          severity: managesNamespaces ? 'warning' : 'info',
          message: `Service ${svc.namespace}/${svc.name} is exported (networking.istio.io/exportTo) to namespace "${ns}", which is not in the inputs: no other namespace sees this Service through that entry`,
        });
      }
    }
  },
});
