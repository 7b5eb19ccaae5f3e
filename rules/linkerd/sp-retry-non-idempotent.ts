import { defineRule } from '../../src/engine/rule.js';
import { profileRoutes } from '../../src/graph/linkerd.js';
import { K } from '../../src/model/kinds.js';
import { isObject } from '../../src/parse/parse.js';

const GRPC_PATH = /^\/(?:[A-Za-z_][\w]*\\?\.)+[A-Za-z_]\w*\/[^/]+$/;
const NON_IDEMPOTENT = new Set(['POST', 'PATCH']);

/** The methods a route condition can match, or undefined when it may match any method. */
function methodsOf(cond: unknown): Set<string> | undefined {
  if (!isObject(cond)) return undefined;
  let result: Set<string> | undefined;
  const intersect = (s: Set<string> | undefined) => {
    if (!s) return;
    result = result ? new Set([...result].filter((m) => s.has(m))) : s;
  };
  if (typeof cond.method === 'string' && cond.method) intersect(new Set([cond.method.toUpperCase()]));
  if (Array.isArray(cond.all)) for (const c of cond.all) intersect(methodsOf(c));
  if (Array.isArray(cond.any) && cond.any.length) {
    const parts = cond.any.map(methodsOf);
    if (parts.every((p) => p)) intersect(new Set(parts.flatMap((p) => [...(p as Set<string>)])));
  }
  return result;
}

export default defineRule({
  id: 'linkerd-sp-retry-non-idempotent',
  severity: 'info',
  category: 'linkerd',
  description: 'A ServiceProfile route marks POST or PATCH requests as retryable, so a failed write may be applied twice.',
  equivalents: [],
  inputs: [K.ServiceProfile],
  precision: 'medium',
  check(ctx) {
    for (const sp of ctx.resources(K.ServiceProfile)) {
      for (const { route, name, path } of profileRoutes(sp)) {
        if (route.isRetryable !== true) continue;
        // gRPC calls are all POST: their idempotency is the method's business, not the verb's.
        if (isObject(route.condition) && typeof route.condition.pathRegex === 'string' && GRPC_PATH.test(route.condition.pathRegex)) continue;
        const methods = methodsOf(route.condition);
        const bad = methods ? [...methods].filter((m) => NON_IDEMPOTENT.has(m)) : [];
        if (!bad.length) continue;
        ctx.report({
          resource: sp,
          path: [...path, 'isRetryable'],
          message: `ServiceProfile ${sp.namespace}/${sp.name} route "${name}" retries ${bad.join('/')} requests, which are not idempotent: a write that failed after reaching the server may be applied twice`,
        });
      }
    }
  },
});
