import { defineRule } from '../../src/engine/rule.js';
import { resourceLabel } from '../../src/model/kinds.js';
import { INJECT, isValidInjectValue, metadataSites } from '../../src/graph/linkerd.js';

export default defineRule({
  id: 'linkerd-inject-invalid-value',
  severity: 'error',
  category: 'linkerd',
  description: 'linkerd.io/inject has a value other than enabled, disabled or ingress, so the proxy injector skips the pod (or the whole namespace).',
  equivalents: [],
  inputs: [],
  precision: 'very-high',
  check(ctx) {
    for (const site of metadataSites(ctx.graph)) {
      if (site.scope !== 'pod' && site.scope !== 'namespace') continue;
      const value = site.annotations[INJECT];
      if (value === undefined || isValidInjectValue(value.trim())) continue;
      const r = site.resource;
      const lower = value.trim().toLowerCase();
      const hint = ['true', 'yes', 'on', 'enable'].includes(lower) ? ' (did you mean "enabled"?)' : ['false', 'no', 'off', 'disable'].includes(lower) ? ' (did you mean "disabled"?)' : isValidInjectValue(lower) ? ` (values are case-sensitive: "${lower}")` : '';
      const whom = site.scope === 'namespace' ? `no pod of namespace ${r.name} is injected` : 'the pod is not injected';
      ctx.report({
        resource: r,
        path: [...site.metaPath, 'annotations', INJECT],
        message: `${resourceLabel(r)} sets ${INJECT}: "${value}", which is not enabled, disabled or ingress${hint}: ${whom}`,
      });
    }
  },
});
