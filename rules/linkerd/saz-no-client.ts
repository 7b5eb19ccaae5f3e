import { defineRule } from '../../src/engine/rule.js';
import { K } from '../../src/model/kinds.js';
import { isObject } from '../../src/parse/parse.js';

export default defineRule({
  id: 'linkerd-saz-no-client',
  severity: 'error',
  category: 'linkerd',
  description: 'A ServerAuthorization client authorizes nobody (neither unauthenticated nor meshTLS, or meshTLS without identities, serviceAccounts or unauthenticatedTLS), so Linkerd drops it.',
  equivalents: [],
  inputs: [K.LinkerdServerAuthorization],
  precision: 'very-high',
  check(ctx) {
    for (const saz of ctx.resources(K.LinkerdServerAuthorization)) {
      const spec = isObject(saz.body.spec) ? saz.body.spec : {};
      const id = `ServerAuthorization ${saz.namespace}/${saz.name}`;
      if (!isObject(spec.client)) continue; // required by the CRD: the API server refuses it
      const c = spec.client;
      if (c.unauthenticated !== true && !isObject(c.meshTLS)) {
        ctx.report({ resource: saz, path: ['spec', 'client'], message: `${id} sets neither client.unauthenticated: true nor client.meshTLS: Linkerd drops it ("no client authentication configured")` });
        continue;
      }
      if (isObject(c.meshTLS)) {
        const m = c.meshTLS;
        const ids = Array.isArray(m.identities) ? m.identities.length : 0;
        const sas = Array.isArray(m.serviceAccounts) ? m.serviceAccounts.length : 0;
        if (!ids && !sas && m.unauthenticatedTLS !== true)
          ctx.report({ resource: saz, path: ['spec', 'client', 'meshTLS'], message: `${id} has client.meshTLS without identities, serviceAccounts or unauthenticatedTLS: true: it authorizes no client and Linkerd drops it` });
      }
    }
  },
});
