import { defineRule } from '../../src/engine/rule.js';
import { K } from '../../src/model/kinds.js';

export default defineRule({
  id: 'linkerd-sp-service-not-found',
  severity: 'warning',
  category: 'linkerd',
  description: 'A ServiceProfile is named after a Service that does not exist, so it never applies to any traffic.',
  equivalents: [],
  inputs: [K.ServiceProfile],
  precision: 'high',
  tags: ['reference'],
  check(ctx) {
    for (const sp of ctx.resources(K.ServiceProfile)) {
      for (const ref of ctx.graph.referencesFrom(sp, 'profiles')) {
        if (ref.resolved.length > 0) continue;
        const { namespace, name } = ref.target;
        const elsewhere = ctx.graph.named(K.Service, name).filter((s) => s.namespace !== namespace);
        // Only a namespace the inputs describe says the Service is really missing; otherwise it may be deployed from elsewhere.
        const known = ctx.graph.isNamespaceKnown(namespace) && ctx.graph.inNamespace(K.Service, namespace).length > 0;
        const hint = elsewhere.length ? `; a Service "${name}" exists in namespace ${elsewhere[0].namespace}` : '';
        ctx.report({
          resource: sp,
          path: ref.path,
          severity: known ? 'warning' : 'info',
          message: `ServiceProfile ${sp.namespace}/${sp.name} profiles Service ${namespace}/${name}, which is ${known ? 'not defined' : 'not in the inputs'}; the profile applies only if that Service exists${hint}`,
          related: elsewhere.slice(0, 3).map((s) => ({ resource: s, path: ['metadata', 'name'], message: `Service ${s.namespace}/${s.name}` })),
        });
      }
    }
  },
});
