import { defineRule } from '../../src/engine/rule.js';
import { resolveBackendRef, ROUTE_KINDS, routeBackendRefs } from '../../src/graph/gateway-api.js';

const CONDITION: Record<string, string> = {
  InvalidKind: 'ResolvedRefs=False (InvalidKind)',
  RefNotPermitted: 'ResolvedRefs=False (RefNotPermitted)',
  BackendNotFound: 'ResolvedRefs=False (BackendNotFound)',
  PortNotFound: 'ResolvedRefs=False (BackendNotFound)',
  MissingPort: 'rejected by the API server',
  UnsupportedProtocol: 'ResolvedRefs=False (UnsupportedProtocol)',
};

export default defineRule({
  id: 'gateway-api-backendref-unresolved',
  severity: 'error',
  category: 'gateway-api',
  description:
    'A route backendRef would not resolve (ResolvedRefs=False): unsupported kind, cross-namespace without a ReferenceGrant, missing Service or port, or a port whose protocol the route cannot use.',
  equivalents: ['KIA1402'],
  inputs: ROUTE_KINDS,
  precision: 'high',
  tags: ['reference'],
  check(ctx) {
    for (const kindKey of ROUTE_KINDS) {
      for (const route of ctx.resources(kindKey)) {
        for (const ref of routeBackendRefs(route)) {
          const p = resolveBackendRef(ctx.graph, route, ref);
          if (!p) continue;
          // A zero-weight backend gets no traffic: its failure costs nothing yet.
          const severity = !p.certain || ref.weight === 0 ? 'warning' : 'error';
          const consequence = ref.weight === 0 ? ' (weight 0: no traffic is sent to it yet)' : '; requests routed to it get HTTP 500';
          ctx.report({
            resource: route,
            path: p.path,
            severity,
            message: `${route.kind} ${route.namespace}/${route.name}: ${p.detail}: ${CONDITION[p.reason]}${p.reason === 'MissingPort' ? '' : consequence}`,
            ...('target' in p ? { related: [{ resource: p.target, path: ['spec', 'ports'], message: `Service ${p.target.namespace}/${p.target.name}` }] } : {}),
          });
        }
      }
    }
  },
});
