import { defineRule } from '../../src/engine/rule.js';
import { isObject } from '../../src/parse/parse.js';
import { meshAnchor, meshWidePeerAuthentication } from '../../src/graph/istio-production.js';

export default defineRule({
  id: 'istio-prod-mesh-mtls-not-strict',
  severity: 'warning',
  category: 'istio',
  description: 'Production checklist: there is no mesh-wide STRICT PeerAuthentication, so workloads still accept plain text.',
  equivalents: [],
  inputs: [],
  precision: 'high',
  tags: ['security', 'mtls', 'production'],
  profile: 'production',
  check(ctx) {
    const { graph } = ctx;
    const root = graph.meshConfig.rootNamespace;
    const pa = meshWidePeerAuthentication(graph);
    if (pa) {
      const spec = isObject(pa.body.spec) ? pa.body.spec : {};
      const mode = isObject(spec.mtls) && typeof spec.mtls.mode === 'string' ? spec.mtls.mode : 'UNSET';
      if (mode === 'STRICT') return;
      ctx.report({
        resource: pa,
        path: isObject(spec.mtls) && 'mode' in spec.mtls ? ['spec', 'mtls', 'mode'] : ['spec'],
        message: `PeerAuthentication ${pa.namespace}/${pa.name} is the mesh-wide policy but sets ${mode}, not STRICT: every workload without its own STRICT policy accepts plain-text connections`,
      });
      return;
    }
    const anchor = meshAnchor(graph);
    if (!anchor) return;
    ctx.report({
      resource: anchor.resource,
      path: anchor.path,
      message: `The inputs have no mesh-wide PeerAuthentication (selector-less, in root namespace ${root}) setting STRICT: workloads default to PERMISSIVE and accept plain-text connections (reported at ${anchor.what})`,
    });
  },
});
