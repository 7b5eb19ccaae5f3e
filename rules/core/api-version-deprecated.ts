import { defineRule } from '../../src/engine/rule.js';
import { resourceLabel } from '../../src/model/kinds.js';
import { apiVerdict } from '../../src/schema/api-versions.js';

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
    for (const r of ctx.graph.resources) {
      const v = apiVerdict(r.group, r.version, r.kind);
      if (v?.status !== 'deprecated') continue;
      const who = resourceLabel(r);
      ctx.report({
        resource: r,
        path: ['apiVersion'],
        message: `${who} uses ${r.apiVersion}, which is deprecated and will stop being served${v.replacement ? `; use ${v.replacement}` : ''}`,
      });
    }
  },
});
