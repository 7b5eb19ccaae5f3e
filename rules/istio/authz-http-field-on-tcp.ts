import { defineRule } from '../../src/engine/rule.js';
import { K } from '../../src/model/kinds.js';
import type { Path } from '../../src/model/types.js';
import { isObject } from '../../src/parse/parse.js';
import { authzPolicies, authzWorkloads, containerPortProtocol } from '../../src/graph/istio-authz.js';

const HTTP_OPERATION = ['hosts', 'notHosts', 'methods', 'notMethods', 'paths', 'notPaths'];
const HTTP_SOURCE = ['requestPrincipals', 'notRequestPrincipals'];
const isHttpWhen = (k: string) => k.startsWith('request.');

export default defineRule({
  id: 'istio-authz-http-field-on-tcp',
  severity: 'warning',
  category: 'istio',
  description: 'An AuthorizationPolicy rule uses HTTP-only fields (methods, paths, hosts, request principals, request.* conditions) for ports that carry TCP traffic, where they never match.',
  equivalents: [],
  inputs: [K.AuthorizationPolicy],
  precision: 'high',
  tags: ['authz', 'protocol'],
  check(ctx) {
    const { graph } = ctx;
    for (const p of authzPolicies(graph)) {
      if (!p.rules || p.action === 'CUSTOM') continue;
      const workloads = authzWorkloads(graph, p);
      if (!workloads || workloads.length === 0) continue;
      const ap = p.resource;
      for (const r of p.rules) {
        const httpFields: Array<{ path: Path; name: string }> = [];
        const ports = new Set<number>();
        if (Array.isArray(r.rule.to)) {
          r.rule.to.forEach((t, ti) => {
            if (!isObject(t) || !isObject(t.operation)) return;
            for (const k of HTTP_OPERATION) if (Array.isArray(t.operation[k]) && t.operation[k].length) httpFields.push({ path: ['spec', 'rules', r.index, 'to', ti, 'operation', k], name: `operation.${k}` });
            if (Array.isArray(t.operation.ports)) for (const x of t.operation.ports) if (Number.isInteger(Number(x))) ports.add(Number(x));
          });
        }
        if (Array.isArray(r.rule.from)) {
          r.rule.from.forEach((f, fi) => {
            if (!isObject(f) || !isObject(f.source)) return;
            for (const k of HTTP_SOURCE) if (Array.isArray(f.source[k]) && f.source[k].length) httpFields.push({ path: ['spec', 'rules', r.index, 'from', fi, 'source', k], name: `source.${k}` });
          });
        }
        if (Array.isArray(r.rule.when)) {
          r.rule.when.forEach((c, ci) => {
            if (isObject(c) && typeof c.key === 'string' && isHttpWhen(c.key)) httpFields.push({ path: ['spec', 'rules', r.index, 'when', ci, 'key'], name: `condition "${c.key}"` });
          });
        }
        if (httpFields.length === 0) continue;
        // The ports the rule covers: its own ports, else every declared port of the workloads.
        const covered: Array<{ port: number; proto: string }> = [];
        for (const w of workloads) {
          const candidates = ports.size ? [...ports] : w.containerPorts.map((c) => c.containerPort);
          for (const port of candidates) covered.push({ port, proto: containerPortProtocol(graph, w, port) });
        }
        if (covered.length === 0 || covered.some((c) => c.proto !== 'tcp')) continue;
        const list = [...new Set(covered.map((c) => c.port))].sort((a, b) => a - b).join(', ');
        const effect =
          p.action === 'DENY'
            ? 'Istio drops the HTTP-only conditions for TCP traffic, so this DENY rule matches more connections than written'
            : 'they never match TCP traffic, so this rule allows nothing';
        for (const f of httpFields) {
          ctx.report({
            resource: ap,
            path: f.path,
            message: `AuthorizationPolicy ${ap.namespace}/${ap.name} uses HTTP-only ${f.name} in rule ${r.index + 1}, but port${covered.length > 1 ? 's' : ''} ${list} of its workloads carry TCP traffic (from the Service port names / appProtocol): ${effect}`,
          });
        }
      }
    }
  },
});
