// Istio resolution: hosts, gateway references, effective PeerAuthentication. Rules ask here.
import type { Resource } from '../model/types.js';
import { K } from '../model/kinds.js';
import { isObject } from '../parse/parse.js';
import type { ResourceGraph } from './graph.js';

/**
 * Istio's short-name rule: a host without a dot (and not `*`) becomes
 * `<host>.<namespace>.svc.<domain>`; anything with a dot is taken literally
 * (so `reviews.default` is not expanded).
 */
export function resolveIstioHost(host: string, namespace: string, clusterDomain: string): string {
  if (host === '*' || host.includes('.')) return host.toLowerCase();
  return `${host}.${namespace}.svc.${clusterDomain}`.toLowerCase();
}

/** Does host `a` match host `b`, either side possibly a `*.` wildcard? */
export function hostsMatch(a: string, b: string): boolean {
  if (a === b || a === '*' || b === '*') return true;
  if (a.startsWith('*')) {
    const suffix = a.slice(1);
    if (b.startsWith('*')) return b.slice(1).endsWith(suffix) || suffix.endsWith(b.slice(1));
    return b.endsWith(suffix);
  }
  if (b.startsWith('*')) return a.endsWith(b.slice(1));
  return false;
}

export interface GatewayRef {
  namespace: string;
  name: string;
}

/**
 * A VirtualService `gateways` entry: `ns/name`, or a bare `name` in the VirtualService's
 * namespace. `mesh` is the sidecars, not a Gateway: returns undefined.
 */
export function parseGatewayRef(ref: string, vsNamespace: string): GatewayRef | undefined {
  if (ref === 'mesh') return undefined;
  const slash = ref.indexOf('/');
  if (slash >= 0) return { namespace: ref.slice(0, slash), name: ref.slice(slash + 1) };
  return { namespace: vsNamespace, name: ref };
}

/** The Istio Gateway, or else the Gateway API Gateway, a VirtualService gateway entry names. */
export function gatewayFor(graph: ResourceGraph, ref: GatewayRef): Resource | undefined {
  return graph.get(K.IstioGateway, ref.namespace, ref.name) ?? graph.get(K.Gateway, ref.namespace, ref.name);
}

/** Services named by a resolved host: one exact match, or every Service under a `*.` wildcard. */
export function servicesForHost(graph: ResourceGraph, fqdn: string): Resource[] {
  if (!fqdn.startsWith('*')) {
    const svc = graph.serviceByHost(fqdn);
    return svc ? [svc] : [];
  }
  const suffix = fqdn.slice(1);
  const domainSuffix = `.svc.${graph.clusterDomain}`;
  // `*.ns.svc.<domain>`: every Service of that namespace, through the namespace index.
  if (suffix.endsWith(domainSuffix)) {
    const ns = suffix.slice(1, -domainSuffix.length);
    if (ns && !ns.includes('.')) return [...graph.inNamespace('Service', ns)];
  }
  return graph.ofKind('Service').filter((svc) => hostsMatch(fqdn, graph.serviceFqdn(svc)));
}
