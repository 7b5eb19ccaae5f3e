import { defineRule } from '../../src/engine/rule.js';
import type { Resource } from '../../src/model/types.js';
import { isObject } from '../../src/parse/parse.js';

const RATELIMIT = 'policy.linkerd.io/HTTPLocalRateLimitPolicy';

export default defineRule({
  id: 'linkerd-ratelimit-duplicate',
  severity: 'warning',
  category: 'linkerd',
  description: 'Two HTTPLocalRateLimitPolicies target the same Server; Linkerd accepts only one and marks the other Accepted=False (RateLimitReasonAlreadyExists).',
  equivalents: [],
  inputs: [RATELIMIT],
  precision: 'very-high',
  check(ctx) {
    const byServer = new Map<string, Resource[]>();
    for (const p of ctx.resources(RATELIMIT)) {
      const spec = isObject(p.body.spec) ? p.body.spec : {};
      if (!isObject(spec.targetRef) || typeof spec.targetRef.name !== 'string') continue;
      const key = `${p.namespace}/${spec.targetRef.name}`;
      const list = byServer.get(key) ?? [];
      if (!list.some((o) => o.name === p.name)) list.push(p);
      byServer.set(key, list);
    }
    for (const [key, list] of byServer) {
      if (list.length < 2) continue;
      const [first, ...rest] = [...list].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
      for (const p of rest)
        ctx.report({
          resource: p,
          path: ['spec', 'targetRef', 'name'],
          message: `HTTPLocalRateLimitPolicy ${p.namespace}/${p.name} targets Server ${key}, which HTTPLocalRateLimitPolicy ${first.namespace}/${first.name} already limits: Linkerd accepts only one (the oldest) and ignores the other`,
          related: [{ resource: first, path: ['spec', 'targetRef', 'name'], message: `HTTPLocalRateLimitPolicy ${first.namespace}/${first.name}` }],
        });
    }
  },
});
