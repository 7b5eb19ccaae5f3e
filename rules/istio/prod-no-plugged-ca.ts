import { defineRule } from '../../src/engine/rule.js';
import { isObject } from '../../src/parse/parse.js';
import { meshAnchor } from '../../src/graph/istio-production.js';

export default defineRule({
  id: 'istio-prod-no-plugged-ca',
  severity: 'info',
  category: 'istio',
  description: "Production checklist: no plugged-in CA (a `cacerts` Secret in the Istio namespace) is in the inputs, so istiod signs workload certificates with its self-signed root.",
  equivalents: [],
  inputs: [],
  precision: 'medium',
  tags: ['security', 'production'],
  profile: 'production',
  check(ctx) {
    const { graph } = ctx;
    const mc = ctx.settings.meshConfig;
    const ns = mc.rootNamespace;
    // A cacerts Secret, or anything producing one (cert-manager Certificate, ExternalSecret, ...).
    if (graph.resources.some((r) => r.name === 'cacerts' && (r.namespace === ns || r.namespace === 'istio-system'))) return;
    if (graph.resources.some((r) => {
      const spec = isObject(r.body.spec) ? r.body.spec : {};
      return spec.secretName === 'cacerts' || (isObject(spec.target) && spec.target.name === 'cacerts');
    })) return;
    // An external CA (istio-csr, custom CA address) replaces the plugged-in one.
    if (isObject(mc.raw.ca) || (typeof mc.defaultConfig.caAddress === 'string' && mc.defaultConfig.caAddress !== '')) return;
    const anchor = meshAnchor(graph);
    if (!anchor) return;
    ctx.report({
      resource: anchor.resource,
      path: anchor.path,
      message: `No plugged-in CA: the inputs contain no "cacerts" Secret in ${ns} (nor a Certificate / ExternalSecret producing one) and the mesh config names no external CA, so istiod uses a self-signed root that cannot be rotated or shared across clusters`,
    });
  },
});
