import { defineRule } from '../../src/engine/rule.js';
import { K } from '../../src/model/kinds.js';
import { listenerSetAdmission, listenerSetParent } from '../../src/graph/gateway-api.js';

export default defineRule({
  id: 'gateway-api-listenerset-not-allowed',
  severity: 'error',
  category: 'gateway-api',
  description: "A ListenerSet's parent Gateway does not admit it through spec.allowedListeners (Accepted=False, NotAllowed), so none of its listeners is programmed.",
  equivalents: [],
  inputs: [K.ListenerSet],
  precision: 'very-high',
  tags: ['attachment'],
  check(ctx) {
    for (const ls of ctx.resources(K.ListenerSet)) {
      const a = listenerSetAdmission(ctx.graph, ls);
      if (a.status === 'no-parent') {
        const p = listenerSetParent(ls);
        if (p && p.kindKey === K.Gateway) {
          ctx.report({
            resource: ls,
            path: [...p.path, 'name'],
            severity: 'warning',
            message: `ListenerSet ${ls.namespace}/${ls.name} would not attach: its parent Gateway ${p.namespace}/${p.name} is not in the inputs`,
          });
        }
        continue;
      }
      if (a.status !== 'not-allowed') continue;
      ctx.report({
        resource: ls,
        path: [...a.path, 'name'],
        ...(a.certain ? {} : { severity: 'warning' as const }),
        message: `ListenerSet ${ls.namespace}/${ls.name} would not attach: Accepted=False (NotAllowed): Gateway ${a.gateway.namespace}/${a.gateway.name} ${a.why}`,
        related: [{ resource: a.gateway, path: ['metadata', 'name'], message: `Gateway ${a.gateway.namespace}/${a.gateway.name}` }],
      });
    }
  },
});
