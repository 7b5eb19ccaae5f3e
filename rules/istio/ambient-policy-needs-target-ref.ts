import { defineRule } from '../../src/engine/rule.js';
import { K } from '../../src/model/kinds.js';
import type { Resource } from '../../src/model/types.js';
import { isObject } from '../../src/parse/parse.js';
import { authzIsL7, hasTargetRef, namespaceAmbient } from '../../src/graph/istio-ambient.js';

const KINDS = [K.AuthorizationPolicy, K.RequestAuthentication, K.WasmPlugin, K.Telemetry];

function isL7(r: Resource): boolean {
  if (r.kindKey === K.AuthorizationPolicy) return authzIsL7(r);
  if (r.kindKey === K.Telemetry) return isObject(r.body.spec) && Array.isArray(r.body.spec.tracing) && r.body.spec.tracing.length > 0;
  return true; // RequestAuthentication (JWT) and WasmPlugin are L7 by nature
}

export default defineRule({
  id: 'istio-ambient-policy-needs-target-ref',
  severity: 'warning',
  category: 'istio',
  description: 'An L7 policy in an Ambient namespace uses a selector (or none) instead of targetRefs, so waypoints ignore it and ztunnel cannot enforce it.',
  equivalents: ['KIA0110', 'KIA1115', 'KIA1116', 'KIA1117'],
  inputs: KINDS,
  precision: 'high',
  tags: ['ambient'],
  check(ctx) {
    const { graph } = ctx;
    const root = graph.meshConfig.rootNamespace;
    for (const kind of KINDS) {
      for (const r of ctx.resources(kind)) {
        if (r.namespace === root || !namespaceAmbient(graph, r.namespace) || hasTargetRef(r) || !isL7(r)) continue;
        const spec = isObject(r.body.spec) ? r.body.spec : {};
        const path = isObject(spec.selector) ? (isObject(spec.selector.matchLabels) ? ['spec', 'selector', 'matchLabels'] : ['spec', 'selector']) : ['metadata', 'name'];
        ctx.report({
          resource: r,
          path,
          message: `${r.kind} ${r.namespace}/${r.name} is an L7 policy in Ambient namespace ${r.namespace} but binds ${isObject(spec.selector) ? 'by selector' : 'to the whole namespace'}: waypoints only apply policies attached with targetRefs (a Service or the waypoint Gateway), and ztunnel cannot evaluate L7 attributes`,
        });
      }
    }
  },
});
