import { defineRule } from '../../src/engine/rule.js';
import { objects, specOf } from '../../src/graph/istio-gateways.js';
import { isObject } from '../../src/parse/parse.js';
import { K } from '../../src/model/kinds.js';

const REMOVED_RBAC = new Set(['ClusterRbacConfig', 'RbacConfig', 'ServiceRole', 'ServiceRoleBinding']);
const CRD = 'apiextensions.k8s.io/CustomResourceDefinition';

export default defineRule({
  id: 'istio-deprecated-field',
  severity: 'warning',
  category: 'istio',
  description: 'A resource uses an Istio field or custom resource type that is deprecated or removed.',
  equivalents: ['IST0002@deprecation.DeprecationAnalyzer'],
  inputs: [K.VirtualService, K.Sidecar, CRD],
  precision: 'very-high',
  tags: ['deprecation'],
  check(ctx) {
    for (const vs of ctx.resources(K.VirtualService)) {
      for (const [route, i] of objects(specOf(vs).http)) {
        const delay = isObject(route.fault) && isObject(route.fault.delay) ? route.fault.delay : undefined;
        if (!delay || typeof delay.percent !== 'number' || delay.percent <= 0) continue;
        ctx.report({ resource: vs, path: ['spec', 'http', i, 'fault', 'delay', 'percent'], at: 'key', message: `VirtualService ${vs.namespace}/${vs.name} uses fault.delay.percent, which is deprecated: use fault.delay.percentage.value` });
        break;
      }
    }
    for (const sc of ctx.resources(K.Sidecar)) {
      const otp = specOf(sc).outboundTrafficPolicy;
      if (!isObject(otp) || otp.egressProxy === undefined || otp.egressProxy === null) continue;
      ctx.report({ resource: sc, path: ['spec', 'outboundTrafficPolicy', 'egressProxy'], at: 'key', message: `Sidecar ${sc.namespace}/${sc.name} sets outboundTrafficPolicy.egressProxy, which Istio ignores` });
    }
    for (const crd of ctx.resources(CRD)) {
      const spec = specOf(crd);
      const kind = isObject(spec.names) ? spec.names.kind : undefined;
      if (spec.group !== 'rbac.istio.io' || typeof kind !== 'string' || !REMOVED_RBAC.has(kind)) continue;
      ctx.report({ resource: crd, path: ['spec', 'names', 'kind'], message: `CustomResourceDefinition ${crd.name} defines rbac.istio.io ${kind}, a custom resource type Istio removed: migrate to AuthorizationPolicy and delete it` });
    }
  },
});
