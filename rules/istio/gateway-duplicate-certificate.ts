import { defineRule } from '../../src/engine/rule.js';
import { gatewaySelector, objects, specOf } from '../../src/graph/istio-gateways.js';
import { isObject } from '../../src/parse/parse.js';
import { K } from '../../src/model/kinds.js';
import type { JsonObject, Resource } from '../../src/model/types.js';

/** Identity of a server certificate: its credentialName, else its file pair. */
function certKey(tls: JsonObject): string | undefined {
  if (typeof tls.credentialName === 'string' && tls.credentialName !== '') return `cred:${tls.credentialName}`;
  if (typeof tls.serverCertificate === 'string' && tls.serverCertificate !== '' && typeof tls.privateKey === 'string' && tls.privateKey !== '') {
    return `file:${tls.serverCertificate}\u0000${tls.privateKey}`;
  }
  return undefined;
}

export default defineRule({
  id: 'istio-gateway-duplicate-certificate',
  severity: 'warning',
  category: 'istio',
  description: 'Two Istio Gateways on the same workload serve the same certificate, so HTTP/2 connection reuse can send requests to the wrong server (404).',
  equivalents: ['IST0138'],
  inputs: [K.IstioGateway],
  precision: 'high',
  tags: ['gateway', 'tls'],
  check(ctx) {
    const byCert = new Map<string, Array<{ gw: Resource; path: (string | number)[] }>>();
    for (const gw of ctx.resources(K.IstioGateway)) {
      const seen = new Set<string>();
      for (const [server, i] of objects(specOf(gw).servers)) {
        if (!isObject(server.tls)) continue;
        const key = certKey(server.tls);
        if (!key || seen.has(key)) continue;
        seen.add(key);
        const list = byCert.get(key) ?? [];
        list.push({ gw, path: ['spec', 'servers', i, 'tls', key.startsWith('cred:') ? 'credentialName' : 'serverCertificate'] });
        byCert.set(key, list);
      }
    }
    const reported = new Set<Resource>();
    for (const list of byCert.values()) {
      if (list.length < 2) continue;
      for (const a of list) {
        if (reported.has(a.gw)) continue;
        const sa = gatewaySelector(a.gw).matchLabels;
        // `a` is flagged when its selector is contained in the other's (it reaches at least those pods).
        const others = list.filter((b) => b.gw !== a.gw && Object.entries(sa).every(([k, v]) => gatewaySelector(b.gw).matchLabels[k] === v));
        if (!others.length) continue;
        reported.add(a.gw);
        const names = [...new Set(others.map((b) => `${b.gw.namespace}/${b.gw.name}`))].sort();
        ctx.report({
          resource: a.gw,
          path: a.path,
          message: `Gateway ${a.gw.namespace}/${a.gw.name} serves the same certificate as Gateway ${names.join(', ')} on the same workload: clients reusing an HTTP/2 connection for another host get 404s; put the hosts in one server or use distinct certificates`,
          related: others.slice(0, 3).map((b) => ({ resource: b.gw, path: b.path, message: `Gateway ${b.gw.namespace}/${b.gw.name}` })),
        });
      }
    }
  },
});
