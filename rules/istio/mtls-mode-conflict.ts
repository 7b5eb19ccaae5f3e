import { defineRule } from '../../src/engine/rule.js';
import { K } from '../../src/model/kinds.js';
import type { Path, Resource } from '../../src/model/types.js';
import { isObject } from '../../src/parse/parse.js';
import { resolveIstioHost, servicesForHost } from '../../src/graph/istio.js';
import { effectiveMtls, targetContainerPort, type EffectiveMtls } from '../../src/graph/istio-mtls.js';
import { equalitySelector, selectorMatches } from '../../src/graph/selectors.js';
import type { Workload } from '../../src/graph/workloads.js';

/** One client-side TLS setting of a DestinationRule and the traffic it covers. */
interface ClientTls {
  mode: string;
  path: Path;
  /** Service port number it is limited to (portLevelSettings). */
  port?: number;
  /** Subset labels it is limited to. */
  subsetLabels?: Record<string, string>;
}

function tlsSettings(policy: unknown, base: Path, subsetLabels?: Record<string, string>): ClientTls[] {
  if (!isObject(policy)) return [];
  const out: ClientTls[] = [];
  if (isObject(policy.tls) && typeof policy.tls.mode === 'string') {
    out.push({ mode: policy.tls.mode, path: [...base, 'tls', 'mode'], ...(subsetLabels ? { subsetLabels } : {}) });
  }
  if (Array.isArray(policy.portLevelSettings)) {
    policy.portLevelSettings.forEach((pl, i) => {
      if (!isObject(pl) || !isObject(pl.tls) || typeof pl.tls.mode !== 'string') return;
      const port = isObject(pl.port) ? Number(pl.port.number) : NaN;
      if (!Number.isFinite(port)) return;
      out.push({ mode: pl.tls.mode, path: [...base, 'portLevelSettings', i, 'tls', 'mode'], port, ...(subsetLabels ? { subsetLabels } : {}) });
    });
  }
  return out;
}

/** Which setting covers (port, workload): port-level over whole-policy, subset over top level. */
function appliesTo(setting: ClientTls, all: ClientTls[], port: number, w: Workload): boolean {
  if (setting.port !== undefined && setting.port !== port) return false;
  if (setting.subsetLabels && !selectorMatches(equalitySelector(setting.subsetLabels)!, w.labels)) return false;
  // A port-level setting at the same level overrides the whole-policy one for its port.
  if (setting.port === undefined && all.some((o) => o !== setting && o.port === port && o.subsetLabels === setting.subsetLabels)) return false;
  return true;
}

function conflicts(client: string, server: EffectiveMtls['mode']): boolean {
  if (client === 'ISTIO_MUTUAL' || client === 'MUTUAL') return server === 'DISABLE';
  if (client === 'DISABLE') return server === 'STRICT';
  return false;
}

export default defineRule({
  id: 'istio-mtls-mode-conflict',
  severity: 'error',
  category: 'istio',
  description: 'A DestinationRule TLS mode contradicts the PeerAuthentication of the workloads it sends to, so connections fail.',
  equivalents: ['KIA0207', 'KIA0208'],
  inputs: [K.DestinationRule],
  precision: 'high',
  tags: ['security', 'mtls'],
  check(ctx) {
    const { graph } = ctx;
    for (const dr of ctx.resources(K.DestinationRule)) {
      const spec = isObject(dr.body.spec) ? dr.body.spec : {};
      if (typeof spec.host !== 'string') continue;
      const settings = tlsSettings(spec.trafficPolicy, ['spec', 'trafficPolicy']);
      if (Array.isArray(spec.subsets)) {
        spec.subsets.forEach((s, i) => {
          if (!isObject(s)) return;
          const labels = isObject(s.labels) ? (equalitySelector(s.labels)!.matchLabels) : {};
          settings.push(...tlsSettings(s.trafficPolicy, ['spec', 'subsets', i, 'trafficPolicy'], labels));
        });
      }
      if (!settings.some((s) => s.mode === 'ISTIO_MUTUAL' || s.mode === 'MUTUAL' || s.mode === 'DISABLE')) continue;
      const host = resolveIstioHost(spec.host, dr.namespace, graph.clusterDomain);
      // Reported once per TLS setting, with the first workload it breaks.
      const reported = new Set<ClientTls>();
      for (const svc of servicesForHost(graph, host)) {
        const svcSpec = isObject(svc.body.spec) ? svc.body.spec : {};
        const selector = equalitySelector(svcSpec.selector);
        if (!selector || !Array.isArray(svcSpec.ports)) continue;
        const workloads = graph.workloadsMatching(svc.namespace, selector);
        for (const sp of svcSpec.ports) {
          if (!isObject(sp) || typeof sp.port !== 'number') continue;
          for (const w of workloads) {
            const server = effectiveMtls(graph, w, targetContainerPort(sp, w));
            for (const setting of settings) {
              if (reported.has(setting) || !conflicts(setting.mode, server.mode) || !appliesTo(setting, settings, sp.port, w)) continue;
              reported.add(setting);
              ctx.report({
                resource: dr,
                path: setting.path,
                message: mtlsMessage(dr, setting.mode, svc, sp.port, w, server),
                related: server.source ? [{ resource: server.source, path: server.path ?? ['spec'], message: `PeerAuthentication ${server.source.namespace}/${server.source.name} sets ${server.mode}` }] : [],
              });
            }
          }
        }
      }
    }
  },
});

function mtlsMessage(dr: Resource, client: string, svc: Resource, port: number, w: Workload, server: EffectiveMtls): string {
  const who = `${w.resource.kind} ${w.namespace}/${w.resource.name}`;
  const by = server.source ? `PeerAuthentication ${server.source.namespace}/${server.source.name}` : 'the mesh default';
  const effect =
    client === 'DISABLE' ? 'plain-text requests are rejected' : 'mTLS handshakes fail against a server that only accepts plain text';
  return `DestinationRule ${dr.namespace}/${dr.name} sends ${client} to Service ${svc.namespace}/${svc.name} port ${port}, but ${by} sets ${server.mode} for ${who}: ${effect}`;
}
