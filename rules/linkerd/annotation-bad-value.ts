import { defineRule } from '../../src/engine/rule.js';
import { resourceLabel } from '../../src/model/kinds.js';
import { metadataSites, parsePortList, parseQuantity, proxyAnnotationError } from '../../src/graph/linkerd.js';

const OPAQUE = 'config.linkerd.io/opaque-ports';
const WAIT = 'config.alpha.linkerd.io/proxy-wait-before-exit-seconds';

export default defineRule({
  id: 'linkerd-annotation-bad-value',
  severity: 'error',
  category: 'linkerd',
  description: 'A Linkerd proxy configuration annotation has a value Linkerd cannot parse (port, duration, quantity, enum, boolean), or contradicts another one, so it is ignored or breaks injection.',
  equivalents: [],
  inputs: [],
  precision: 'high',
  check(ctx) {
    for (const site of metadataSites(ctx.graph)) {
      const r = site.resource;
      const who = resourceLabel(r);
      const at = (key: string) => [...site.metaPath, 'annotations', key];
      if (site.scope === 'service') {
        const v = site.annotations[OPAQUE];
        if (v === undefined) continue;
        const { bad, names } = parsePortList(v, { names: true });
        if (bad.length)
          ctx.report({ resource: r, path: at(OPAQUE), message: `${who} has ${OPAQUE}: "${v}" with invalid entries ${bad.map((b) => `"${b}"`).join(', ')}: Linkerd's policy controller then drops the whole list, so no port is treated as opaque` });
        else if (names.length)
          ctx.report({ resource: r, path: at(OPAQUE), severity: 'warning', message: `${who} lists port names (${names.join(', ')}) in ${OPAQUE}: Linkerd's policy controller accepts only numbers and ranges on a Service and drops the whole list; write the port numbers` });
        continue;
      }
      if (site.scope !== 'pod' && site.scope !== 'namespace') continue;
      for (const [key, value] of Object.entries(site.annotations)) {
        const err = proxyAnnotationError(key, value);
        if (err) ctx.report({ resource: r, path: at(key), message: `${who} sets ${key}: "${value}": ${err}; Linkerd ignores the value (or fails to inject) and keeps the default` });
      }
      for (const res of ['cpu', 'memory', 'ephemeral-storage']) {
        const reqKey = `config.linkerd.io/proxy-${res}-request`;
        const limKey = `config.linkerd.io/proxy-${res}-limit`;
        // A pod inherits the keys it lacks from its namespace.
        const ns = site.scope === 'pod' ? (ctx.graph.namespaceResource(r.namespace)?.annotations ?? {}) : {};
        const req = site.annotations[reqKey] ?? ns[reqKey];
        const lim = site.annotations[limKey] ?? ns[limKey];
        if (req === undefined || lim === undefined || (site.annotations[reqKey] === undefined && site.annotations[limKey] === undefined)) continue;
        const a = parseQuantity(req);
        const b = parseQuantity(lim);
        if (a !== undefined && b !== undefined && a > b) {
          const inherited = site.annotations[reqKey] === undefined ? ' (request from the namespace)' : site.annotations[limKey] === undefined ? ' (limit from the namespace)' : '';
          ctx.report({ resource: r, path: at(site.annotations[reqKey] !== undefined ? reqKey : limKey), message: `${who} requests ${req} of ${res} for the proxy but limits it to ${lim}${inherited}: a request above the limit makes the pod invalid, so it is never created` });
        }
      }
      const wait = site.annotations[WAIT];
      if (wait !== undefined && /^\d+$/.test(wait) && site.workload) {
        const grace = site.workload.podSpec.terminationGracePeriodSeconds;
        const g = typeof grace === 'number' ? grace : 30;
        if (Number(wait) >= g)
          ctx.report({ resource: r, path: at(WAIT), severity: 'warning', message: `${who} delays proxy shutdown by ${wait}s, not less than its terminationGracePeriodSeconds (${g}${typeof grace === 'number' ? '' : ', the default'}): the pod is killed before the proxy exits cleanly` });
      }
    }
  },
});
