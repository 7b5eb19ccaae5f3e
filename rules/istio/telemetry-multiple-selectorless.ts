import { defineRule } from '../../src/engine/rule.js';
import { specOf } from '../../src/graph/istio-gateways.js';
import { K } from '../../src/model/kinds.js';
import type { Resource } from '../../src/model/types.js';

export default defineRule({
  id: 'istio-telemetry-multiple-selectorless',
  severity: 'error',
  category: 'istio',
  description: 'A namespace has more than one Telemetry without selector; which one applies is undefined.',
  equivalents: ['IST0160'],
  inputs: [K.Telemetry],
  precision: 'very-high',
  tags: ['conflict', 'telemetry'],
  check(ctx) {
    const byNs = new Map<string, Resource[]>();
    for (const t of ctx.resources(K.Telemetry)) {
      const spec = specOf(t);
      if (spec.selector !== undefined && spec.selector !== null) continue;
      if (spec.targetRef !== undefined || spec.targetRefs !== undefined) continue; // attached to a Gateway/Service instead
      byNs.set(t.namespace, [...(byNs.get(t.namespace) ?? []), t]);
    }
    for (const [ns, list] of byNs) {
      if (list.length < 2) continue;
      const names = list.map((t) => t.name).sort();
      for (const t of list) {
        ctx.report({
          resource: t,
          path: ['metadata', 'name'],
          message: `Telemetries ${names.join(', ')} in namespace ${ns} have no selector: only one namespace-wide Telemetry is applied and which one is undefined; merge them`,
        });
      }
    }
  },
});
