import { defineRule } from '../../src/engine/rule.js';
import { K } from '../../src/model/kinds.js';
import { isObject } from '../../src/parse/parse.js';

export default defineRule({
  id: 'linkerd-route-on-opaque-server',
  severity: 'warning',
  category: 'linkerd',
  description: 'An HTTPRoute or GRPCRoute attaches to a Linkerd Server whose proxyProtocol is opaque or TLS; the proxy never parses HTTP on that port, so the route never applies.',
  equivalents: [],
  inputs: [K.LinkerdServer],
  precision: 'very-high',
  check(ctx) {
    for (const srv of ctx.resources(K.LinkerdServer)) {
      const spec = isObject(srv.body.spec) ? srv.body.spec : {};
      if (spec.proxyProtocol !== 'opaque' && spec.proxyProtocol !== 'TLS') continue;
      for (const ref of ctx.graph.referencesTo(srv, 'attaches-to')) {
        const route = ref.from;
        ctx.report({
          resource: route,
          path: ref.path,
          message: `${route.kind} ${route.namespace}/${route.name} attaches to Server ${srv.namespace}/${srv.name}, whose proxyProtocol is ${String(spec.proxyProtocol)}: the proxy does not parse HTTP there, so the route and its authorizations never apply`,
          related: [{ resource: srv, path: ['spec', 'proxyProtocol'], message: `Server ${srv.namespace}/${srv.name}` }],
        });
      }
    }
  },
});
