import { defineRule } from '../../src/engine/rule.js';
import { K } from '../../src/model/kinds.js';
import type { Path } from '../../src/model/types.js';
import { isObject } from '../../src/parse/parse.js';
import { parseGoDuration } from '../../src/graph/linkerd.js';

const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

type Report = (path: Path, message: string) => void;

/** pkg/profiles ValidateRequestMatch / ValidateResponseMatch: a match sets a field; list items are not null. */
function checkMatch(m: Record<string, unknown>, path: Path, response: boolean, what: string, report: Report): void {
  let set = false;
  for (const listKey of ['all', 'any'] as const) {
    const list = m[listKey];
    if (list === undefined || list === null) continue;
    set = true;
    if (!Array.isArray(list)) continue;
    list.forEach((child, i) => {
      if (child === null || child === undefined) report([...path, listKey, i], `${what} has a null condition "${listKey}"`);
      else if (isObject(child)) checkMatch(child, [...path, listKey, i], response, what, report);
    });
  }
  if (isObject(m.not)) {
    set = true;
    checkMatch(m.not, [...path, 'not'], response, what, report);
  }
  if (response) {
    if (isObject(m.status)) {
      set = true;
      const { min, max } = m.status;
      const lo = typeof min === 'number' ? min : 0;
      const hi = typeof max === 'number' ? max : 0;
      if (lo !== 0 && (lo < 100 || lo > 599)) report([...path, 'status', 'min'], `${what} has a status range minimum ${lo} outside 100-599`);
      if (hi !== 0 && (hi < 100 || hi > 599)) report([...path, 'status', 'max'], `${what} has a status range maximum ${hi} outside 100-599`);
      if (lo !== 0 && hi !== 0 && hi < lo) report([...path, 'status', 'max'], `${what} has a status range whose maximum ${hi} is smaller than its minimum ${lo}`);
    }
  } else {
    if (typeof m.method === 'string' && m.method !== '') set = true;
    if (typeof m.pathRegex === 'string' && m.pathRegex !== '') set = true;
  }
  if (!set) report(path, `${what} has a ${response ? 'response' : 'request'} match with no field set (${response ? 'all, any, not or status' : 'all, any, method, not or pathRegex'})`);
}

export default defineRule({
  id: 'linkerd-sp-invalid',
  severity: 'error',
  category: 'linkerd',
  description: "A ServiceProfile breaks one of the sp-validator webhook's rules (name, routes, conditions, response classes, timeouts, retry budget), so it is denied.",
  equivalents: [],
  inputs: [K.ServiceProfile],
  precision: 'very-high',
  tags: ['schema'],
  check(ctx) {
    for (const sp of ctx.resources(K.ServiceProfile)) {
      const id = `ServiceProfile ${sp.namespace}/${sp.name}`;
      const report: Report = (path, message) => ctx.report({ resource: sp, path, message: `${message}; Linkerd's sp-validator webhook denies it` });
      if (!DNS1123_SUBDOMAIN.test(sp.name) || sp.name.length > 253)
        report(['metadata', 'name'], `${id} has an invalid name: "${sp.name}" is not a lowercase RFC 1123 subdomain`);
      const spec = isObject(sp.body.spec) ? sp.body.spec : {};
      if (Array.isArray(spec.routes)) {
        spec.routes.forEach((route, i) => {
          const rp: Path = ['spec', 'routes', i];
          if (route === null || route === undefined) return report(rp, `${id} has a null route`);
          if (!isObject(route)) return;
          const rid = typeof route.name === 'string' && route.name ? `${id} route "${route.name}"` : `${id} route ${i + 1}`;
          if (route.name === undefined || route.name === null || route.name === '') report(route.name === undefined ? rp : [...rp, 'name'], `${id} has a route with no name`);
          if (typeof route.timeout === 'string' && parseGoDuration(route.timeout) === undefined)
            report([...rp, 'timeout'], `${rid} has an invalid timeout "${route.timeout}" (a Go duration such as 500ms, 10s or 1m30s)`);
          if (route.condition === undefined || route.condition === null) report(route.condition === null ? [...rp, 'condition'] : rp, `${rid} has no condition`);
          else if (isObject(route.condition)) checkMatch(route.condition, [...rp, 'condition'], false, rid, report);
          if (Array.isArray(route.responseClasses)) {
            route.responseClasses.forEach((rc, j) => {
              const cp: Path = [...rp, 'responseClasses', j];
              if (rc === null || rc === undefined) return report(cp, `${rid} has a null response class`);
              if (!isObject(rc)) return;
              if (rc.condition === undefined || rc.condition === null) report(rc.condition === null ? [...cp, 'condition'] : cp, `${rid} has a response class with no condition`);
              else if (isObject(rc.condition)) checkMatch(rc.condition, [...cp, 'condition'], true, `${rid} response class ${j + 1}`, report);
            });
          }
        });
      }
      if (isObject(spec.retryBudget)) {
        const rb = spec.retryBudget;
        const bp: Path = ['spec', 'retryBudget'];
        if (typeof rb.retryRatio === 'number' && rb.retryRatio < 0) report([...bp, 'retryRatio'], `${id} has a negative retryBudget.retryRatio ${rb.retryRatio}`);
        for (const req of ['retryRatio', 'minRetriesPerSecond'])
          if (rb[req] === undefined) report(bp, `${id} has a retryBudget without ${req}, which the ServiceProfile CRD requires`);
        if (rb.ttl === undefined || rb.ttl === null || rb.ttl === '') report(rb.ttl === undefined ? bp : [...bp, 'ttl'], `${id} has a retryBudget without ttl`);
        else if (typeof rb.ttl === 'string' && parseGoDuration(rb.ttl) === undefined)
          report([...bp, 'ttl'], `${id} has an invalid retryBudget.ttl "${rb.ttl}" (a Go duration such as 10s)`);
      }
    }
  },
});
