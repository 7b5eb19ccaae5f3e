import { defineRule } from '../../src/engine/rule.js';
import { resourceLabel } from '../../src/model/kinds.js';
import { CONFIG_PREFIX, INJECT, LABEL_ONLY_KEYS, PROXY_ANNOTATIONS, metadataSites, nearestAnnotation } from '../../src/graph/linkerd.js';

/** `linkerd.io/` keys the injector and control plane write. */
const INJECTOR_KEYS = new Set(['linkerd.io/created-by', 'linkerd.io/proxy-version', 'linkerd.io/identity-mode', 'linkerd.io/trust-root-sha256', 'linkerd.io/inject-ignore']);

function isInjectTypo(key: string): boolean {
  const name = key.slice('linkerd.io/'.length);
  return /^inje[ck]t/.test(name) || /^(injcet|injetc|ineject|inejct|ibject|inkect)$/.test(name) || name === 'injection';
}

export default defineRule({
  id: 'linkerd-annotation-unknown',
  severity: 'warning',
  category: 'linkerd',
  description: 'A config.linkerd.io/ annotation is not one Linkerd knows (usually a typo), so it is silently ignored.',
  equivalents: [],
  inputs: [],
  precision: 'high',
  check(ctx) {
    for (const site of metadataSites(ctx.graph)) {
      if (site.scope === 'other') continue;
      for (const key of Object.keys(site.annotations)) {
        if (key.startsWith('linkerd.io/') && key !== INJECT && !INJECTOR_KEYS.has(key) && isInjectTypo(key)) {
          const r = site.resource;
          ctx.report({
            resource: r,
            path: [...site.metaPath, 'annotations', key],
            at: 'key',
            message: `${resourceLabel(r)} sets the annotation ${key}, which Linkerd does not know, so it is ignored; did you mean ${INJECT}?`,
          });
          continue;
        }
        if (!CONFIG_PREFIX.test(key) || PROXY_ANNOTATIONS[key] || LABEL_ONLY_KEYS.includes(key)) continue;
        const near = nearestAnnotation(key);
        // alpha/beta keys come and go between releases: report them only when they look like a typo.
        if (!key.startsWith('config.linkerd.io/') && !near) continue;
        const r = site.resource;
        ctx.report({
          resource: r,
          path: [...site.metaPath, 'annotations', key],
          at: 'key',
          message: `${resourceLabel(r)} sets the annotation ${key}, which Linkerd does not know, so it is ignored${near ? `; did you mean ${near}?` : ''}`,
        });
      }
    }
  },
});
