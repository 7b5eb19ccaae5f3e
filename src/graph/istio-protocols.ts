// Istio's protocol selection for Service ports: appProtocol, else the port name's prefix.
import type { JsonObject, Resource } from '../model/types.js';
import { IGNORED_NAMESPACES } from './istio-workloads.js';

const KNOWN = new Set(['tcp', 'udp', 'grpc', 'grpc-web', 'http', 'http_proxy', 'http2', 'https', 'tls', 'mongo', 'redis', 'mysql']);
const APP_PROTOCOL_ALIASES: Record<string, string> = { 'kubernetes.io/h2c': 'http2', 'kubernetes.io/ws': 'http', 'kubernetes.io/wss': 'https' };
const WELL_KNOWN_TCP = new Set([25, 53, 3306, 27017]);

/** The protocol Istio derives for a Service port, or undefined when it cannot tell. */
export function portProtocol(p: JsonObject): string | undefined {
  if (p.protocol === 'UDP') return 'udp';
  let name = typeof p.appProtocol === 'string' && p.appProtocol !== '' ? p.appProtocol : typeof p.name === 'string' ? p.name : '';
  name = APP_PROTOCOL_ALIASES[name] ?? name;
  const lower = name.toLowerCase();
  if (lower.startsWith('grpc-web')) return 'grpc-web';
  const dash = lower.indexOf('-');
  const prefix = dash >= 0 ? lower.slice(0, dash) : lower;
  if (KNOWN.has(prefix)) return prefix;
  if (typeof p.port === 'number' && WELL_KNOWN_TCP.has(p.port)) return 'tcp';
  return undefined;
}

/** Services istioctl leaves alone: Kubernetes' namespaces, the control plane, gateway-controller-managed ones. */
export function skipPortNaming(svc: Resource): boolean {
  if (IGNORED_NAMESPACES.has(svc.namespace)) return true;
  if (svc.labels.istio !== undefined || svc.labels.release === 'istio') return true;
  const managed = svc.labels['gateway.istio.io/managed'];
  return managed === 'istio.io-gateway-controller' || managed === 'istio.io-mesh-controller' || managed === 'istio.io-eastwest-controller';
}
