import { defineRule } from '../../src/engine/rule.js';
import { K } from '../../src/model/kinds.js';
import { isObject } from '../../src/parse/parse.js';

export default defineRule({
  id: 'linkerd-route-parent-not-server',
  severity: 'error',
  category: 'linkerd',
  description: 'A policy.linkerd.io HTTPRoute/GRPCRoute parentRef is not a Server (kind defaults to Gateway), is in another namespace, or names a Server that is not defined, so the route is ignored.',
  equivalents: [],
  inputs: [K.LinkerdHTTPRoute, K.LinkerdGRPCRoute],
  precision: 'high',
  tags: ['reference'],
  check(ctx) {
    for (const kindKey of [K.LinkerdHTTPRoute, K.LinkerdGRPCRoute]) {
      for (const route of ctx.resources(kindKey)) {
        const id = `${route.kind} ${route.namespace}/${route.name}`;
        const spec = isObject(route.body.spec) ? route.body.spec : {};
        const raws = Array.isArray(spec.parentRefs) ? spec.parentRefs : [];
        for (const ref of ctx.graph.referencesFrom(route, 'attaches-to')) {
          const i = ref.path[2] as number;
          const raw = isObject(raws[i]) ? raws[i] : {};
          const { kindKey: target, namespace, name } = ref.target;
          // Outbound policy parents; a Service with a wrong group is linkerd-route-parent-service-invalid's.
          if (target === K.Service || target === 'policy.linkerd.io/EgressNetwork' || raw.kind === 'Service') continue;
          if (target !== K.LinkerdServer) {
            const kindWritten = typeof raw.kind === 'string' && raw.kind !== '';
            if (kindWritten && raw.group === 'gateway.networking.k8s.io') continue; // consumed by a Gateway implementation
            ctx.report({
              resource: route,
              path: ['spec', 'parentRefs', i, kindWritten ? 'kind' : 'name'],
              message: `${id} has parentRef "${name}" of kind ${kindWritten ? String(raw.kind) : 'Gateway (the default when kind is omitted)'}: Linkerd attaches policy routes only to kind: Server (or a Service, group ""), so the route is ignored`,
            });
            continue;
          }
          if (namespace !== route.namespace) {
            ctx.report({ resource: route, path: ['spec', 'parentRefs', i, 'namespace'], message: `${id} attaches to Server ${namespace}/${name} in another namespace: Linkerd attaches a route only to Servers of its own namespace, so it is ignored` });
            continue;
          }
          if (ref.resolved.length) continue;
          const described = ctx.graph.inNamespace(K.LinkerdServer, namespace).length > 0;
          ctx.report({
            resource: route,
            path: ref.path,
            severity: described ? 'error' : 'info',
            message: `${id} attaches to Server ${namespace}/${name}, which is ${described ? 'not defined' : 'not in the inputs'}: the route applies to nothing`,
          });
        }
      }
    }
  },
});
