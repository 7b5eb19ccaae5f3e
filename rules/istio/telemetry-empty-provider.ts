import { defineRule } from '../../src/engine/rule.js';
import { objects, specOf } from '../../src/graph/istio-gateways.js';
import { isObject } from '../../src/parse/parse.js';
import { K } from '../../src/model/kinds.js';

export default defineRule({
  id: 'istio-telemetry-empty-provider',
  severity: 'warning',
  category: 'istio',
  description: 'A Telemetry enables access logging without a provider while the mesh config sets no default one, so nothing is logged.',
  equivalents: ['IST0157'],
  inputs: [K.Telemetry],
  precision: 'high',
  tags: ['telemetry'],
  check(ctx) {
    const raw = ctx.settings.meshConfig.raw;
    const defaults = isObject(raw.defaultProviders) ? raw.defaultProviders.accessLogging : undefined;
    if (Array.isArray(defaults) && defaults.length > 0) return;
    for (const t of ctx.resources(K.Telemetry)) {
      for (const [al, i] of objects(specOf(t).accessLogging)) {
        if (al.disabled === true || (Array.isArray(al.providers) && al.providers.length > 0)) continue;
        ctx.report({
          resource: t,
          path: ['spec', 'accessLogging', i],
          message: `Telemetry ${t.namespace}/${t.name} configures access logging without providers, and the mesh config has no defaultProviders.accessLogging: the setting is ignored and nothing is logged`,
        });
        break;
      }
    }
  },
});
