import { defineRule } from '../../src/engine/rule.js';
import { K } from '../../src/model/kinds.js';
import { CORE_PROTOCOLS, listenersOf } from '../../src/graph/gateway-api.js';

/** Protocols implementations define without a domain prefix (Istio's HBONE for waypoints and east-west). */
const IMPLEMENTATION_PROTOCOLS = new Set(['HBONE']);

export default defineRule({
  id: 'gateway-api-listener-unsupported-protocol',
  severity: 'warning',
  category: 'gateway-api',
  description:
    'A listener protocol is neither a Gateway API protocol (HTTP, HTTPS, TLS, TCP, UDP) nor a domain-prefixed implementation protocol, so the listener is not accepted (UnsupportedProtocol).',
  equivalents: [],
  inputs: [K.Gateway, K.ListenerSet],
  precision: 'high',
  tags: ['listener'],
  check(ctx) {
    for (const owner of [...ctx.resources(K.Gateway), ...ctx.resources(K.ListenerSet)]) {
      const listeners = listenersOf(ctx.graph, owner);
      const bad = listeners.filter((l) => l.protocol !== '' && !CORE_PROTOCOLS.has(l.protocol) && !l.protocol.includes('/') && !IMPLEMENTATION_PROTOCOLS.has(l.protocol));
      for (const l of bad) {
        const upper = l.protocol.toUpperCase();
        const hint = CORE_PROTOCOLS.has(upper) ? `; protocols are case-sensitive: write ${upper}` : /^(GRPC|HTTP2|H2C?|HTTP\/2)$/i.test(l.protocol) ? '; gRPC and HTTP/2 are served by HTTP or HTTPS listeners' : '';
        const consequence = bad.length === listeners.length ? `; with no valid listener the ${owner.kind} is not accepted (ListenersNotValid)` : '';
        ctx.report({
          resource: owner,
          path: [...l.path, 'protocol'],
          message: `${owner.kind} ${owner.namespace}/${owner.name} listener ${l.name} uses protocol ${l.protocol}, which is not a Gateway API protocol: listener Accepted=False (UnsupportedProtocol)${hint}${consequence}`,
        });
      }
    }
  },
});
