import { defineRule } from '../../src/engine/rule.js';
import { K } from '../../src/model/kinds.js';
import { authzPolicies, authzWorkloads, policiesFor, type AuthzPolicy } from '../../src/graph/istio-authz.js';

const title = (p: AuthzPolicy) => `AuthorizationPolicy ${p.resource.namespace}/${p.resource.name}`;

export default defineRule({
  id: 'istio-authz-precedence',
  severity: 'warning',
  category: 'istio',
  description: 'AuthorizationPolicy precedence defeats a policy: a DENY with no rules denies nothing, a deny-all DENY overrides every ALLOW, an allow-all rule makes other ALLOW policies moot.',
  equivalents: [],
  inputs: [K.AuthorizationPolicy],
  precision: 'high',
  tags: ['security', 'authz'],
  check(ctx) {
    const { graph } = ctx;
    for (const p of authzPolicies(graph)) {
      const ap = p.resource;
      if (p.action === 'DENY' && (!p.rules || p.rules.length === 0)) {
        ctx.report({
          resource: ap,
          path: ['spec', 'action'],
          message: `${title(p)} is a DENY policy with no rules: a DENY policy only denies requests matching one of its rules, so it denies nothing (to deny everything, add "rules: [{}]", or use an ALLOW policy with no rules)`,
        });
        continue;
      }
      if (p.targetRef || !p.rules) continue;
      const workloads = authzWorkloads(graph, p);
      if (!workloads || workloads.length === 0) continue;
      if (p.action === 'ALLOW') {
        // A DENY policy with an empty rule (matches everything) on every selected workload.
        const denier = workloads
          .map((w) => policiesFor(graph, w).find((x) => x.action === 'DENY' && x.rules?.some((r) => r.empty)))
          .reduce<AuthzPolicy | undefined | null>((acc, d) => (acc === null ? null : d && (acc === undefined || acc === d) ? d : null), undefined);
        if (denier) {
          const r = denier.rules!.find((x) => x.empty)!;
          ctx.report({
            resource: ap,
            path: ['spec', 'rules'],
            message: `${title(p)} allows requests that ${title(denier)} denies first: DENY policies are evaluated before ALLOW, and its rule ${r.index + 1} matches every request, so this policy never lets anything through`,
            related: [{ resource: denier.resource, path: ['spec', 'rules', r.index], message: `${title(denier)} denies every request` }],
          });
          continue;
        }
        const allowAll = p.rules.find((r) => r.empty);
        if (allowAll) {
          const others = workloads.flatMap((w) => policiesFor(graph, w)).filter((x) => x !== p && x.action === 'ALLOW' && x.rules && x.rules.length > 0 && !x.rules.some((r) => r.empty));
          if (others.length > 0) {
            const o = others[0];
            ctx.report({
              resource: ap,
              path: ['spec', 'rules', allowAll.index],
              message: `${title(p)} has an empty rule that allows every request, so the restrictions of ${title(o)} on the same workloads have no effect (a request is allowed when any ALLOW policy matches)`,
              related: [{ resource: o.resource, path: ['spec', 'rules'], message: `${title(o)} is moot` }],
            });
          }
        }
      }
    }
  },
});
