import { defineRule } from '../../src/engine/rule.js';
import { objects } from '../../src/graph/istio-gateways.js';
import { K } from '../../src/model/kinds.js';

export default defineRule({
  id: 'istio-jwks-uri-fetch-unrestricted',
  severity: 'warning',
  category: 'istio',
  description: 'RequestAuthentications exist but istiod has no BLOCKED_CIDRS_IN_JWKS_URIS, so a jwksUri can make istiod fetch from internal networks.',
  equivalents: ['IST0175'],
  inputs: [K.RequestAuthentication],
  precision: 'high',
  tags: ['security', 'control-plane'],
  check(ctx) {
    const ras = ctx.resources(K.RequestAuthentication);
    if (ras.length === 0) return;
    const names = ras.map((r) => `${r.namespace}/${r.name}`).sort();
    const listed = names.length > 5 ? `${names.slice(0, 5).join(', ')}, and ${names.length - 5} more` : names.join(', ');
    for (const d of ctx.resources(K.Deployment)) {
      if (d.labels.app !== 'istiod') continue;
      const w = ctx.graph.workloadOf(d);
      if (!w) continue;
      const set = objects(w.podSpec.containers).some(([c]) => objects(c.env).some(([e]) => e.name === 'BLOCKED_CIDRS_IN_JWKS_URIS' && typeof e.value === 'string' && e.value !== ''));
      if (set) continue;
      ctx.report({
        resource: d,
        path: ['metadata', 'name'],
        message: `Deployment ${d.namespace}/${d.name} (istiod) does not set BLOCKED_CIDRS_IN_JWKS_URIS, but ${ras.length} RequestAuthentication(s) exist (${listed}): istiod fetches any jwksUri, including internal addresses; set it to the networks istiod must not reach`,
      });
    }
  },
});
