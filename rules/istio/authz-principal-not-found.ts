import { defineRule } from '../../src/engine/rule.js';
import { K } from '../../src/model/kinds.js';
import { authzPolicies, istioStringMatch, parsePrincipal, serviceAccountIdentities, sourceFields, trustDomains } from '../../src/graph/istio-authz.js';

export default defineRule({
  id: 'istio-authz-principal-not-found',
  severity: 'warning',
  category: 'istio',
  description: 'An AuthorizationPolicy principal names a ServiceAccount or trust domain that does not exist, so the rule never matches.',
  equivalents: ['KIA0106', 'KIA0108'],
  inputs: [K.AuthorizationPolicy],
  precision: 'high',
  tags: ['security', 'authz', 'reference'],
  check(ctx) {
    const { graph } = ctx;
    const identities = serviceAccountIdentities(graph);
    const domains = trustDomains(graph);
    const explicitMesh = graph.meshConfig.source !== 'default';
    for (const p of authzPolicies(graph)) {
      const ap = p.resource;
      for (const field of sourceFields(p, ['principals', 'notPrincipals'])) {
        field.values.forEach((raw, i) => {
          if (typeof raw !== 'string' || raw === '*' || raw === '') return;
          const path = [...field.path, i];
          const principal = raw.startsWith('spiffe://') ? raw.slice('spiffe://'.length) : raw;
          const parsed = parsePrincipal(principal);
          if (!parsed) return;
          const { trustDomain, namespace, serviceAccount } = parsed;
          if (!trustDomain.includes('*') && !domains.has(trustDomain)) {
            ctx.report({
              resource: ap,
              path,
              severity: explicitMesh ? 'warning' : 'info',
              message: `AuthorizationPolicy ${ap.namespace}/${ap.name} names principal "${raw}" in trust domain "${trustDomain}", but the mesh's trust domain is "${graph.meshConfig.trustDomain}"${explicitMesh ? '' : ' (the default; pass --mesh-config if yours differs)'}: peers from this mesh never carry that identity`,
            });
            return;
          }
          // Judge only namespaces whose identities the inputs describe (ServiceAccounts or workloads there).
          if (namespace.includes('*') || (graph.inNamespace(K.ServiceAccount, namespace).length === 0 && graph.workloadsInNamespace(namespace).length === 0)) return;
          if (serviceAccount.includes('*')) {
            const prefix = `${namespace}/`;
            if ([...identities].some((id) => (id.startsWith(prefix) || id.startsWith('*/')) && istioStringMatch(serviceAccount, id.slice(id.indexOf('/') + 1)))) return;
          } else if (serviceAccount === 'default' || identities.has(`${namespace}/${serviceAccount}`) || identities.has(`*/${serviceAccount}`)) return;
          const near = graph.named(K.ServiceAccount, serviceAccount).filter((sa) => sa.namespace !== namespace);
          const hint = near.length && !serviceAccount.includes('*') ? `; a ServiceAccount "${serviceAccount}" exists in namespace ${near[0].namespace}` : '';
          ctx.report({
            resource: ap,
            path,
            message: `AuthorizationPolicy ${ap.namespace}/${ap.name} names principal "${raw}", but no ServiceAccount "${serviceAccount}" exists in namespace ${namespace} and no workload there runs as it${hint}: the rule never matches`,
            related: near.slice(0, 3).map((sa) => ({ resource: sa, path: ['metadata', 'name'], message: `ServiceAccount ${sa.namespace}/${sa.name}` })),
          });
        });
      }
    }
  },
});
