import { defineRule } from '../../src/engine/rule.js';
import { WORKLOAD_KINDS } from '../../src/model/kinds.js';
import { isLinkerdPodAnnotationKey, metadataSites } from '../../src/graph/linkerd.js';

export default defineRule({
  id: 'linkerd-annotation-on-workload-metadata',
  severity: 'error',
  category: 'linkerd',
  description: "linkerd.io/inject or a config.linkerd.io/ annotation sits on a workload's own metadata, where Linkerd never reads it, instead of its pod template.",
  equivalents: [],
  inputs: [...WORKLOAD_KINDS, 'argoproj.io/Rollout', 'ReplicationController'],
  precision: 'very-high',
  check(ctx) {
    for (const site of metadataSites(ctx.graph)) {
      if (site.scope !== 'workload') continue;
      const r = site.resource;
      const w = ctx.graph.workloadOf(r);
      if (!w) continue;
      const nsAnn = ctx.graph.namespaceResource(r.namespace)?.annotations ?? {};
      const tpl = [...w.templatePath, 'metadata', 'annotations'].join('.');
      for (const [key, value] of Object.entries(site.annotations)) {
        if (!isLinkerdPodAnnotationKey(key)) continue;
        const effective = w.annotations[key] ?? nsAnn[key];
        const same = effective !== undefined && effective === value;
        ctx.report({
          resource: r,
          path: ['metadata', 'annotations', key],
          at: 'key',
          severity: same ? 'info' : 'error',
          message: same
            ? `${r.kind} ${r.namespace}/${r.name} repeats ${key}: "${value}" on its own metadata, where Linkerd ignores it; the ${w.annotations[key] !== undefined ? 'pod template' : 'namespace'} already sets it, so remove this copy`
            : `${r.kind} ${r.namespace}/${r.name} sets ${key}: "${value}" on its own metadata, where Linkerd never reads it: it has no effect; move it to ${tpl}`,
        });
      }
    }
  },
});
