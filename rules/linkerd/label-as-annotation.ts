import { defineRule } from '../../src/engine/rule.js';
import { resourceLabel } from '../../src/model/kinds.js';
import { LABEL_ONLY_KEYS, metadataSites } from '../../src/graph/linkerd.js';

export default defineRule({
  id: 'linkerd-label-as-annotation',
  severity: 'warning',
  category: 'linkerd',
  description: 'mirror.linkerd.io/exported or config.linkerd.io/admission-webhooks is written as an annotation; Linkerd selects on these labels, so it has no effect.',
  equivalents: [],
  inputs: [],
  precision: 'very-high',
  check(ctx) {
    for (const site of metadataSites(ctx.graph)) {
      for (const key of LABEL_ONLY_KEYS) {
        const value = site.annotations[key];
        if (value === undefined || site.labels[key] !== undefined) continue;
        const r = site.resource;
        const effect = key.startsWith('mirror.') ? 'the Service is not exported to other clusters' : 'Linkerd\'s admission webhooks still run';
        ctx.report({
          resource: r,
          path: [...site.metaPath, 'annotations', key],
          at: 'key',
          message: `${resourceLabel(r)} sets ${key}: "${value}" as an annotation, but Linkerd matches it as a label: ${effect}; move it to metadata.labels`,
        });
      }
    }
  },
});
