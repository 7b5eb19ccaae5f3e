import { defineRule } from '../../src/engine/rule.js';
import { checkCredentialSecret, parseCredentialName } from '../../src/graph/istio-credentials.js';
import { gatewayPods, objects, specOf } from '../../src/graph/istio-gateways.js';
import { isObject } from '../../src/parse/parse.js';
import { K } from '../../src/model/kinds.js';

export default defineRule({
  id: 'istio-gateway-credential-invalid',
  severity: 'error',
  category: 'istio',
  description: 'The TLS credential Secret of an Istio Gateway lacks a certificate and key, or its certificate is unparsable or expired.',
  equivalents: ['IST0161'],
  inputs: [K.IstioGateway],
  precision: 'high',
  tags: ['gateway', 'tls'],
  check(ctx) {
    const { graph } = ctx;
    const now = new Date();
    for (const gw of ctx.resources(K.IstioGateway)) {
      const pods = gatewayPods(graph, gw);
      if (pods.length === 0) continue;
      for (const [server, i] of objects(specOf(gw).servers)) {
        const cn = isObject(server.tls) ? server.tls.credentialName : undefined;
        if (typeof cn !== 'string' || cn === '') continue;
        const ref = parseCredentialName(cn, pods[0].namespace);
        const secret = graph.get('Secret', ref.namespace, ref.name);
        if (!secret) continue;
        const bad = checkCredentialSecret(secret, now);
        if (!bad) continue;
        ctx.report({
          resource: gw,
          ...(bad.placeholder ? { severity: 'info' as const } : {}),
          path: ['spec', 'servers', i, 'tls', 'credentialName'],
          message: `Gateway ${gw.namespace}/${gw.name} uses Secret ${ref.namespace}/${ref.name} as TLS credential, but ${bad.problem}: the gateway cannot serve TLS with it`,
          related: [{ resource: secret, path: ['data'], message: `Secret ${secret.namespace}/${secret.name}` }],
        });
      }
    }
  },
});
