import { defineRule } from '../../src/engine/rule.js';
import { K } from '../../src/model/kinds.js';
import type { Resource } from '../../src/model/types.js';
import { parseLinkerdDuration } from '../../src/graph/linkerd.js';

const GRPC_CONDITIONS = ['cancelled', 'deadline-exceeded', 'internal', 'resource-exhausted', 'unavailable'];
const KINDS = [K.Service, K.HTTPRoute, K.GRPCRoute, K.LinkerdHTTPRoute, 'policy.linkerd.io/EgressNetwork'];

function httpConditions(v: string): string | undefined {
  for (const c of v.split(',').map((s) => s.trim())) {
    if (c === '5xx' || c === 'gateway-error') continue;
    const m = /^(\d{3})(?:-(\d{3}))?$/.exec(c);
    if (m && Number(m[1]) >= 100 && Number(m[1]) <= 599 && (!m[2] || (Number(m[2]) >= Number(m[1]) && Number(m[2]) <= 599))) continue;
    return `invalid retry condition "${c}" (expected 5xx, gateway-error, a status code 100-599 or a range like 500-504)`;
  }
  return undefined;
}

const duration = (v: string) => {
  const d = parseLinkerdDuration(v);
  return 'error' in d ? d.error : undefined;
};

const CHECKS: Record<string, (v: string) => string | undefined> = {
  'retry.linkerd.io/http': httpConditions,
  'retry.linkerd.io/grpc': (v) => {
    const bad = v.split(',').map((s) => s.trim()).find((c) => !GRPC_CONDITIONS.includes(c));
    return bad !== undefined ? `unknown gRPC retry condition "${bad}" (expected ${GRPC_CONDITIONS.join(', ')})` : undefined;
  },
  'retry.linkerd.io/limit': (v) => (/^\d+$/.test(v.trim()) && Number(v) <= 65535 ? undefined : 'expected an integer 0-65535'),
  'retry.linkerd.io/timeout': duration,
  'timeout.linkerd.io/request': duration,
  'timeout.linkerd.io/response': duration,
  'timeout.linkerd.io/idle': duration,
  'balancer.linkerd.io/failure-accrual': (v) => (v === 'consecutive' || v === 'unified' ? undefined : 'unsupported failure accrual mode (expected consecutive or unified)'),
  'balancer.linkerd.io/failure-accrual-consecutive-max-failures': (v) => (/^\d+$/.test(v.trim()) && Number(v) > 0 ? undefined : 'expected a positive integer'),
  'balancer.linkerd.io/failure-accrual-consecutive-max-penalty': duration,
  'balancer.linkerd.io/failure-accrual-consecutive-min-penalty': duration,
  'balancer.linkerd.io/failure-accrual-consecutive-jitter-ratio': (v) => (/^\d*\.?\d+$/.test(v.trim()) && Number(v) <= 100 ? undefined : 'expected a number between 0 and 100'),
};

export default defineRule({
  id: 'linkerd-retry-timeout-annotation-bad',
  severity: 'error',
  category: 'linkerd',
  description: "A Linkerd retry, timeout or failure-accrual annotation on a Service or route has a value Linkerd's policy controller cannot parse, so the Service's or route's outbound policy is rejected.",
  equivalents: [],
  inputs: KINDS,
  precision: 'very-high',
  check(ctx) {
    for (const kindKey of KINDS) {
      for (const r of ctx.resources(kindKey)) check(r);
    }
    function check(r: Resource) {
      const id = `${r.kind} ${r.namespace}/${r.name}`;
      for (const [key, value] of Object.entries(r.annotations)) {
        const c = CHECKS[key];
        const err = c?.(value);
        if (err) ctx.report({ resource: r, path: ['metadata', 'annotations', key], message: `${id} sets ${key}: "${value}": ${err}; Linkerd rejects the ${r.kind === 'Service' ? "Service's outbound policy" : 'route'} and its retries/timeouts do not apply` });
      }
      const min = r.annotations['balancer.linkerd.io/failure-accrual-consecutive-min-penalty'];
      const max = r.annotations['balancer.linkerd.io/failure-accrual-consecutive-max-penalty'];
      if (min !== undefined && max !== undefined) {
        const a = parseLinkerdDuration(min);
        const b = parseLinkerdDuration(max);
        if ('ms' in a && 'ms' in b && a.ms > b.ms)
          ctx.report({ resource: r, path: ['metadata', 'annotations', 'balancer.linkerd.io/failure-accrual-consecutive-min-penalty'], message: `${id} has a failure-accrual min-penalty (${min}) greater than its max-penalty (${max}); Linkerd rejects the configuration` });
      }
    }
  },
});
