import { defineRule } from '../../src/engine/rule.js';
import { resourceLabel } from '../../src/model/kinds.js';
import { resourcesWithApiStatus } from '../../src/schema/api-versions.js';

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
    for (const { resource: r, verdict: v } of resourcesWithApiStatus(ctx.graph.resources, 'removed')) {
      ctx.report({ resource: r, path: ['apiVersion'], message: `${resourceLabel(r)} uses ${r.apiVersion}, which the API server no longer serves (${v.note}): applying it fails${v.replacement ? `; use ${v.replacement}` : ''}` });
    }
  },
});
