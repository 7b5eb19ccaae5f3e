import { defineRule } from '../../src/engine/rule.js';
import { objects, specOf } from '../../src/graph/istio-gateways.js';
import { isObject } from '../../src/parse/parse.js';
import { K } from '../../src/model/kinds.js';

export default defineRule({
  id: 'istio-telemetry-lightstep-deprecated',
  severity: 'warning',
  category: 'istio',
  description: 'A Telemetry traces through a Lightstep extension provider, which Istio has deprecated in favour of OpenTelemetry.',
  equivalents: ['IST0002@telemetry.LightstepAnalyzer'],
  inputs: [K.Telemetry],
  precision: 'very-high',
  tags: ['telemetry', 'deprecation'],
  check(ctx) {
    const lightstep = new Set<string>();
    for (const [p] of objects(ctx.settings.meshConfig.raw.extensionProviders)) if (isObject(p.lightstep) && typeof p.name === 'string') lightstep.add(p.name);
    if (lightstep.size === 0) return;
    for (const t of ctx.resources(K.Telemetry)) {
      for (const [tr, i] of objects(specOf(t).tracing)) {
        for (const [p, j] of objects(tr.providers)) {
          if (typeof p.name !== 'string' || !lightstep.has(p.name)) continue;
          ctx.report({
            resource: t,
            path: ['spec', 'tracing', i, 'providers', j, 'name'],
            message: `Telemetry ${t.namespace}/${t.name} traces through the Lightstep provider "${p.name}", which Istio has deprecated: migrate to an OpenTelemetry provider`,
          });
        }
      }
    }
  },
});
