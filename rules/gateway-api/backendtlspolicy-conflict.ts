import { defineRule } from '../../src/engine/rule.js';
import { K } from '../../src/model/kinds.js';
import type { Path, Resource } from '../../src/model/types.js';
import { isObject } from '../../src/parse/parse.js';
import { byAge, normalizeGroup } from '../../src/graph/gateway-api.js';

export default defineRule({
  id: 'gateway-api-backendtlspolicy-conflict',
  severity: 'warning',
  category: 'gateway-api',
  description: 'Two BackendTLSPolicies target the same Service and section; the newer one (then the alphabetically later one) is not accepted (Accepted=False, Conflicted).',
  equivalents: [],
  inputs: [K.BackendTLSPolicy],
  precision: 'high',
  tags: ['conflict', 'tls'],
  check(ctx) {
    const byTarget = new Map<string, Array<{ pol: Resource; path: Path }>>();
    for (const pol of ctx.resources(K.BackendTLSPolicy)) {
      const spec = isObject(pol.body.spec) ? pol.body.spec : {};
      if (!Array.isArray(spec.targetRefs)) continue;
      const seen = new Set<string>();
      spec.targetRefs.forEach((t, i) => {
        if (!isObject(t) || typeof t.name !== 'string') return;
        const key = `${pol.namespace}\u0000${normalizeGroup(typeof t.group === 'string' ? t.group : '')}\u0000${String(t.kind)}\u0000${t.name}\u0000${typeof t.sectionName === 'string' ? t.sectionName : ''}`;
        if (seen.has(key)) return;
        seen.add(key);
        const list = byTarget.get(key) ?? [];
        list.push({ pol, path: ['spec', 'targetRefs', i] });
        byTarget.set(key, list);
      });
    }
    for (const list of byTarget.values()) {
      if (list.length < 2) continue;
      list.sort((a, b) => byAge(a.pol, b.pol));
      const winner = list[0];
      for (const loser of list.slice(1)) {
        // The same policy defined twice (alternative manifests linted together) is not a conflict.
        if (loser.pol.name === winner.pol.name) continue;
        const t = loser.path;
        const spec = loser.pol.body.spec as Record<string, unknown>;
        const ref = (spec.targetRefs as Array<Record<string, unknown>>)[t[2] as number];
        const target = `${String(ref.kind)} ${loser.pol.namespace}/${String(ref.name)}${typeof ref.sectionName === 'string' ? ` section ${ref.sectionName}` : ''}`;
        ctx.report({
          resource: loser.pol,
          path: [...t, 'name'],
          message: `BackendTLSPolicy ${loser.pol.namespace}/${loser.pol.name} would not be accepted: Accepted=False (Conflicted): BackendTLSPolicy ${winner.pol.namespace}/${winner.pol.name} already targets ${target} and takes precedence (older, then alphabetical)`,
          related: [{ resource: winner.pol, path: [...winner.path, 'name'], message: `BackendTLSPolicy ${winner.pol.namespace}/${winner.pol.name}` }],
        });
      }
    }
  },
});
