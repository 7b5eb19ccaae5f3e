import { defineRule } from '../../src/engine/rule.js';
import { K } from '../../src/model/kinds.js';
import { isObject } from '../../src/parse/parse.js';
import { identityError, parseCidr } from '../../src/graph/linkerd.js';

export default defineRule({
  id: 'linkerd-extworkload-invalid',
  severity: 'warning',
  category: 'linkerd',
  description: 'A Linkerd ExternalWorkload has no usable mesh identity, no workload IP, invalid IPs or ports, or duplicate port names, so it cannot be reached or authenticated through the mesh.',
  equivalents: [],
  inputs: [K.LinkerdExternalWorkload],
  precision: 'high',
  check(ctx) {
    for (const ew of ctx.resources(K.LinkerdExternalWorkload)) {
      const spec = isObject(ew.body.spec) ? ew.body.spec : {};
      const id = `ExternalWorkload ${ew.namespace}/${ew.name}`;
      const rep = (path: (string | number)[], message: string, severity?: 'error') => ctx.report({ resource: ew, path, message: `${id} ${message}`, ...(severity ? { severity } : {}) });
      if (!isObject(spec.meshTLS)) rep(['spec'], 'has no meshTLS (identity and serverName are required): it cannot join the mesh', 'error');
      else {
        const { identity, serverName } = spec.meshTLS;
        if (typeof identity !== 'string' || !identity) rep(['spec', 'meshTLS'], 'has no meshTLS.identity', 'error');
        else {
          const err = identityError(identity);
          if (err) rep(['spec', 'meshTLS', 'identity'], `has meshTLS.identity "${identity}", which is not a valid identity (${err}): clients cannot authenticate it`);
        }
        if (typeof serverName !== 'string' || !serverName) rep(['spec', 'meshTLS'], 'has no meshTLS.serverName', 'error');
      }
      if (!Array.isArray(spec.workloadIPs) || spec.workloadIPs.length === 0) rep(Array.isArray(spec.workloadIPs) ? ['spec', 'workloadIPs'] : ['spec'], 'has no workloadIPs: it is not routable');
      else {
        if (spec.workloadIPs.length > 2) rep(['spec', 'workloadIPs'], 'has more than 2 workloadIPs (one per IP family)', 'error');
        spec.workloadIPs.forEach((w, i) => {
          const ip = isObject(w) ? w.ip : undefined;
          if (typeof ip !== 'string' || !parseCidr(ip) || ip.includes('/')) rep(['spec', 'workloadIPs', i], `has workloadIPs[${i}] ${JSON.stringify(ip ?? w)}, which is not an IP address`, 'error');
        });
      }
      if (Array.isArray(spec.ports)) {
        const names = new Map<string, number>();
        spec.ports.forEach((p, i) => {
          if (!isObject(p)) return;
          if (typeof p.port !== 'number' || !Number.isInteger(p.port) || p.port < 1 || p.port > 65535) rep(['spec', 'ports', i, 'port'], `has port ${JSON.stringify(p.port)} outside 1-65535`, 'error');
          if (typeof p.name === 'string') {
            if (names.has(p.name)) rep(['spec', 'ports', i, 'name'], `declares port name "${p.name}" twice: Services targeting it by name are ambiguous`);
            names.set(p.name, i);
          }
        });
      }
    }
  },
});
