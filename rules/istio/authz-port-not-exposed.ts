import { defineRule } from '../../src/engine/rule.js';
import { K } from '../../src/model/kinds.js';
import { isObject } from '../../src/parse/parse.js';
import { authzPolicies, authzWorkloads, operationFields } from '../../src/graph/istio-authz.js';

export default defineRule({
  id: 'istio-authz-port-not-exposed',
  severity: 'warning',
  category: 'istio',
  description: 'An AuthorizationPolicy names a port that none of its workloads listens on (often the Service port instead of the container port), so the rule never matches.',
  equivalents: [],
  inputs: [K.AuthorizationPolicy],
  precision: 'high',
  tags: ['authz'],
  check(ctx) {
    const { graph } = ctx;
    for (const p of authzPolicies(graph)) {
      const workloads = authzWorkloads(graph, p);
      // Only decidable when every selected workload declares its container ports.
      if (!workloads || workloads.length === 0 || !p.selector || workloads.some((w) => w.containerPorts.length === 0)) continue;
      const listening = new Set(workloads.flatMap((w) => w.containerPorts.map((c) => c.containerPort)));
      const ap = p.resource;
      for (const f of operationFields(p, ['ports', 'notPorts'])) {
        f.values.forEach((raw, i) => {
          const port = Number(raw);
          if (!Number.isInteger(port) || listening.has(port)) return;
          // Is it a Service port of these workloads? Then name the target port.
          let hint = '';
          for (const w of workloads) {
            for (const svc of graph.servicesSelecting(w)) {
              const sp = (isObject(svc.body.spec) && Array.isArray(svc.body.spec.ports) ? svc.body.spec.ports : []).find((x) => isObject(x) && x.port === port);
              if (!isObject(sp)) continue;
              const t = sp.targetPort;
              const target = typeof t === 'number' ? t : typeof t === 'string' ? (w.containerPorts.find((c) => c.name === t)?.containerPort ?? t) : port;
              hint = `; ${port} is the port of Service ${svc.namespace}/${svc.name}, which targets container port ${target}: AuthorizationPolicy ports are workload ports`;
              break;
            }
            if (hint) break;
          }
          ctx.report({
            resource: ap,
            path: [...f.path, i],
            message: `AuthorizationPolicy ${ap.namespace}/${ap.name} names port ${port} in ${f.key}, but the workloads it selects listen on ${[...listening].sort((a, b) => a - b).join(', ')}${hint}: ${f.key === 'ports' ? 'the rule never matches' : 'the exclusion has no effect'}`,
          });
        });
      }
    }
  },
});
