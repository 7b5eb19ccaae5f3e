import { defineRule } from '../../src/engine/rule.js';
import { K } from '../../src/model/kinds.js';
import { isObject } from '../../src/parse/parse.js';

const KINDS = [K.VirtualService, K.DestinationRule, K.ServiceEntry];

export default defineRule({
  id: 'istio-export-to-namespace-not-found',
  severity: 'warning',
  category: 'istio',
  description: 'An exportTo entry of a VirtualService, DestinationRule or ServiceEntry names a namespace that is not in the inputs, so the config is invisible where it was meant to apply.',
  equivalents: ['KIA0005'],
  inputs: KINDS,
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
  },
});
