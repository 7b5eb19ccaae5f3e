import { defineRule } from '../../src/engine/rule.js';
import { resourceLabel } from '../../src/model/kinds.js';
import { resourcesWithApiStatus } from '../../src/schema/api-versions.js';

export default defineRule({
  id: 'api-version-deprecated',
  severity: 'info',
  category: 'core',
  description: 'A resource uses an API version that is still served but deprecated; a newer version exists.',
  equivalents: [],
  inputs: [],
  precision: 'very-high',
  tags: ['api-version'],
  check(ctx) {
    for (const { resource: r, verdict: v } of resourcesWithApiStatus(ctx.graph.resources, 'deprecated')) {
      ctx.report({ resource: r, path: ['apiVersion'], message: `${resourceLabel(r)} uses ${r.apiVersion}, which is deprecated and will stop being served${v.replacement ? `; use ${v.replacement}` : ''}` });
    }
  },
});
