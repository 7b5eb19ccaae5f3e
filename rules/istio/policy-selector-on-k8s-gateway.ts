import { defineRule } from '../../src/engine/rule.js';
import { specOf } from '../../src/graph/istio-gateways.js';
import { istioPodsInNamespace, policySelector } from '../../src/graph/istio-workloads.js';
import { K } from '../../src/model/kinds.js';

const GW_LABEL = 'gateway.networking.k8s.io/gateway-name';
const KINDS = [K.AuthorizationPolicy, K.RequestAuthentication, K.Telemetry, K.WasmPlugin];

export default defineRule({
  id: 'istio-policy-selector-on-k8s-gateway',
  severity: 'warning',
  category: 'istio',
  description: 'A policy selects the pods of a Gateway API gateway with a label selector, which Istio ignores there; it must use targetRef.',
  equivalents: ['IST0166'],
  inputs: KINDS,
  precision: 'high',
  tags: ['gateway-api'],
  check(ctx) {
    for (const kind of KINDS) {
      for (const r of ctx.resources(kind)) {
        const spec = specOf(r);
        if (spec.targetRef !== undefined) continue;
        const sel = policySelector(r);
        if (!sel || Object.keys(sel).length === 0) continue;
        // Gateway pods of the namespace: workloads carrying the gateway-name label.
        const gateways = new Set<string>();
        for (const pod of istioPodsInNamespace(ctx.graph, r.namespace)) {
          const gw = pod.labels[GW_LABEL];
          if (gw !== undefined && Object.entries(sel).every(([k, v]) => pod.labels[k] === v)) gateways.add(gw);
        }
        for (const gw of [...gateways].sort()) {
          ctx.report({
            resource: r,
            path: ['spec', 'selector'],
            message: `${r.kind} ${r.namespace}/${r.name} selects the pods of Kubernetes Gateway ${gw} with a label selector, which Istio ignores for Gateway API gateways: use targetRefs (kind: Gateway, name: ${gw}) instead`,
          });
        }
      }
    }
  },
});
