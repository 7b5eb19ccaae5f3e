import { defineRule } from '../../src/engine/rule.js';
import { gatewayPods, objects, specOf } from '../../src/graph/istio-gateways.js';
import { parseGatewayRef } from '../../src/graph/istio.js';
import { policySelector } from '../../src/graph/istio-workloads.js';
import { isObject } from '../../src/parse/parse.js';
import { K } from '../../src/model/kinds.js';

const CLAIM = /^@request\.auth\.claims(\.|\[)/i;

export default defineRule({
  id: 'istio-vs-jwt-claim-route-without-authn',
  severity: 'error',
  category: 'istio',
  description: 'A VirtualService routes on JWT claims at a gateway whose pods no RequestAuthentication covers, so the claims are never available and the routes never match.',
  equivalents: ['IST0149'],
  inputs: [K.VirtualService],
  precision: 'high',
  tags: ['security', 'routing'],
  check(ctx) {
    const { graph } = ctx;
    const rootNamespaces = new Set(['istio-system', ctx.settings.meshConfig.rootNamespace]);
    for (const vs of ctx.resources(K.VirtualService)) {
      const spec = specOf(vs);
      let claimKey: string | undefined;
      for (const [route] of objects(spec.http)) {
        for (const [m] of objects(route.match)) {
          for (const field of ['headers', 'withoutHeaders'] as const) {
            if (isObject(m[field])) claimKey ??= Object.keys(m[field]).find((k) => CLAIM.test(k));
          }
        }
      }
      if (!claimKey || !Array.isArray(spec.gateways)) continue;
      spec.gateways.forEach((entry, gi) => {
        if (typeof entry !== 'string') return;
        const ref = parseGatewayRef(entry, vs.namespace);
        const gw = ref && graph.get(K.IstioGateway, ref.namespace, ref.name);
        if (!gw) return;
        for (const pod of gatewayPods(graph, gw)) {
          const candidates = [...new Set([...rootNamespaces, pod.namespace])].flatMap((ns) => graph.inNamespace(K.RequestAuthentication, ns));
          const covered = candidates.some((ra) => {
            const sel = policySelector(ra);
            return !sel || Object.entries(sel).every(([k, v]) => pod.labels[k] === v);
          });
          if (covered) continue;
          ctx.report({
            resource: vs,
            path: ['spec', 'gateways', gi],
            message: `VirtualService ${vs.namespace}/${vs.name} routes on JWT claim "${claimKey}" at Gateway ${gw.namespace}/${gw.name}, but no RequestAuthentication applies to its pod ${pod.namespace}/${pod.name}: the token is never validated, so the claim is never available and the route never matches`,
          });
        }
      });
    }
  },
});
