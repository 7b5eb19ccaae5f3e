import { defineRule } from '../../src/engine/rule.js';
import { K } from '../../src/model/kinds.js';
import type { Path, Resource } from '../../src/model/types.js';
import { isObject } from '../../src/parse/parse.js';
import { crossNamespaceRefs, GATEWAY_API_GROUP, GRANT_FROM_KINDS, type CrossNamespaceRef } from '../../src/graph/gateway-api.js';

type Obj = Record<string, unknown>;
const CORE_REFERENTS = new Set(['Service', 'Secret', 'ConfigMap']);

interface Entry {
  path: Path;
  group: string;
  kind: string;
  namespace?: string;
  name?: string;
}

function entries(list: unknown, base: 'from' | 'to'): Entry[] {
  if (!Array.isArray(list)) return [];
  return list.flatMap((e, i): Entry[] =>
    isObject(e)
      ? [
          {
            path: ['spec', base, i],
            group: typeof e.group === 'string' ? e.group : '',
            kind: typeof e.kind === 'string' ? e.kind : '',
            ...(typeof e.namespace === 'string' ? { namespace: e.namespace } : {}),
            ...(typeof e.name === 'string' && e.name !== '' ? { name: e.name } : {}),
          },
        ]
      : [],
  );
}

/** The one field by which a from/to pair misses a reference, or undefined (matches, or misses by more). */
function nearMiss(ref: CrossNamespaceRef, from: Entry[], to: Entry[]): { path: Path; why: string } | undefined {
  for (const f of from) {
    for (const t of to) {
      const misses: Array<{ path: Path; why: string }> = [];
      if (f.group !== ref.from.group) misses.push({ path: [...f.path, 'group'], why: `from.group is "${f.group}", the referring ${ref.from.kind} is in group ${ref.from.group}` });
      if (f.kind !== ref.from.kind) misses.push({ path: [...f.path, 'kind'], why: `from.kind is ${f.kind}, the reference comes from a ${ref.from.kind}` });
      if (f.namespace !== ref.from.namespace) misses.push({ path: [...f.path, 'namespace'], why: `from.namespace is ${f.namespace ?? '(unset)'}, the ${ref.from.kind} is in namespace ${ref.from.namespace}` });
      if (t.group !== ref.group) misses.push({ path: [...t.path, 'group'], why: `to.group is "${t.group}", the target is in group "${ref.group}"` });
      if (t.kind !== ref.kind) misses.push({ path: [...t.path, 'kind'], why: `to.kind is ${t.kind}, the target is a ${ref.kind}` });
      if (t.name !== undefined && t.name !== ref.name) misses.push({ path: [...t.path, 'name'], why: `to.name is ${t.name}, the target is ${ref.name}` });
      if (misses.length === 1) return misses[0];
    }
  }
  return undefined;
}

export default defineRule({
  id: 'gateway-api-referencegrant-ineffective',
  severity: 'warning',
  category: 'gateway-api',
  description:
    'A ReferenceGrant can never permit anything (it names its own namespace, a kind that never references across namespaces, or group "core"), or misses by one field a cross-namespace reference it was evidently written for.',
  equivalents: [],
  inputs: [K.ReferenceGrant],
  precision: 'high',
  tags: ['reference'],
  check(ctx) {
    // Unpermitted cross-namespace references, by target namespace, for near misses.
    const denied = new Map<string, CrossNamespaceRef[]>();
    const used = new Set<number>();
    for (const ref of crossNamespaceRefs(ctx.graph)) {
      if (ref.grant) {
        used.add(ref.grant.uid);
        continue;
      }
      const list = denied.get(ref.namespace) ?? [];
      list.push(ref);
      denied.set(ref.namespace, list);
    }
    for (const g of ctx.resources(K.ReferenceGrant)) {
      const spec: Obj = isObject(g.body.spec) ? g.body.spec : {};
      const from = entries(spec.from, 'from');
      const to = entries(spec.to, 'to');
      const who = `ReferenceGrant ${g.namespace}/${g.name}`;
      const report = (path: Path, message: string, related?: Resource) =>
        ctx.report({ resource: g, path, message: `${who} ${message}`, ...(related ? { related: [{ resource: related, path: ['metadata', 'name'], message: `${related.kind} ${related.namespace}/${related.name}` }] } : {}) });
      let structural = false;
      for (const f of from) {
        if (f.namespace === g.namespace) {
          structural = true;
          report([...f.path, 'namespace'], `permits references from its own namespace ${g.namespace}, which never need a grant: a ReferenceGrant belongs in the namespace of the referenced object, naming the referrer's namespace in from.namespace`);
        }
        if (GRANT_FROM_KINDS.has(f.kind) && f.group !== GATEWAY_API_GROUP) {
          structural = true;
          report([...f.path, 'group'], `has from.group "${f.group}" for kind ${f.kind}; Gateway API kinds are in group ${GATEWAY_API_GROUP}, so it matches nothing`);
        } else if (f.group === GATEWAY_API_GROUP && !GRANT_FROM_KINDS.has(f.kind)) {
          structural = true;
          report([...f.path, 'kind'], `has from.kind ${f.kind}, which never references objects in other namespaces (expected one of ${[...GRANT_FROM_KINDS].join(', ')})`);
        }
      }
      for (const t of to) {
        if (t.group === 'core') {
          structural = true;
          report([...t.path, 'group'], `has to.group "core"; ReferenceGrant matches groups exactly and the core group is written "", so it matches nothing`);
        } else if (t.group === '' && !CORE_REFERENTS.has(t.kind)) {
          structural = true;
          report([...t.path, 'kind'], `has to.kind ${t.kind}, which Gateway API objects never reference in the core group (expected Service, Secret or ConfigMap)`);
        }
      }
      // A grant that already permits something is doing its job; a near miss is then another story.
      if (structural || used.has(g.uid)) continue;
      // Near misses: one field away from permitting a reference that nothing else permits.
      const seen = new Set<string>();
      for (const ref of denied.get(g.namespace) ?? []) {
        const miss = nearMiss(ref, from, to);
        if (!miss || seen.has(miss.path.join('.'))) continue;
        seen.add(miss.path.join('.'));
        report(miss.path, `does not permit ${ref.from.kind} ${ref.from.namespace}/${ref.from.name} to reference ${ref.kind} ${ref.namespace}/${ref.name}: ${miss.why}`, ref.from);
      }
    }
  },
});
