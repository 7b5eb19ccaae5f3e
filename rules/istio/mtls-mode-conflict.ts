import { defineRule, type RelatedRef } from '../../src/engine/rule.js';
import { K } from '../../src/model/kinds.js';
import type { Resource, Severity } from '../../src/model/types.js';
import { isObject } from '../../src/parse/parse.js';
import {
  clientTls,
  effectiveDestinationRule,
  effectiveMtls,
  namespaceWithoutSidecars,
  distinctiveClientNamespaces,
  sidecarState,
  targetContainerPort,
  type ClientTls,
  type DrEntry,
  type EffectiveMtls,
  type SidecarState,
} from '../../src/graph/istio-mtls.js';
import { equalitySelector, isEmptySelector, selectorMatches } from '../../src/graph/selectors.js';
import type { Workload } from '../../src/graph/workloads.js';

/** What goes wrong when a client sends `client` to a server in `server` mode, if anything. */
interface Verdict {
  severity: Severity;
  effect: string;
}

function judge(client: string, server: EffectiveMtls['mode'], sidecar: SidecarState, autoMtls: boolean): Verdict | undefined {
  if (sidecar === 'ambient') return undefined;
  if (sidecar === 'none') {
    if (client === 'ISTIO_MUTUAL') return { severity: 'error', effect: 'the workload has no sidecar to terminate Istio mTLS, so every handshake fails' };
    return undefined;
  }
  if (server === 'DISABLE') {
    if (client === 'ISTIO_MUTUAL') return { severity: 'error', effect: 'mTLS handshakes fail against a server that only accepts plain text' };
    if (client === 'MUTUAL')
      return { severity: 'warning', effect: 'the sidecar passes the TLS stream to the application, so connections fail unless the application itself terminates mutual TLS' };
    return undefined;
  }
  if (server === 'STRICT') {
    if (client === 'DISABLE') return { severity: 'error', effect: 'plain-text requests are rejected' };
    if (client === 'SIMPLE' || client === 'MUTUAL')
      return { severity: 'error', effect: 'the sidecar only accepts Istio mTLS, so the TLS the client originates is rejected' };
    if (client === 'UNSET' && !autoMtls) return { severity: 'error', effect: 'with enableAutoMtls off the client sends plain text, which is rejected' };
  }
  return undefined;
}

interface Subset {
  index: number;
  labels: Record<string, string>;
}

function subsetsOf(dr: Resource): Subset[] {
  const spec = isObject(dr.body.spec) ? dr.body.spec : {};
  if (!Array.isArray(spec.subsets)) return [];
  const out: Subset[] = [];
  spec.subsets.forEach((s, index) => {
    if (isObject(s)) out.push({ index, labels: isObject(s.labels) ? equalitySelector(s.labels)!.matchLabels : {} });
  });
  return out;
}

