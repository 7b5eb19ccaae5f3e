import { defineRule } from '../../src/engine/rule.js';
import { K } from '../../src/model/kinds.js';
import { isObject } from '../../src/parse/parse.js';
import { hostsMatch, resolveIstioHost } from '../../src/graph/istio.js';

export default defineRule({
  id: 'istio-sidecar-egress-host-not-found',
  severity: 'warning',
  category: 'istio',
  description: 'A Sidecar egress host "namespace/host" imports nothing: no Service, ServiceEntry or VirtualService in that namespace matches it.',
  equivalents: ['KIA1004'],
  inputs: [K.Sidecar],
  precision: 'high',
  tags: ['reference'],
  check(ctx) {
    const { graph } = ctx;
    const hostsIn = (ns: string): string[] =>
      graph.memo(`istio.sidecar.importable:${ns}`, () => {
        const out: string[] = [];
        for (const svc of graph.inNamespace('Service', ns)) out.push(graph.serviceFqdn(svc));
        for (const se of graph.inNamespace(K.ServiceEntry, ns)) {
          const s = isObject(se.body.spec) ? se.body.spec : {};
          if (Array.isArray(s.hosts)) for (const h of s.hosts) if (typeof h === 'string') out.push(h.toLowerCase());
        }
        for (const vs of graph.inNamespace(K.VirtualService, ns)) {
          const s = isObject(vs.body.spec) ? vs.body.spec : {};
          if (Array.isArray(s.hosts)) for (const h of s.hosts) if (typeof h === 'string') out.push(resolveIstioHost(h, ns, graph.clusterDomain));
        }
        return out;
      });
    for (const sc of ctx.resources(K.Sidecar)) {
      const spec = isObject(sc.body.spec) ? sc.body.spec : {};
      if (!Array.isArray(spec.egress)) continue;
      spec.egress.forEach((eg, ei) => {
        if (!isObject(eg) || !Array.isArray(eg.hosts)) return;
        eg.hosts.forEach((h, hi) => {
          if (typeof h !== 'string') return;
          const slash = h.indexOf('/');
          if (slash < 0) return;
          const nsPart = h.slice(0, slash);
          const dns = h.slice(slash + 1).toLowerCase();
          if (dns === '*' || nsPart === '*' || nsPart === '~') return;
          const ns = nsPart === '.' ? sc.namespace : nsPart;
          if (!graph.isNamespaceKnown(ns)) return; // another repository's namespace
          if (hostsIn(ns).some((x) => hostsMatch(dns, x))) return;
          ctx.report({
            resource: sc,
            path: ['spec', 'egress', ei, 'hosts', hi],
            message: `Sidecar ${sc.namespace}/${sc.name} imports "${h}", but no Service, ServiceEntry or VirtualService in namespace ${ns} matches "${dns}": the entry imports nothing, and traffic to that host is not configured for these workloads`,
          });
        });
      });
    }
  },
});
