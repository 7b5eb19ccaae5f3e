import { defineRule } from '../../src/engine/rule.js';
import { K } from '../../src/model/kinds.js';
import { isObject } from '../../src/parse/parse.js';
import { destinationRuleEntries, type DrEntry } from '../../src/graph/istio-mtls.js';

function setsTls(dr: DrEntry['dr']): boolean {
  const spec = isObject(dr.body.spec) ? dr.body.spec : {};
  const has = (p: unknown): boolean =>
    isObject(p) && ((isObject(p.tls) && typeof p.tls.mode === 'string') || (Array.isArray(p.portLevelSettings) && p.portLevelSettings.some((x) => isObject(x) && isObject(x.tls))));
  return has(spec.trafficPolicy) || (Array.isArray(spec.subsets) && spec.subsets.some((s) => isObject(s) && has(s.trafficPolicy)));
}

function enablesMtls(dr: DrEntry['dr']): boolean {
  const spec = isObject(dr.body.spec) ? dr.body.spec : {};
  return isObject(spec.trafficPolicy) && isObject(spec.trafficPolicy.tls) && spec.trafficPolicy.tls.mode === 'ISTIO_MUTUAL';
}

export default defineRule({
  id: 'istio-dr-mtls-overridden',
  severity: 'warning',
  category: 'istio',
  description: 'A host-specific DestinationRule without TLS settings replaces a mesh- or namespace-wide DestinationRule that enables ISTIO_MUTUAL, so mTLS is no longer configured for that host.',
  equivalents: ['KIA0204'],
  inputs: [K.DestinationRule],
  precision: 'high',
  tags: ['security', 'mtls'],
  check(ctx) {
    const { graph } = ctx;
    const entries = destinationRuleEntries(graph);
    const root = graph.meshConfig.rootNamespace;
    const domain = `.svc.${graph.clusterDomain}`;
    // Wide rules: `*.local` / `*` in the root namespace (mesh-wide), `*.<ns>.svc.<domain>` (namespace-wide).
    const wide = entries.filter((e) => enablesMtls(e.dr) && e.host.startsWith('*') && ((e.dr.namespace === root && (e.host === '*' || e.host === '*.local' || e.host === `*.${graph.clusterDomain}`)) || e.host.endsWith(domain)));
    if (wide.length === 0) return;
    const autoMtls = ctx.settings.meshConfig.enableAutoMtls;
    for (const e of entries) {
      if (e.host.startsWith('*') || setsTls(e.dr)) continue;
      const over = wide.find((w) => w.dr !== e.dr && (w.host === '*' || e.host.endsWith(w.host.slice(1))) && (w.dr.namespace === root || w.dr.namespace === e.dr.namespace));
      if (!over) continue;
      const dr = e.dr;
      const spec = dr.body.spec as Record<string, unknown>;
      ctx.report({
        resource: dr,
        path: isObject(spec.trafficPolicy) ? ['spec', 'trafficPolicy'] : ['spec', 'host'],
        severity: autoMtls ? 'info' : 'warning',
        message: `DestinationRule ${dr.namespace}/${dr.name} for host "${String(spec.host)}" sets no TLS mode, so it replaces DestinationRule ${over.dr.namespace}/${over.dr.name} ("${over.host}", ISTIO_MUTUAL) for that host: ${autoMtls ? 'auto-mTLS still picks mTLS, but the wide rule no longer applies' : 'with enableAutoMtls off, clients send plain text'}; repeat "tls: {mode: ISTIO_MUTUAL}" here`,
        related: [{ resource: over.dr, path: ['spec', 'trafficPolicy', 'tls', 'mode'], message: `DestinationRule ${over.dr.namespace}/${over.dr.name} enables ISTIO_MUTUAL` }],
      });
    }
  },
});
