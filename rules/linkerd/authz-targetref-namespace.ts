import { defineRule } from '../../src/engine/rule.js';
import { K } from '../../src/model/kinds.js';
import { isObject } from '../../src/parse/parse.js';

export default defineRule({
  id: 'linkerd-authz-targetref-namespace',
  severity: 'warning',
  category: 'linkerd',
  description: 'A Linkerd AuthorizationPolicy or HTTPLocalRateLimitPolicy targetRef has a namespace field, which the CRD does not define: the API server drops it, so the policy never targets another namespace.',
  equivalents: [],
  inputs: [K.LinkerdAuthorizationPolicy, 'policy.linkerd.io/HTTPLocalRateLimitPolicy'],
  precision: 'very-high',
  check(ctx) {
    for (const kindKey of [K.LinkerdAuthorizationPolicy, 'policy.linkerd.io/HTTPLocalRateLimitPolicy']) {
      for (const p of ctx.resources(kindKey)) {
        const spec = isObject(p.body.spec) ? p.body.spec : {};
        if (!isObject(spec.targetRef) || spec.targetRef.namespace === undefined) continue;
        const ns = String(spec.targetRef.namespace);
        if (ns === p.namespace) {
          ctx.report({ resource: p, path: ['spec', 'targetRef', 'namespace'], at: 'key', severity: 'info', message: `${p.kind} ${p.namespace}/${p.name} sets targetRef.namespace, which the CRD does not define; it is dropped (harmless here: it names the policy's own namespace)` });
          continue;
        }
        ctx.report({
          resource: p,
          path: ['spec', 'targetRef', 'namespace'],
          message: `${p.kind} ${p.namespace}/${p.name} sets targetRef.namespace: ${ns}, which the CRD does not define: the API server drops it and the policy targets "${String(spec.targetRef.name)}" in its own namespace ${p.namespace}; create the policy in namespace ${ns} instead`,
        });
      }
    }
  },
});
