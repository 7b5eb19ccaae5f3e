import { defineRule } from '../../src/engine/rule.js';
import { K } from '../../src/model/kinds.js';
import { authzPolicies } from '../../src/graph/istio-authz.js';

export default defineRule({
  id: 'istio-authz-allow-nothing',
  severity: 'warning',
  category: 'istio',
  description: 'An ALLOW AuthorizationPolicy has no rules, so it denies every request to its workloads and no other ALLOW policy grants anything there.',
  equivalents: [],
  inputs: [K.AuthorizationPolicy],
  precision: 'medium',
  tags: ['security', 'authz'],
  check(ctx) {
    const { graph } = ctx;
    const all = authzPolicies(graph);
    for (const p of all) {
      if (p.action !== 'ALLOW' || p.targetRef || (p.rules && p.rules.length > 0)) continue;
      const ap = p.resource;
      // Istio's "allow-nothing" baseline: any ALLOW policy with rules in the same scope means the
      // empty one is deliberate. Only a policy standing alone denies everything by accident.
      const root = graph.meshConfig.rootNamespace;
      const grants = (x: typeof p) => x !== p && x.action === 'ALLOW' && !!x.rules && x.rules.length > 0;
      const granted = all.some((x) => grants(x) && (p.meshWide || x.resource.namespace === ap.namespace || x.resource.namespace === root));
      if (granted) continue; // the usual "allow-nothing" baseline under more specific ALLOW policies
      const spec = ap.body.spec;
      const scope = p.meshWide
        ? 'every workload of the mesh'
        : p.selector
          ? `the workloads it selects in namespace ${ap.namespace}`
          : `every workload in namespace ${ap.namespace}`;
      ctx.report({
        resource: ap,
        path: spec && typeof spec === 'object' && 'rules' in spec ? ['spec', 'rules'] : spec && typeof spec === 'object' && 'action' in spec ? ['spec', 'action'] : ['spec'],
        message: `AuthorizationPolicy ${ap.namespace}/${ap.name} is an ALLOW policy with no rules, and no other ALLOW policy with rules applies to ${scope}: every request to them is denied`,
      });
    }
  },
});
