import { defineRule } from '../../src/engine/rule.js';
import { resourceLabel } from '../../src/model/kinds.js';
import { apiVerdict } from '../../src/schema/api-versions.js';

export default defineRule({
  id: 'api-version-removed',
  severity: 'error',
  category: 'core',
  description: 'A resource uses an API version that the cluster no longer serves (removed Kubernetes APIs, Mixer, rbac.istio.io, old mesh CRD versions).',
  equivalents: [],
  inputs: [],
  precision: 'very-high',
  tags: ['api-version'],
  check(ctx) {
    for (const r of ctx.graph.resources) {
      const v = apiVerdict(r.group, r.version, r.kind);
      if (v?.status !== 'removed') continue;
      const who = resourceLabel(r);
      ctx.report({
        resource: r,
        path: ['apiVersion'],
        message: `${who} uses ${r.apiVersion}, which the API server no longer serves (${v.note}): applying it fails${v.replacement ? `; use ${v.replacement}` : ''}`,
      });
    }
  },
});
