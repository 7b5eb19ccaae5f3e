import { defineRule } from '../../src/engine/rule.js';
import { objects, specOf } from '../../src/graph/istio-gateways.js';
import { IGNORED_NAMESPACES } from '../../src/graph/istio-workloads.js';
import { isObject } from '../../src/parse/parse.js';
import { K } from '../../src/model/kinds.js';

/** Istio's namespace pattern: `*`, `*suffix`, `prefix*`, else case-insensitive equality. */
function matches(pattern: string, ns: string): boolean {
  if (pattern === '*') return true;
  if (pattern.startsWith('*')) return ns.endsWith(pattern.slice(1));
  if (pattern.endsWith('*')) return ns.startsWith(pattern.slice(0, -1));
  return pattern.toLowerCase() === ns.toLowerCase();
}

export default defineRule({
  id: 'istio-authz-namespace-not-found',
  severity: 'warning',
  category: 'istio',
  description: 'An AuthorizationPolicy source names a namespace (or pattern) that matches no namespace in the inputs.',
  equivalents: ['IST0101@auth.AuthorizationPoliciesAnalyzer', 'KIA0101'],
  inputs: [K.AuthorizationPolicy],
  precision: 'medium',
  tags: ['security', 'reference'],
  check(ctx) {
    const namespaces = ctx.graph.knownNamespaces().filter((n) => !IGNORED_NAMESPACES.has(n));
    for (const ap of ctx.resources(K.AuthorizationPolicy)) {
      for (const [rule, ri] of objects(specOf(ap).rules)) {
        for (const [from, fi] of objects(rule.from)) {
          if (!isObject(from.source)) continue;
          for (const field of ['namespaces', 'notNamespaces'] as const) {
            const list = from.source[field];
            if (!Array.isArray(list)) continue;
            list.forEach((p, k) => {
              if (typeof p !== 'string' || namespaces.some((n) => matches(p, n))) return;
              ctx.report({
                resource: ap,
                path: ['spec', 'rules', ri, 'from', fi, 'source', field, k],
                message: `AuthorizationPolicy ${ap.namespace}/${ap.name} ${field === 'namespaces' ? 'allows' : 'excludes'} source namespace "${p}", which matches no namespace in the inputs: check the spelling${field === 'namespaces' ? ', or the rule never matches' : ''}`,
              });
            });
          }
        }
      }
    }
  },
});
