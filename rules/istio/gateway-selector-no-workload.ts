import { defineRule } from '../../src/engine/rule.js';
import { gatewayPods, gatewaySelector, specOf } from '../../src/graph/istio-gateways.js';
import { istioPodsMatching } from '../../src/graph/istio-workloads.js';
import { similarNames } from '../../src/graph/istio-registry.js';
import { formatSelector } from '../../src/graph/selectors.js';
import { K } from '../../src/model/kinds.js';

const STANDARD_GATEWAYS = new Set(['ingressgateway', 'egressgateway', 'eastwestgateway']);

export default defineRule({
  id: 'istio-gateway-selector-no-workload',
  severity: 'warning',
  category: 'istio',
  description: 'An Istio Gateway selects no gateway workload, so none of its servers is configured anywhere.',
  equivalents: ['IST0101@gateway.IngressGatewayPortAnalyzer', 'IST0101@gateway.SecretAnalyzer', 'KIA0302'],
  inputs: [K.IstioGateway],
  precision: 'medium',
  tags: ['reference', 'gateway'],
  check(ctx) {
    for (const gw of ctx.resources(K.IstioGateway)) {
      if (gatewayPods(ctx.graph, gw).length > 0) continue;
      const sel = gatewaySelector(gw);
      // Some workload shares part of the selector: likely a typo. Otherwise the gateway deployment is elsewhere.
      // Gateways of the Istio installation itself (ingress, egress, east-west) live outside app repositories.
      const standard = Object.keys(sel.matchLabels).length === 1 && STANDARD_GATEWAYS.has(sel.matchLabels.istio ?? '');
      const near = !standard && Object.entries(sel.matchLabels).some(
        ([k, v]) =>
          istioPodsMatching(ctx.graph, { matchLabels: { [k]: v }, matchExpressions: [] }).length > 0 ||
          istioPodsMatching(ctx.graph, { matchLabels: {}, matchExpressions: [{ key: k, operator: 'Exists', values: [] }] }).some((p) => similarNames(p.labels[k], v)),
      );
      ctx.report({
        resource: gw,
        ...(near ? {} : { severity: 'info' as const }),
        path: specOf(gw).selector !== undefined ? ['spec', 'selector'] : ['spec'],
        message: `Gateway ${gw.namespace}/${gw.name} selects pods labelled ${formatSelector(sel)}, but no workload in the inputs (in any namespace) carries those labels: no proxy serves this Gateway`,
      });
    }
  },
});
