import { defineRule } from '../../src/engine/rule.js';
import { parseCredentialName, secretProvider } from '../../src/graph/istio-credentials.js';
import { gatewayPods, objects, specOf } from '../../src/graph/istio-gateways.js';
import { isObject } from '../../src/parse/parse.js';
import { K } from '../../src/model/kinds.js';

export default defineRule({
  id: 'istio-gateway-credential-not-found',
  severity: 'warning',
  category: 'istio',
  description: 'An Istio Gateway server names a TLS credential Secret that is not in the namespace of its gateway workload.',
  equivalents: ['IST0101@gateway.SecretAnalyzer'],
  inputs: [K.IstioGateway],
  precision: 'medium',
  tags: ['reference', 'gateway', 'tls'],
  check(ctx) {
    const { graph } = ctx;
    for (const gw of ctx.resources(K.IstioGateway)) {
      const pods = gatewayPods(graph, gw);
      if (pods.length === 0) continue; // istio-gateway-selector-no-workload
      const wlNs = pods[0].namespace;
      for (const [server, i] of objects(specOf(gw).servers)) {
        const cn = isObject(server.tls) ? server.tls.credentialName : undefined;
        if (typeof cn !== 'string' || cn === '') continue;
        const ref = parseCredentialName(cn, wlNs);
        if (graph.get('Secret', ref.namespace, ref.name) || secretProvider(graph, ref)) continue;
        const elsewhere = graph.named('Secret', ref.name).filter((s) => s.namespace !== ref.namespace);
        const hint = elsewhere.length ? `; a Secret of that name exists in namespace ${elsewhere[0].namespace}, but the gateway workload runs in ${wlNs}` : '';
        // Secrets are seldom kept with manifests: only a Secret of that name in another namespace
        // (the classic mistake) makes this a warning.
        ctx.report({
          resource: gw,
          ...(elsewhere.length ? {} : { severity: 'info' as const }),
          path: ['spec', 'servers', i, 'tls', 'credentialName'],
          message: `Gateway ${gw.namespace}/${gw.name} uses credentialName "${cn}", but Secret ${ref.namespace}/${ref.name} (the gateway workload's namespace) is not in the inputs${hint}: the TLS server gets no certificate and handshakes fail`,
          related: elsewhere.slice(0, 1).map((s) => ({ resource: s, path: ['metadata', 'name'], message: `Secret ${s.namespace}/${s.name}` })),
        });
      }
    }
  },
});
