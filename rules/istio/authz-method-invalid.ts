import { defineRule } from '../../src/engine/rule.js';
import { K } from '../../src/model/kinds.js';
import { authzPolicies, operationFields } from '../../src/graph/istio-authz.js';

const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'CONNECT', 'OPTIONS', 'TRACE', 'PATCH'];

function valid(m: string): boolean {
  const u = m.toUpperCase();
  if (u === '*') return true;
  if (u.endsWith('*')) return METHODS.some((x) => x.startsWith(u.slice(0, -1)));
  if (u.startsWith('*')) return METHODS.some((x) => x.endsWith(u.slice(1)));
  return METHODS.includes(u);
}

export default defineRule({
  id: 'istio-authz-method-invalid',
  severity: 'warning',
  category: 'istio',
  description: 'An AuthorizationPolicy lists something that is not an HTTP method in operation.methods, so it never matches.',
  equivalents: ['KIA0102'],
  inputs: [K.AuthorizationPolicy],
  precision: 'very-high',
  tags: ['authz'],
  check(ctx) {
    for (const p of authzPolicies(ctx.graph)) {
      const ap = p.resource;
      for (const f of operationFields(p, ['methods', 'notMethods'])) {
        f.values.forEach((m, i) => {
          if (typeof m === 'string' && m !== '' && valid(m)) return;
          const grpc = typeof m === 'string' && (m.includes('/') || m.includes('.'));
          ctx.report({
            resource: ap,
            path: [...f.path, i],
            message: `AuthorizationPolicy ${ap.namespace}/${ap.name} lists method ${JSON.stringify(m)} in ${f.key}, which is not an HTTP method: it never matches${grpc ? ' (gRPC methods go in paths, as "/package.Service/Method"; gRPC requests are POST)' : ''}`,
          });
        });
      }
    }
  },
});
