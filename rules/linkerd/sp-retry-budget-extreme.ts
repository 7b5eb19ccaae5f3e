import { defineRule } from '../../src/engine/rule.js';
import { K } from '../../src/model/kinds.js';
import { isObject } from '../../src/parse/parse.js';
import { parseGoDuration } from '../../src/graph/linkerd.js';

export default defineRule({
  id: 'linkerd-sp-retry-budget-extreme',
  severity: 'warning',
  category: 'linkerd',
  description: 'A ServiceProfile retryBudget allows more retries than requests (retryRatio above 1) or has a ttl so short or long that the budget is meaningless.',
  equivalents: [],
  inputs: [K.ServiceProfile],
  precision: 'medium',
  check(ctx) {
    for (const sp of ctx.resources(K.ServiceProfile)) {
      const spec = isObject(sp.body.spec) ? sp.body.spec : {};
      if (!isObject(spec.retryBudget)) continue;
      const rb = spec.retryBudget;
      const id = `ServiceProfile ${sp.namespace}/${sp.name}`;
      if (typeof rb.retryRatio === 'number' && rb.retryRatio > 1)
        ctx.report({ resource: sp, path: ['spec', 'retryBudget', 'retryRatio'], message: `${id} has retryBudget.retryRatio ${rb.retryRatio}: retries may add more than ${rb.retryRatio} times the original load to a failing service (the default is 0.2)` });
      const ttl = typeof rb.ttl === 'string' ? parseGoDuration(rb.ttl) : undefined;
      if (ttl !== undefined && ttl > 0 && (ttl < 1e9 || ttl > 60e9))
        ctx.report({ resource: sp, path: ['spec', 'retryBudget', 'ttl'], severity: 'info', message: `${id} has retryBudget.ttl ${String(rb.ttl)}; the proxy's retry budget works with windows of 1s to 60s, the default is 10s` });
    }
  },
});
