// Gateway API resolution: parentRef and backendRef defaulting.
import type { Path, Resource } from '../model/types.js';
import { K, kindKeyOf } from '../model/kinds.js';
import { isObject } from '../parse/parse.js';

export const GATEWAY_API_GROUP = 'gateway.networking.k8s.io';
export const ROUTE_KINDS: readonly string[] = [K.HTTPRoute, K.GRPCRoute, K.TLSRoute, K.TCPRoute, K.UDPRoute];

export interface ResolvedRef {
  group: string;
  kind: string;
  kindKey: string;
  namespace: string;
  name: string;
  sectionName?: string;
  port?: number;
  /** True when the namespace was written, false when defaulted to the route's. */
  explicitNamespace: boolean;
  /** Path of the ref inside the route. */
  path: Path;
  raw: Record<string, unknown>;
}

function resolveRef(route: Resource, raw: Record<string, unknown>, path: Path, defaultGroup: string, defaultKind: string): ResolvedRef | undefined {
  if (typeof raw.name !== 'string' || raw.name === '') return undefined;
  const group = typeof raw.group === 'string' ? raw.group : defaultGroup;
  const kind = typeof raw.kind === 'string' && raw.kind !== '' ? raw.kind : defaultKind;
  const explicitNamespace = typeof raw.namespace === 'string' && raw.namespace !== '';
  return {
    group,
    kind,
    kindKey: kindKeyOf(group, kind),
    namespace: explicitNamespace ? (raw.namespace as string) : route.namespace,
    name: raw.name,
    ...(typeof raw.sectionName === 'string' ? { sectionName: raw.sectionName } : {}),
    ...(typeof raw.port === 'number' ? { port: raw.port } : {}),
    explicitNamespace,
    path,
    raw,
  };
}

/** parentRefs with Gateway API defaults: group gateway.networking.k8s.io, kind Gateway, the route's namespace. */
export function routeParentRefs(route: Resource): ResolvedRef[] {
  const spec = isObject(route.body.spec) ? route.body.spec : {};
  if (!Array.isArray(spec.parentRefs)) return [];
  const out: ResolvedRef[] = [];
  spec.parentRefs.forEach((p, i) => {
    if (!isObject(p)) return;
    const ref = resolveRef(route, p, ['spec', 'parentRefs', i], GATEWAY_API_GROUP, 'Gateway');
    if (ref) out.push(ref);
  });
  return out;
}

/** backendRefs of every rule (and of filters' request mirrors are not included): core group, kind Service. */
export function routeBackendRefs(route: Resource): ResolvedRef[] {
  const spec = isObject(route.body.spec) ? route.body.spec : {};
  if (!Array.isArray(spec.rules)) return [];
  const out: ResolvedRef[] = [];
  spec.rules.forEach((rule, ri) => {
    if (!isObject(rule) || !Array.isArray(rule.backendRefs)) return;
    rule.backendRefs.forEach((b, bi) => {
      if (!isObject(b)) return;
      const ref = resolveRef(route, b, ['spec', 'rules', ri, 'backendRefs', bi], '', 'Service');
      if (ref) out.push(ref);
    });
  });
  return out;
}
