import { defineRule } from '../../src/engine/rule.js';
import { K } from '../../src/model/kinds.js';
import { serviceProfileTarget } from '../../src/graph/linkerd.js';

export default defineRule({
  id: 'linkerd-sp-namespace-mismatch',
  severity: 'info',
  category: 'linkerd',
  description: "A ServiceProfile lives in another namespace than the Service it names, so it applies only to clients in its own namespace.",
  equivalents: [],
  inputs: [K.ServiceProfile],
  precision: 'medium',
  check(ctx) {
    for (const sp of ctx.resources(K.ServiceProfile)) {
      const target = serviceProfileTarget(sp.name, ctx.graph.clusterDomain);
      if (!target || target.namespace === sp.namespace) continue;
      ctx.report({
        resource: sp,
        path: sp.namespaceDefaulted ? ['metadata', 'name'] : ['metadata', 'namespace'],
        message: `ServiceProfile ${sp.namespace}/${sp.name} names a Service of namespace ${target.namespace} but lives in namespace ${sp.namespace}: it is a client-side profile that applies only to clients running in ${sp.namespace}; put it in ${target.namespace} to apply it to every client`,
      });
    }
  },
});
