import { defineRule } from '../../src/engine/rule.js';
import { resourceLabel } from '../../src/model/kinds.js';
import { isLinkerdPodAnnotationKey, metadataSites } from '../../src/graph/linkerd.js';

export default defineRule({
  id: 'linkerd-annotation-as-label',
  severity: 'warning',
  category: 'linkerd',
  description: 'linkerd.io/inject or a config.linkerd.io/ setting is written as a label; Linkerd reads these only as annotations, so it has no effect.',
  equivalents: [],
  inputs: [],
  precision: 'very-high',
  check(ctx) {
    for (const site of metadataSites(ctx.graph)) {
      for (const [key, value] of Object.entries(site.labels)) {
        if (!isLinkerdPodAnnotationKey(key)) continue;
        const r = site.resource;
        const where = site.scope === 'pod' && r.kind !== 'Pod' ? `the pod template of ${r.kind} ${r.namespace}/${r.name}` : resourceLabel(r);
        ctx.report({
          resource: r,
          path: [...site.metaPath, 'labels', key],
          at: 'key',
          message: `${key}: "${value}" is a label on ${where}, but Linkerd reads it only as an annotation, so it has no effect; move it to metadata.annotations`,
        });
      }
    }
  },
});
