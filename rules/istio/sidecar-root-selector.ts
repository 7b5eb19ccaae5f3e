import { defineRule } from '../../src/engine/rule.js';
import { K } from '../../src/model/kinds.js';
import { isObject } from '../../src/parse/parse.js';

export default defineRule({
  id: 'istio-sidecar-root-selector',
  severity: 'warning',
  category: 'istio',
  description: 'A Sidecar in the root namespace has a workloadSelector; the mesh-wide default Sidecar must not have one.',
  equivalents: ['KIA1006'],
  inputs: [K.Sidecar],
  precision: 'very-high',
  tags: ['scope'],
  check(ctx) {
    const root = ctx.settings.meshConfig.rootNamespace;
    for (const sc of ctx.graph.inNamespace(K.Sidecar, root)) {
      const spec = isObject(sc.body.spec) ? sc.body.spec : {};
      if (!isObject(spec.workloadSelector)) continue;
      ctx.report({
        resource: sc,
        path: isObject(spec.workloadSelector.labels) ? ['spec', 'workloadSelector', 'labels'] : ['spec', 'workloadSelector'],
        message: `Sidecar ${sc.namespace}/${sc.name} is in the root namespace ${root} but has a workloadSelector: it is not the mesh-wide default and only applies to matching workloads of ${root}`,
      });
    }
  },
});
