import { defineRule } from '../../src/engine/rule.js';

/** Versions the Linkerd CRDs mark `deprecated: true` (kubectl prints their deprecationWarning). */
const DEPRECATED: Record<string, { versions: string[]; use: string }> = {
  'policy.linkerd.io/Server': { versions: ['v1alpha1', 'v1beta1'], use: 'v1beta3' },
  'policy.linkerd.io/ServerAuthorization': { versions: ['v1alpha1'], use: 'v1beta1' },
};

export default defineRule({
  id: 'linkerd-deprecated-version',
  // Still served: kubectl prints a warning, nothing breaks until an upgrade removes the version.
  severity: 'info',
  category: 'linkerd',
  description: 'A Linkerd resource uses a deprecated API version that later releases stop serving.',
  equivalents: [],
  inputs: Object.keys(DEPRECATED),
  precision: 'very-high',
  check(ctx) {
    for (const [kindKey, d] of Object.entries(DEPRECATED)) {
      for (const r of ctx.resources(kindKey)) {
        if (!d.versions.includes(r.version)) continue;
        ctx.report({
          resource: r,
          path: ['apiVersion'],
          message: `${r.kind} ${r.namespace}/${r.name} uses ${r.apiVersion}, which the Linkerd CRD marks deprecated (a later release stops serving it); use ${r.group}/${d.use}`,
        });
      }
    }
  },
});
