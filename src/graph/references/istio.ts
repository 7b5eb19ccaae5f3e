// Istio references: VirtualService → gateways and destinations, DestinationRule → host,
// PeerAuthentication → workloads.
import { K } from '../../model/kinds.js';
import type { Path } from '../../model/types.js';
import { isObject } from '../../parse/parse.js';
import type { ResourceGraph } from '../graph.js';
import { gatewayFor, parseGatewayRef, resolveIstioHost, servicesForHost } from '../istio.js';
import { equalitySelector, isEmptySelector } from '../selectors.js';

export function extractIstioReferences(graph: ResourceGraph): void {
  for (const vs of graph.ofKind(K.VirtualService)) {
    const spec = isObject(vs.body.spec) ? vs.body.spec : {};
    const addGatewayRefs = (list: unknown, path: Path) => {
      if (!Array.isArray(list)) return;
      list.forEach((ref, i) => {
        if (typeof ref !== 'string') return;
        const gw = parseGatewayRef(ref, vs.namespace);
        if (!gw) return;
        const hit = gatewayFor(graph, gw);
        graph.addReference(vs, 'attaches-to', { kindKey: K.IstioGateway, namespace: gw.namespace, name: gw.name }, [...path, i], hit ? [hit] : []);
      });
    };
    addGatewayRefs(spec.gateways, ['spec', 'gateways']);
    if (Array.isArray(spec.http)) {
      spec.http.forEach((route, ri) => {
        if (!isObject(route) || !Array.isArray(route.match)) return;
        route.match.forEach((m, mi) => isObject(m) && addGatewayRefs(m.gateways, ['spec', 'http', ri, 'match', mi, 'gateways']));
      });
    }
    for (const section of ['http', 'tcp', 'tls'] as const) {
      const routes = spec[section];
      if (!Array.isArray(routes)) continue;
      routes.forEach((route, ri) => {
        if (!isObject(route) || !Array.isArray(route.route)) return;
        route.route.forEach((dst, di) => {
          if (!isObject(dst) || !isObject(dst.destination) || typeof dst.destination.host !== 'string') return;
          const host = resolveIstioHost(dst.destination.host, vs.namespace, graph.clusterDomain);
          if (!host.endsWith(`.svc.${graph.clusterDomain}`)) return; // external hosts are ServiceEntries' business
          const [name, ns] = host.split('.');
          graph.addReference(vs, 'routes-to', { kindKey: 'Service', namespace: ns, name }, ['spec', section, ri, 'route', di, 'destination', 'host'], servicesForHost(graph, host));
        });
      });
    }
  }
  for (const dr of graph.ofKind(K.DestinationRule)) {
    const spec = isObject(dr.body.spec) ? dr.body.spec : {};
    if (typeof spec.host !== 'string') continue;
    const host = resolveIstioHost(spec.host, dr.namespace, graph.clusterDomain);
    if (!host.endsWith(`.svc.${graph.clusterDomain}`) || host.startsWith('*')) continue;
    const [name, ns] = host.split('.');
    graph.addReference(dr, 'configures', { kindKey: 'Service', namespace: ns, name }, ['spec', 'host'], servicesForHost(graph, host));
  }
  for (const pa of graph.ofKind(K.PeerAuthentication)) {
    const spec = isObject(pa.body.spec) ? pa.body.spec : {};
    const sel = isObject(spec.selector) ? equalitySelector(spec.selector.matchLabels) : undefined;
    if (!sel || isEmptySelector(sel)) continue;
    const hits = graph.workloadsMatching(pa.namespace, sel).map((w) => w.resource);
    graph.addReference(pa, 'governs-mtls', { kindKey: 'Pod', namespace: pa.namespace, name: 'selector' }, ['spec', 'selector'], hits);
  }
}
