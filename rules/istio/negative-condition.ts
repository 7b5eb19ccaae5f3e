import { defineRule } from '../../src/engine/rule.js';
import { objects } from '../../src/graph/istio-gateways.js';
import { isObject } from '../../src/parse/parse.js';
import { K } from '../../src/model/kinds.js';
import type { JsonObject, Path, Resource } from '../../src/model/types.js';

const WAYPOINT_BOUND = new Set(['Service', K.ServiceEntry, K.WorkloadEntry]);
const GATEWAY_TYPES = new Set(['Accepted', 'Programmed', 'ResolvedRefs']);

/** The conditions of `status` istioctl looks at for a kind, with their paths. */
function conditionsOf(r: Resource): Array<[JsonObject, Path]> {
  const status = isObject(r.body.status) ? r.body.status : undefined;
  if (!status) return [];
  if (r.kindKey === K.HTTPRoute || r.kindKey === K.GRPCRoute) {
    return objects(status.parents).flatMap(([p, i]) => objects(p.conditions).map(([c, j]): [JsonObject, Path] => [c, ['status', 'parents', i, 'conditions', j]]));
  }
  return objects(status.conditions).map(([c, j]): [JsonObject, Path] => [c, ['status', 'conditions', j]]);
}

function negative(r: Resource, c: JsonObject): boolean {
  const isFalse = c.status === 'False';
  if (WAYPOINT_BOUND.has(r.kindKey)) return c.type === 'istio.io/WaypointBound' && isFalse;
  if (r.kindKey === K.AuthorizationPolicy) return ((c.type === 'ZtunnelAccepted' || c.type === 'WaypointAccepted') && isFalse) || (c.type === 'WaypointAccepted' && c.reason === 'PartiallyInvalid');
  return GATEWAY_TYPES.has(String(c.type)) && isFalse;
}

const KINDS = ['Service', K.ServiceEntry, K.WorkloadEntry, K.AuthorizationPolicy, K.Gateway, K.HTTPRoute, K.GRPCRoute];

export default defineRule({
  id: 'istio-negative-condition',
  severity: 'warning',
  category: 'istio',
  description: 'A resource exported from a cluster carries a negative Istio or Gateway API status condition (not bound, not accepted, not programmed, unresolved references).',
  equivalents: ['IST0171'],
  inputs: KINDS,
  precision: 'very-high',
  tags: ['status'],
  check(ctx) {
    for (const kind of KINDS) {
      for (const r of ctx.resources(kind)) {
        for (const [c, path] of conditionsOf(r)) {
          if (!negative(r, c)) continue;
          ctx.report({
            resource: r,
            path: [...path, 'status'],
            message: `${r.kind} ${r.namespace}/${r.name} reports condition ${String(c.type)}=${String(c.status)} (reason ${String(c.reason ?? '')}${c.message ? `: ${String(c.message)}` : ''})`,
          });
        }
      }
    }
  },
});
