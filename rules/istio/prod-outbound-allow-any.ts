import { defineRule } from '../../src/engine/rule.js';
import { K } from '../../src/model/kinds.js';
import { isObject } from '../../src/parse/parse.js';
import { meshAnchor } from '../../src/graph/istio-production.js';

export default defineRule({
  id: 'istio-prod-outbound-allow-any',
  severity: 'warning',
  category: 'istio',
  description: 'Production checklist: outboundTrafficPolicy is ALLOW_ANY, so workloads can reach any external host without a ServiceEntry.',
  equivalents: [],
  inputs: [],
  precision: 'high',
  tags: ['security', 'egress', 'production'],
  profile: 'production',
  check(ctx) {
    const { graph } = ctx;
    const mc = ctx.settings.meshConfig;
    // A selector-less Sidecar in the root namespace overrides the mesh config for the whole mesh.
    const rootSidecar = graph.inNamespace(K.Sidecar, mc.rootNamespace).find((s) => !(isObject(s.body.spec) && isObject(s.body.spec.workloadSelector)));
    const scSpec = rootSidecar && isObject(rootSidecar.body.spec) ? rootSidecar.body.spec : undefined;
    const scMode = scSpec && isObject(scSpec.outboundTrafficPolicy) && typeof scSpec.outboundTrafficPolicy.mode === 'string' ? scSpec.outboundTrafficPolicy.mode : undefined;
    if (rootSidecar && scMode) {
      if (scMode === 'REGISTRY_ONLY') return;
      ctx.report({
        resource: rootSidecar,
        path: ['spec', 'outboundTrafficPolicy', 'mode'],
        message: `Sidecar ${rootSidecar.namespace}/${rootSidecar.name} (the mesh-wide default) sets outboundTrafficPolicy ${scMode}: workloads can reach any external host; use REGISTRY_ONLY and declare external hosts with ServiceEntries`,
      });
      return;
    }
    if (mc.outboundTrafficPolicy === 'REGISTRY_ONLY') return;
    const anchor = meshAnchor(graph);
    if (!anchor) return;
    const src = mc.source === 'default' ? "Istio's default" : 'the mesh config';
    ctx.report({
      resource: anchor.resource,
      path: anchor.path,
      message: `outboundTrafficPolicy is ${mc.outboundTrafficPolicy} (${src}): workloads can reach any external host without a ServiceEntry; set REGISTRY_ONLY in the mesh config or in the root namespace's default Sidecar`,
    });
  },
});
