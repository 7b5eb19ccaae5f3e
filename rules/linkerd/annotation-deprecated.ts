import { defineRule } from '../../src/engine/rule.js';
import { resourceLabel } from '../../src/model/kinds.js';
import { metadataSites } from '../../src/graph/linkerd.js';

/** Deprecated keys and their replacements (proxy configuration reference). */
const DEPRECATED: Record<string, string> = {
  'config.alpha.linkerd.io/proxy-enable-native-sidecar': 'config.beta.linkerd.io/proxy-enable-native-sidecar',
};

export default defineRule({
  id: 'linkerd-annotation-deprecated',
  severity: 'info',
  category: 'linkerd',
  description: 'A Linkerd annotation is deprecated in favour of another key.',
  equivalents: [],
  inputs: [],
  precision: 'very-high',
  check(ctx) {
    for (const site of metadataSites(ctx.graph)) {
      if (site.scope !== 'pod' && site.scope !== 'namespace') continue;
      for (const [key, replacement] of Object.entries(DEPRECATED)) {
        if (site.annotations[key] === undefined || site.annotations[replacement] !== undefined) continue;
        const r = site.resource;
        ctx.report({
          resource: r,
          path: [...site.metaPath, 'annotations', key],
          at: 'key',
          message: `${resourceLabel(r)} uses ${key}, which is deprecated; use ${replacement}`,
        });
      }
    }
  },
});
