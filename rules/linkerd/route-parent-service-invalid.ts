import { defineRule } from '../../src/engine/rule.js';
import { K } from '../../src/model/kinds.js';
import { isObject } from '../../src/parse/parse.js';
import { MESH_ROUTE_KINDS, serviceIsMeshed } from '../../src/graph/linkerd.js';

export default defineRule({
  id: 'linkerd-route-parent-service-invalid',
  severity: 'error',
  category: 'linkerd',
  description: 'A mesh route (HTTPRoute/GRPCRoute with a Service parent) for a Service whose pods Linkerd injects is ignored: the parentRef lacks group "" (the CRD defaults it to gateway.networking.k8s.io), the Service is headless or ExternalName, or the port is not a Service port.',
  equivalents: [],
  inputs: MESH_ROUTE_KINDS,
  precision: 'high',
  check(ctx) {
    for (const kind of MESH_ROUTE_KINDS) {
      for (const route of ctx.resources(kind)) {
        const spec = isObject(route.body.spec) ? route.body.spec : {};
        if (!Array.isArray(spec.parentRefs)) continue;
        const id = `${route.kind} ${route.namespace}/${route.name}`;
        spec.parentRefs.forEach((p, i) => {
          if (!isObject(p) || p.kind !== 'Service' || typeof p.name !== 'string') return;
          const ns = typeof p.namespace === 'string' && p.namespace ? p.namespace : route.namespace;
          const svc = ctx.graph.get(K.Service, ns, p.name);
          if (!svc || !serviceIsMeshed(ctx.graph, svc)) return;
          const path = ['spec', 'parentRefs', i];
          const defaultGroup = route.group === 'policy.linkerd.io' ? 'policy.linkerd.io' : 'gateway.networking.k8s.io';
          const group = typeof p.group === 'string' ? p.group : defaultGroup;
          if (group !== '' && group !== 'core') {
            ctx.report({
              resource: route,
              path: p.group === undefined ? [...path, 'kind'] : [...path, 'group'],
              message: `${id} names Service ${ns}/${p.name} as parent with group ${p.group === undefined ? `${defaultGroup} (the CRD default when group is omitted)` : `"${group}"`}: Linkerd only attaches routes to parents with group: "" (core), so the route is ignored; add group: ""`,
            });
            return;
          }
          const sspec = isObject(svc.body.spec) ? svc.body.spec : {};
          if (sspec.clusterIP === 'None' || sspec.type === 'ExternalName') {
            ctx.report({
              resource: route,
              path: [...path, 'name'],
              message: `${id} attaches to Service ${ns}/${p.name}, which is ${sspec.type === 'ExternalName' ? 'an ExternalName Service' : 'headless'}: Linkerd sets Accepted=False (NoMatchingParent: parent service must have a ClusterIP) and ignores the route`,
              related: [{ resource: svc, path: sspec.type === 'ExternalName' ? ['spec', 'type'] : ['spec', 'clusterIP'], message: `Service ${ns}/${p.name}` }],
            });
            return;
          }
          if (typeof p.port === 'number' && Array.isArray(sspec.ports) && !sspec.ports.some((sp) => isObject(sp) && sp.port === p.port)) {
            const ports = sspec.ports.filter(isObject).map((sp) => String(sp.port)).join(', ');
            ctx.report({
              resource: route,
              path: [...path, 'port'],
              message: `${id} attaches to port ${p.port} of Service ${ns}/${p.name}, which only exposes ${ports || 'no port'}: the route applies to no traffic`,
            });
          }
        });
      }
    }
  },
});
