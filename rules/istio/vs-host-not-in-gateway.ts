import { defineRule } from '../../src/engine/rule.js';
import { hostsMatch, parseGatewayRef, gatewayFor } from '../../src/graph/istio.js';
import { gatewayHostsFor, INTERNAL_GATEWAY_MARKER, specOf } from '../../src/graph/istio-gateways.js';
import { K } from '../../src/model/kinds.js';

export default defineRule({
  id: 'istio-vs-host-not-in-gateway',
  severity: 'warning',
  category: 'istio',
  description: 'None of a VirtualService\'s hosts is served by a gateway it binds to, so its routes never apply there.',
  equivalents: ['IST0132'],
  inputs: [K.VirtualService],
  precision: 'high',
  tags: ['reference'],
  check(ctx) {
    for (const vs of ctx.resources(K.VirtualService)) {
      const spec = specOf(vs);
      if (!Array.isArray(spec.gateways)) continue;
      const vsHosts = (Array.isArray(spec.hosts) ? spec.hosts : []).filter((h): h is string => typeof h === 'string');
      spec.gateways.forEach((entry, i) => {
        if (typeof entry !== 'string' || entry.includes(INTERNAL_GATEWAY_MARKER)) return;
        const ref = parseGatewayRef(entry, vs.namespace);
        if (!ref) return;
        const gw = gatewayFor(ctx.graph, ref);
        if (!gw) return; // istio-vs-gateway-not-found reports it
        const offered = gatewayHostsFor(gw, vs.namespace);
        if (vsHosts.some((h) => offered.some((o) => hostsMatch(h.toLowerCase(), o.toLowerCase())))) return;
        const kind = gw.kindKey === K.IstioGateway ? 'Gateway' : 'Gateway API Gateway';
        ctx.report({
          resource: vs,
          path: ['spec', 'gateways', i],
          message: `VirtualService ${vs.namespace}/${vs.name} binds to ${kind} ${gw.namespace}/${gw.name}, but none of its hosts [${vsHosts.join(', ')}] is among the hosts that gateway offers to namespace ${vs.namespace} [${offered.join(', ')}]: its routes are ignored there`,
          related: [{ resource: gw, path: gw.kindKey === K.IstioGateway ? ['spec', 'servers'] : ['spec', 'listeners'], message: `${kind} ${gw.namespace}/${gw.name}` }],
        });
      });
    }
  },
});
