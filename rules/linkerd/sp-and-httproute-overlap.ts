import { defineRule } from '../../src/engine/rule.js';
import { K } from '../../src/model/kinds.js';
import { isObject } from '../../src/parse/parse.js';
import { meshRoutesByService } from '../../src/graph/linkerd.js';

const POLICY_ANNOTATION = /^(retry\.linkerd\.io|timeout\.linkerd\.io)\/|^balancer\.linkerd\.io\/failure-accrual/;

export default defineRule({
  id: 'linkerd-sp-and-httproute-overlap',
  severity: 'warning',
  category: 'linkerd',
  description: 'A Service has both a ServiceProfile (with routes or dstOverrides) and outbound policy (an HTTPRoute/GRPCRoute with the Service as parent, or retry/timeout/failure-accrual annotations); the proxy uses the ServiceProfile and ignores the rest.',
  equivalents: [],
  inputs: [K.ServiceProfile],
  precision: 'high',
  check(ctx) {
    const routes = meshRoutesByService(ctx.graph);
    for (const sp of ctx.resources(K.ServiceProfile)) {
      const spec = isObject(sp.body.spec) ? sp.body.spec : {};
      const active = (Array.isArray(spec.routes) && spec.routes.length > 0) || (Array.isArray(spec.dstOverrides) && spec.dstOverrides.length > 0);
      if (!active) continue;
      for (const ref of ctx.graph.referencesFrom(sp, 'profiles')) {
        for (const svc of ref.resolved) {
          const attached = routes.get(`${svc.namespace}/${svc.name}`) ?? [];
          const annotations = Object.keys(svc.annotations).filter((k) => POLICY_ANNOTATION.test(k));
          if (!attached.length && !annotations.length) continue;
          const what = [
            ...attached.slice(0, 2).map((a) => `${a.route.kind} ${a.route.namespace}/${a.route.name}`),
            ...(annotations.length ? [`the annotations ${annotations.join(', ')}`] : []),
          ].join(' and ');
          ctx.report({
            resource: sp,
            path: ['metadata', 'name'],
            message: `ServiceProfile ${sp.namespace}/${sp.name} and ${what} both configure Service ${svc.namespace}/${svc.name}: the proxy uses the ServiceProfile and ignores the route policy, retries, timeouts and circuit breaking; keep one of them`,
            related: [
              ...attached.slice(0, 3).map((a) => ({ resource: a.route, path: ['spec', 'parentRefs', a.index], message: `${a.route.kind} ${a.route.namespace}/${a.route.name}` })),
              ...(annotations.length ? [{ resource: svc, path: ['metadata', 'annotations', annotations[0]], message: `Service ${svc.namespace}/${svc.name}` }] : []),
            ],
          });
        }
      }
    }
  },
});
