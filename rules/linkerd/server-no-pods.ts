import { defineRule } from '../../src/engine/rule.js';
import { K } from '../../src/model/kinds.js';
import { formatSelector, labelSelector, selectorMatches } from '../../src/graph/selectors.js';
import { isObject } from '../../src/parse/parse.js';
import { serverSelector } from '../../src/graph/linkerd.js';

export default defineRule({
  id: 'linkerd-server-no-pods',
  severity: 'warning',
  category: 'linkerd',
  description: 'A Linkerd Server podSelector matches no pod template in its namespace, so the Server and every authorization on it apply to nothing.',
  equivalents: [],
  inputs: [K.LinkerdServer],
  precision: 'high',
  tags: ['reference'],
  check(ctx) {
    for (const srv of ctx.resources(K.LinkerdServer)) {
      const ext = isObject(srv.body.spec) ? labelSelector(srv.body.spec.externalWorkloadSelector) : undefined;
      if (ext) {
        const workloads = ctx.graph.inNamespace(K.LinkerdExternalWorkload, srv.namespace);
        if (workloads.some((w) => selectorMatches(ext, w.labels))) continue;
        ctx.report({
          resource: srv,
          path: ['spec', 'externalWorkloadSelector'],
          severity: workloads.length ? 'warning' : 'info',
          message: `Server ${srv.namespace}/${srv.name} selects external workloads {${formatSelector(ext) || 'all'}}, but ${workloads.length ? `no ExternalWorkload in namespace ${srv.namespace} has these labels` : `no ExternalWorkload of namespace ${srv.namespace} is in the inputs`}: the Server applies to nothing`,
        });
        continue;
      }
      const sel = serverSelector(srv);
      if (!sel) continue;
      const refs = ctx.graph.referencesFrom(srv, 'selects');
      if (refs.some((r) => r.resolved.length > 0)) continue;
      // Only a namespace whose workloads are in the inputs says the selector is really wrong.
      const described = ctx.graph.workloadsInNamespace(srv.namespace).length > 0;
      ctx.report({
        resource: srv,
        path: ['spec', 'podSelector'],
        severity: described ? 'warning' : 'info',
        message: `Server ${srv.namespace}/${srv.name} selects pods {${formatSelector(sel) || 'all'}}, but ${described ? `no pod template in namespace ${srv.namespace} has these labels` : `no workload of namespace ${srv.namespace} is in the inputs`}: the Server applies to nothing`,
      });
    }
  },
});