/** Service names a string value points at: `scheme://host[:port]`, `name.ns[.svc[.domain]][:port]`, `name:port`. */
function serviceRefs(value: string, ns: string, domain: string): Array<{ fqdn: string; port?: number }> {
  const out: Array<{ fqdn: string; port?: number }> = [];
  for (const token of value.split(/[\s,;]+/)) {
    const scheme = /^[a-z][a-z0-9+.-]*:\/\//i.exec(token);
    let rest = scheme ? token.slice(scheme[0].length) : token;
    rest = rest.replace(/^[^@/]*@/, '').split(/[/?#]/)[0].toLowerCase();
    const m = /^([a-z0-9-]+(?:\.[a-z0-9-]+)*)(?::(\d+))?$/.exec(rest);
    if (!m) continue;
    const parts = m[1].split('.');
    const port = m[2] ? Number(m[2]) : undefined;
    if (parts.length === 1) {
      if (!scheme && port === undefined) continue; // a bare word is not a host
      out.push({ fqdn: `${parts[0]}.${ns}.svc.${domain}`, ...(port !== undefined ? { port } : {}) });
    } else if (parts.length === 2 || parts[2] === 'svc') {
      if (parts.length > 3 && m[1] !== `${parts[0]}.${parts[1]}.svc.${domain}`) continue;
      out.push({ fqdn: `${parts[0]}.${parts[1]}.svc.${domain}`, ...(port !== undefined ? { port } : {}) });
    }
  }
  return out;
}

const linkerdMeshed = (w: Workload) =>
  w.annotations['linkerd.io/inject'] === 'enabled' || w.resource.annotations['linkerd.io/inject'] === 'enabled';

const who = (w: Workload) => `${w.resource.kind} ${w.namespace}/${w.resource.name}`;
const paName = (s: EffectiveMtls) => (s.source ? `PeerAuthentication ${s.source.namespace}/${s.source.name}` : 'the mesh default');

export default defineRule({
  id: 'istio-mtls-mode-conflict',
  severity: 'error',
  category: 'istio',
  description: 'The TLS a client sends (DestinationRule, or auto-mTLS) contradicts the PeerAuthentication or sidecar of the workloads it reaches, so connections fail.',
  equivalents: ['KIA0207', 'KIA0208', 'KIA0401', 'KIA0501', 'KIA0505', 'KIA0506'],
  inputs: [K.DestinationRule, K.PeerAuthentication],
  precision: 'high',
  tags: ['security', 'mtls'],
  check(ctx) {
    const { graph } = ctx;
    const autoMtls = ctx.settings.meshConfig.enableAutoMtls;
    // Client namespaces the inputs imply: those running workloads with sidecars.
    const clientNamespaces = graph.knownNamespaces().filter((ns) => graph.workloadsInNamespace(ns).length > 0 && !namespaceWithoutSidecars(graph, ns));
    const clientSet = new Set(clientNamespaces);
    const onDr = new Set<string>();
    const onPa = new Set<string>();

    for (const svc of graph.ofKind(K.Service)) {
      const spec = isObject(svc.body.spec) ? svc.body.spec : {};
      const selector = equalitySelector(spec.selector);
      if (!selector || isEmptySelector(selector) || !Array.isArray(spec.ports)) continue;
      const workloads = graph.workloadsMatching(svc.namespace, selector);
      if (workloads.length === 0) continue;
      const ports = spec.ports.filter((p): p is Record<string, unknown> => isObject(p) && typeof p.port === 'number');
      // Server side first: when every workload port is PERMISSIVE behind a sidecar, nothing can conflict.
      const servers = workloads.map((w) => ({ w, sidecar: sidecarState(graph, w), modes: ports.map((sp) => effectiveMtls(graph, w, targetContainerPort(sp, w))) }));
      if (servers.every((s) => s.sidecar !== 'none' && s.modes.every((m) => m.mode === 'PERMISSIVE'))) continue;

      const fqdn = graph.serviceFqdn(svc);
      const seenDr = new Set<DrEntry | undefined>();
      // Client namespaces that resolve this host in their own way, plus one that stands for all
      // the others (they resolve alike): keeps the matrix linear in the inputs.
      const distinctive = distinctiveClientNamespaces(graph, fqdn, svc.namespace);
      const clients = [...distinctive].filter((ns) => ns === svc.namespace || clientSet.has(ns)).sort();
      const stand = clientNamespaces.find((ns) => !distinctive.has(ns));
      if (stand) clients.push(stand);
      for (const clientNs of clients) {
        const entry = effectiveDestinationRule(graph, clientNs, fqdn, svc.namespace);
        if (seenDr.has(entry)) continue;
        seenDr.add(entry);
        const subsets = entry ? subsetsOf(entry.dr) : [];
        ports.forEach((sp, pi) => {
          const port = sp.port as number;
          for (const { w, sidecar, modes } of servers) {
            const server = modes[pi];
            const variants: Array<number | undefined> = [undefined];
            for (const s of subsets) if (selectorMatches(equalitySelector(s.labels)!, w.labels)) variants.push(s.index);
            for (const v of variants) {
              const tls: ClientTls = entry ? clientTls(entry.dr, port, v) : { mode: 'UNSET', path: [] };
              const verdict = judge(tls.mode, server.mode, sidecar, autoMtls);
              if (!verdict) continue;
              report(entry, tls, svc, port, w, server, sidecar, verdict, clientNs);
            }
          }
        });
      }
    }

    // ---- plain-text clients: sidecar-less workloads naming a Service, non-Istio Ingresses ----

    /** STRICT sidecar workloads behind `svc` (on `port`, else any port), with the deciding policy. */
    const strictBehind = (svc: Resource, port?: number): { w: Workload; server: EffectiveMtls } | undefined => {
      const sspec = isObject(svc.body.spec) ? svc.body.spec : {};
      const sel = equalitySelector(sspec.selector);
      if (!sel || isEmptySelector(sel) || !Array.isArray(sspec.ports)) return undefined;
      const sports = sspec.ports.filter((p): p is Record<string, unknown> => isObject(p) && (port === undefined || p.port === port || p.name === port));
      for (const w of graph.workloadsMatching(svc.namespace, sel)) {
        const sc = sidecarState(graph, w);
        if (sc === 'none' || sc === 'ambient') continue;
        for (const sp of sports) {
          const server = effectiveMtls(graph, w, targetContainerPort(sp, w));
          if (server.mode === 'STRICT') return { w, server };
        }
      }
      return undefined;
    };
    const plainReported = new Set<string>();
    for (const w of graph.workloads) {
      if (sidecarState(graph, w) !== 'none' || linkerdMeshed(w) || graph.namespaceResource(w.namespace)?.annotations['linkerd.io/inject'] === 'enabled') continue; // cross-mesh traffic is another story
      for (const listKey of ['containers', 'initContainers'] as const) {
        const list = w.podSpec[listKey];
        if (!Array.isArray(list)) continue;
        list.forEach((c, ci) => {
          if (!isObject(c) || !Array.isArray(c.env)) return;
          c.env.forEach((e, ei) => {
            if (!isObject(e) || typeof e.value !== 'string') return;
            for (const ref of serviceRefs(e.value, w.namespace, graph.clusterDomain)) {
              const svc = graph.serviceByHost(ref.fqdn);
              if (!svc) continue;
              const hit = strictBehind(svc, ref.port);
              const key = `${w.resource.uid}:${svc.uid}`;
              if (!hit || plainReported.has(key)) continue;
              plainReported.add(key);
              ctx.report({
                resource: w.resource,
                path: [...w.templatePath, 'spec', listKey, ci, 'env', ei, 'value'],
                severity: 'warning', // the call is inferred from configuration, not declared
                message: `${who(w)} runs without an Istio sidecar (its namespace or pod disables injection) and calls Service ${svc.namespace}/${svc.name} (env ${String(e.name)}), but ${paName(hit.server)} sets STRICT for ${who(hit.w)}: its plain-text requests are rejected`,
                related: hit.server.source ? [{ resource: hit.server.source, path: hit.server.path ?? ['spec'], message: `${paName(hit.server)} sets STRICT` }] : [],
              });
            }
          });
        });
      }
    }
    for (const ing of graph.ofKind(K.Ingress)) {
      const ispec = isObject(ing.body.spec) ? ing.body.spec : {};
      const cls = typeof ispec.ingressClassName === 'string' ? ispec.ingressClassName : ing.annotations['kubernetes.io/ingress.class'];
      if (!cls || cls === 'istio') continue; // Istio's own gateway speaks mTLS; no class: unknown controller
      const backends: Array<{ svcName: string; port?: number | string; path: Array<string | number> }> = [];
      const add = (b: unknown, path: Array<string | number>) => {
        if (!isObject(b) || !isObject(b.service) || typeof b.service.name !== 'string') return;
        const port = isObject(b.service.port) ? ((b.service.port.number as number | undefined) ?? (b.service.port.name as string | undefined)) : undefined;
        backends.push({ svcName: b.service.name, ...(port !== undefined ? { port } : {}), path: [...path, 'service', 'name'] });
      };
      add(ispec.defaultBackend, ['spec', 'defaultBackend']);
      if (Array.isArray(ispec.rules)) {
        ispec.rules.forEach((r, ri) => {
          if (!isObject(r) || !isObject(r.http) || !Array.isArray(r.http.paths)) return;
          r.http.paths.forEach((p, pi) => isObject(p) && add(p.backend, ['spec', 'rules', ri, 'http', 'paths', pi, 'backend']));
        });
      }
      for (const b of backends) {
        const svc = graph.get('Service', ing.namespace, b.svcName);
        if (!svc) continue;
        const hit = strictBehind(svc, typeof b.port === 'number' ? b.port : undefined);
        if (!hit) continue;
        ctx.report({
          resource: ing,
          path: b.path,
          severity: 'warning',
          message: `Ingress ${ing.namespace}/${ing.name} (class "${cls}") sends to Service ${svc.namespace}/${svc.name}, but ${paName(hit.server)} sets STRICT for ${who(hit.w)}: unless the ${cls} ingress controller runs with an Istio sidecar, its plain-text requests are rejected`,
          related: hit.server.source ? [{ resource: hit.server.source, path: hit.server.path ?? ['spec'], message: `${paName(hit.server)} sets STRICT` }] : [],
        });
      }
    }

    function report(entry: DrEntry | undefined, tls: ClientTls, svc: Resource, port: number, w: Workload, server: EffectiveMtls, sidecar: SidecarState, verdict: Verdict, clientNs: string): void {
      const target = `Service ${svc.namespace}/${svc.name} port ${port}`;
      const serverSays = sidecar === 'none' ? `${who(w)} runs without an Istio sidecar` : `${paName(server)} sets ${server.mode} for ${who(w)}`;
      const clientSays = entry
        ? tls.mode === 'UNSET'
          ? `DestinationRule ${entry.dr.namespace}/${entry.dr.name} sets no TLS mode for ${target}`
          : `DestinationRule ${entry.dr.namespace}/${entry.dr.name} sends ${tls.mode} to ${target}`
        : `no DestinationRule sets a TLS mode for ${target} (clients in namespace ${clientNs})`;
      if (entry) {
        const key = `${entry.dr.uid}:${tls.path.join('.')}`;
        if (!onDr.has(key)) {
          onDr.add(key);
          const related: RelatedRef[] = [];
          if (server.source && sidecar !== 'none') related.push({ resource: server.source, path: server.path ?? ['spec'], message: `${paName(server)} sets ${server.mode}` });
          if (sidecar === 'none') related.push({ resource: w.resource, path: w.templatePath.length ? [...w.templatePath, 'metadata'] : ['metadata'], message: `${who(w)} has no sidecar` });
          ctx.report({
            resource: entry.dr,
            path: tls.mode === 'UNSET' ? ['spec', 'host'] : tls.path,
            severity: verdict.severity,
            message: `${clientSays}, but ${serverSays}: ${verdict.effect}`,
            related,
          });
        }
      }
      if (server.source && sidecar !== 'none') {
        const key = `${server.source.uid}:${(server.path ?? []).join('.')}`;
        if (onPa.has(key)) return;
        onPa.add(key);
        const related: RelatedRef[] = entry
          ? [{ resource: entry.dr, path: tls.mode === 'UNSET' ? ['spec', 'host'] : tls.path, message: `DestinationRule ${entry.dr.namespace}/${entry.dr.name} sends ${tls.mode === 'UNSET' ? 'no TLS mode' : tls.mode}` }]
          : [];
        ctx.report({
          resource: server.source,
          path: server.path ?? ['spec'],
          severity: verdict.severity,
          message: `${paName(server)} sets ${server.mode} for ${who(w)}, but ${clientSays}: ${verdict.effect}`,
          related,
        });
      }
    }
  },
});

