import { defineRule } from '../../src/engine/rule.js';
import { objects, specOf } from '../../src/graph/istio-gateways.js';
import { isObject } from '../../src/parse/parse.js';
import { K } from '../../src/model/kinds.js';
import type { JsonObject } from '../../src/model/types.js';

export default defineRule({
  id: 'istio-dr-no-ca-certificates',
  severity: 'info',
  category: 'istio',
  description: 'A DestinationRule originates SIMPLE or MUTUAL TLS without caCertificates, so the server identity is not checked against a CA of your choice.',
  equivalents: ['IST0128', 'IST0129'],
  inputs: [K.DestinationRule],
  precision: 'high',
  tags: ['security', 'tls'],
  check(ctx) {
    for (const dr of ctx.resources(K.DestinationRule)) {
      const spec = specOf(dr);
      const policy = isObject(spec.trafficPolicy) ? spec.trafficPolicy : undefined;
      if (!policy) continue;
      const exempt = (tls: JsonObject) => typeof tls.credentialName === 'string' && tls.credentialName !== '' && spec.workloadSelector !== undefined && spec.workloadSelector !== null;
      const lacksCa = (tls: unknown): tls is JsonObject =>
        isObject(tls) && (tls.mode === 'SIMPLE' || tls.mode === 'MUTUAL') && !(typeof tls.caCertificates === 'string' && tls.caCertificates !== '') && !exempt(tls);
      const host = typeof spec.host === 'string' ? spec.host : '';
      if (lacksCa(policy.tls)) {
        ctx.report({
          resource: dr,
          path: ['spec', 'trafficPolicy', 'tls', 'mode'],
          message: `DestinationRule ${dr.namespace}/${dr.name} uses TLS mode ${policy.tls.mode} for host "${host}" without caCertificates: the server certificate is verified only against the proxy's default trust store, if at all; set caCertificates (or credentialName with a CA) to pin the issuer`,
        });
      }
      for (const [pl, i] of objects(policy.portLevelSettings)) {
        if (!lacksCa(pl.tls)) continue;
        const port = isObject(pl.port) ? pl.port.number : undefined;
        ctx.report({
          resource: dr,
          path: ['spec', 'trafficPolicy', 'portLevelSettings', i, 'tls', 'mode'],
          message: `DestinationRule ${dr.namespace}/${dr.name} uses TLS mode ${pl.tls.mode} for host "${host}" port ${String(port)} without caCertificates: the server certificate is verified only against the proxy's default trust store, if at all; set caCertificates to pin the issuer`,
        });
      }
    }
  },
});
