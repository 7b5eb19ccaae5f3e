import { defineRule } from '../../src/engine/rule.js';
import { K } from '../../src/model/kinds.js';
import { isObject } from '../../src/parse/parse.js';
import { destinationRuleEntries, effectiveMtls } from '../../src/graph/istio-mtls.js';

export default defineRule({
  id: 'istio-dr-mtls-without-peer-authentication',
  severity: 'info',
  category: 'istio',
  description: 'With auto-mTLS off, a mesh- or namespace-wide DestinationRule enables ISTIO_MUTUAL but no PeerAuthentication enables mTLS there: clients use mTLS, servers still accept plain text.',
  equivalents: ['KIA0205', 'KIA0206'],
  inputs: [K.DestinationRule],
  precision: 'high',
  tags: ['security', 'mtls'],
  check(ctx) {
    const { graph } = ctx;
    if (ctx.settings.meshConfig.enableAutoMtls) return; // Kiali skips these checks under auto-mTLS too
    const root = graph.meshConfig.rootNamespace;
    const domainSuffix = `.svc.${graph.clusterDomain}`;
    const pas = graph.ofKind(K.PeerAuthentication);
    // A selector-less PeerAuthentication of `ns` (or the mesh) that sets STRICT or PERMISSIVE.
    const enables = (ns: string) =>
      pas.some((pa) => {
        const spec = isObject(pa.body.spec) ? pa.body.spec : {};
        const sel = isObject(spec.selector) && isObject(spec.selector.matchLabels) && Object.keys(spec.selector.matchLabels).length > 0;
        const mode = isObject(spec.mtls) ? spec.mtls.mode : undefined;
        return !sel && pa.namespace === ns && (mode === 'STRICT' || mode === 'PERMISSIVE');
      });
    for (const e of destinationRuleEntries(graph)) {
      const spec = isObject(e.dr.body.spec) ? e.dr.body.spec : {};
      if (!(isObject(spec.trafficPolicy) && isObject(spec.trafficPolicy.tls) && spec.trafficPolicy.tls.mode === 'ISTIO_MUTUAL')) continue;
      const meshWide = e.dr.namespace === root && (e.host === '*.local' || e.host === '*' || e.host === `*.${graph.clusterDomain}`);
      const nsWide = e.host.startsWith('*.') && e.host.endsWith(domainSuffix) && !e.host.slice(2, -domainSuffix.length).includes('.');
      if (!meshWide && !nsWide) continue;
      const ns = nsWide ? e.host.slice(2, -domainSuffix.length) : undefined;
      if (enables(root) || (ns && enables(ns))) continue;
      // Workloads with their own STRICT policy are fine; only say it when nothing enables mTLS.
      if (ns && graph.workloadsInNamespace(ns).some((w) => effectiveMtls(graph, w).mode === 'STRICT')) continue;
      ctx.report({
        resource: e.dr,
        path: ['spec', 'trafficPolicy', 'tls', 'mode'],
        message: `DestinationRule ${e.dr.namespace}/${e.dr.name} enables ISTIO_MUTUAL ${meshWide ? 'mesh-wide' : `for namespace ${ns}`}, but no PeerAuthentication ${meshWide ? `in ${root}` : `in ${ns} or ${root}`} enables mTLS (enableAutoMtls is off): servers stay PERMISSIVE by default and still accept plain text, so mTLS is not enforced`,
      });
    }
  },
});
