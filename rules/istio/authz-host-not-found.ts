import { defineRule } from '../../src/engine/rule.js';
import { K } from '../../src/model/kinds.js';
import { isObject } from '../../src/parse/parse.js';
import { hostsMatch, resolveIstioHost } from '../../src/graph/istio.js';
import { authzPolicies, operationFields } from '../../src/graph/istio-authz.js';

export default defineRule({
  id: 'istio-authz-host-not-found',
  severity: 'warning',
  category: 'istio',
  description: 'An AuthorizationPolicy operation host names an in-cluster service that is not in the inputs (no Service, ServiceEntry or VirtualService host), so the rule never matches.',
  equivalents: ['KIA0104'],
  inputs: [K.AuthorizationPolicy],
  precision: 'medium',
  tags: ['authz', 'reference'],
  check(ctx) {
    const { graph } = ctx;
    const domain = graph.clusterDomain;
    const registryHosts = graph.memo('istio.authz.registryHosts', () => {
      const out: string[] = [];
      for (const se of graph.ofKind(K.ServiceEntry)) {
        const s = isObject(se.body.spec) ? se.body.spec : {};
        if (Array.isArray(s.hosts)) for (const h of s.hosts) if (typeof h === 'string') out.push(h.toLowerCase());
      }
      for (const vs of graph.ofKind(K.VirtualService)) {
        const s = isObject(vs.body.spec) ? vs.body.spec : {};
        if (Array.isArray(s.hosts)) for (const h of s.hosts) if (typeof h === 'string') out.push(resolveIstioHost(h, vs.namespace, domain));
      }
      return out;
    });
    const allowAny = ctx.settings.meshConfig.outboundTrafficPolicy === 'ALLOW_ANY';
    for (const p of authzPolicies(graph)) {
      const ap = p.resource;
      for (const f of operationFields(p, ['hosts', 'notHosts'])) {
        f.values.forEach((raw, i) => {
          if (typeof raw !== 'string' || raw.includes('*')) return;
          const host = raw.toLowerCase().replace(/:\d+$/, '');
          // Only names of the in-cluster registry: `svc`, `svc.ns`, `svc.ns.svc`, `svc.ns.svc.<domain>`.
          const parts = host.split('.');
          let name: string;
          let ns: string;
          if (parts.length === 1) [name, ns] = [parts[0], ap.namespace];
          else if (parts.length === 2 || (parts.length === 3 && parts[2] === 'svc') || host.endsWith(`.svc.${domain}`)) [name, ns] = [parts[0], parts[1]];
          else return; // an external or gateway host name
          if (parts.length === 2 && !graph.isNamespaceKnown(ns)) return; // `api.example` style: not a namespace
          if (graph.inNamespace('Service', ns).length === 0) return; // the inputs do not describe that namespace's Services
          const fqdn = `${name}.${ns}.svc.${domain}`;
          if (graph.serviceByHost(fqdn) || registryHosts.some((h) => hostsMatch(h, fqdn) || h === host)) return;
          ctx.report({
            resource: ap,
            path: [...f.path, i],
            severity: allowAny ? 'warning' : 'error',
            message: `AuthorizationPolicy ${ap.namespace}/${ap.name} matches host "${raw}", but no Service ${ns}/${name}, ServiceEntry or VirtualService host in the inputs has that name: requests never carry it, so the rule never matches`,
          });
        });
      }
    }
  },
});
