import { defineRule } from '../../src/engine/rule.js';

const CRD = 'apiextensions.k8s.io/CustomResourceDefinition';
const MINIMUM: Record<string, [number, number, number]> = {
  'grpcroutes.gateway.networking.k8s.io': [1, 1, 0],
  'backendtlspolicies.gateway.networking.k8s.io': [1, 4, 0],
  'tlsroutes.gateway.networking.k8s.io': [1, 5, 0],
  'tcproutes.gateway.networking.k8s.io': [1, 6, 0],
};

function semver(v: string): [number, number, number] | undefined {
  const m = /^v?(\d+)\.(\d+)\.(\d+)/.exec(v.trim());
  return m ? [Number(m[1]), Number(m[2]), Number(m[3])] : undefined;
}
const below = (a: number[], b: number[]) => a[0] !== b[0] ? a[0] < b[0] : a[1] !== b[1] ? a[1] < b[1] : a[2] < b[2];

export default defineRule({
  id: 'istio-gateway-api-crd-version',
  severity: 'warning',
  category: 'istio',
  description: 'A Gateway API CRD is older than the version Istio requires, so Istio ignores resources of that kind.',
  equivalents: ['IST0176'],
  inputs: [CRD],
  precision: 'very-high',
  tags: ['gateway-api', 'upgrade'],
  check(ctx) {
    for (const crd of ctx.resources(CRD)) {
      const min = MINIMUM[crd.name];
      const raw = crd.annotations['gateway.networking.k8s.io/bundle-version'];
      const v = raw !== undefined ? semver(raw) : undefined;
      if (!min || !v || !below(v, min)) continue;
      ctx.report({
        resource: crd,
        path: ['metadata', 'annotations', 'gateway.networking.k8s.io/bundle-version'],
        message: `Gateway API CRD ${crd.name} is at version ${raw}, but Istio requires at least v${min.join('.')}: resources of this kind are not processed; upgrade the Gateway API CRDs`,
      });
    }
  },
});
