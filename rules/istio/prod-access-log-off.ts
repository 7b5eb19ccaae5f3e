import { defineRule } from '../../src/engine/rule.js';
import { K } from '../../src/model/kinds.js';
import { isObject } from '../../src/parse/parse.js';
import { meshAnchor } from '../../src/graph/istio-production.js';

export default defineRule({
  id: 'istio-prod-access-log-off',
  severity: 'warning',
  category: 'istio',
  description: 'Production checklist: Envoy access logging is off (meshConfig.accessLogFile empty and no Telemetry access logging in the root namespace).',
  equivalents: [],
  inputs: [],
  precision: 'high',
  tags: ['observability', 'production'],
  profile: 'production',
  check(ctx) {
    const { graph } = ctx;
    const mc = ctx.settings.meshConfig;
    if (mc.accessLogFile) return;
    // The Telemetry API can enable access logs mesh-wide instead.
    const telemetryLogs = graph.inNamespace(K.Telemetry, mc.rootNamespace).some((t) => {
      const spec = isObject(t.body.spec) ? t.body.spec : {};
      return Array.isArray(spec.accessLogging) && spec.accessLogging.some((a) => isObject(a) && a.disabled !== true);
    });
    if (telemetryLogs) return;
    const anchor = meshAnchor(graph);
    if (!anchor) return;
    const src = mc.source === 'default' ? 'the default mesh config (pass --mesh-config, or include the istio ConfigMap)' : 'the mesh config';
    ctx.report({
      resource: anchor.resource,
      path: anchor.path,
      message: `Access logging is off: ${src} sets no accessLogFile and no Telemetry in ${mc.rootNamespace} enables accessLogging, so failed requests leave no trace (set meshConfig.accessLogFile: /dev/stdout)`,
    });
  },
});
