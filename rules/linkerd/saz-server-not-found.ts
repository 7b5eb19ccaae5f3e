import { defineRule } from '../../src/engine/rule.js';
import { K } from '../../src/model/kinds.js';

export default defineRule({
  id: 'linkerd-saz-server-not-found',
  severity: 'warning',
  category: 'linkerd',
  description: 'A ServerAuthorization names a Server that is not defined, or its server selector matches no Server, so it authorizes nothing.',
  equivalents: [],
  inputs: [K.LinkerdServerAuthorization],
  precision: 'high',
  tags: ['reference'],
  check(ctx) {
    for (const saz of ctx.resources(K.LinkerdServerAuthorization)) {
      for (const ref of ctx.graph.referencesFrom(saz, 'authorizes')) {
        if (ref.resolved.length) continue;
        const described = ctx.graph.inNamespace(K.LinkerdServer, saz.namespace).length > 0;
        const what = ref.target.name === '{selector}' ? 'selects Servers by labels, but none matches' : `names Server "${ref.target.name}", which is not defined`;
        ctx.report({
          resource: saz,
          path: ref.path,
          severity: described ? 'warning' : 'info',
          message: `ServerAuthorization ${saz.namespace}/${saz.name} ${what}${described ? '' : ' (no Server of this namespace is in the inputs)'}: it authorizes nothing`,
        });
      }
    }
  },
});
