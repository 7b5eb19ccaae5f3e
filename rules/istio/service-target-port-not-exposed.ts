import { defineRule } from '../../src/engine/rule.js';
import { isObject } from '../../src/parse/parse.js';
import { equalitySelector, isEmptySelector } from '../../src/graph/selectors.js';

export default defineRule({
  id: 'istio-service-target-port-not-exposed',
  severity: 'info',
  category: 'istio',
  description: 'A Service port targets a container port number that none of the selected pod templates declares.',
  equivalents: [],
  inputs: ['Service'],
  precision: 'high',
  tags: ['reference'],
  check(ctx) {
    const { graph } = ctx;
    const skip = new Set([graph.meshConfig.rootNamespace, 'kube-system']);
    for (const svc of ctx.resources('Service')) {
      if (skip.has(svc.namespace)) continue;
      const spec = isObject(svc.body.spec) ? svc.body.spec : {};
      if (!Array.isArray(spec.ports)) continue;
      const sel = equalitySelector(spec.selector);
      if (!sel || isEmptySelector(sel)) continue;
      const workloads = graph.workloadsMatching(svc.namespace, sel);
      // Decidable only when every selected pod template declares its ports.
      if (workloads.length === 0 || workloads.some((w) => w.containerPorts.length === 0)) continue;
      const names = new Set(workloads.flatMap((w) => w.containerPorts.map((c) => c.name).filter((n): n is string => !!n)));
      const numbers = new Set(workloads.flatMap((w) => w.containerPorts.map((c) => c.containerPort)));
      const first = workloads[0];
      const who = `${first.resource.kind} ${first.namespace}/${first.resource.name}${workloads.length > 1 ? ` and ${workloads.length - 1} more` : ''}`;
      spec.ports.forEach((p, i) => {
        if (!isObject(p)) return;
        const target = p.targetPort ?? p.port;
        const path = p.targetPort !== undefined ? ['spec', 'ports', i, 'targetPort'] : ['spec', 'ports', i, 'port'];
        // A named targetPort no container declares is k8s-service-target-port-not-found's finding.
        if (typeof target === 'string' && !/^\d+$/.test(target)) return;
        const n = Number(target);
        if (!Number.isInteger(n) || numbers.has(n)) return;
        ctx.report({
          resource: svc,
          path,
          severity: 'info',
          message: `Service ${svc.namespace}/${svc.name} port ${String(p.name ?? p.port)} targets container port ${n}, but ${who} declare${workloads.length > 1 ? '' : 's'} only ${[...numbers].sort((a, b) => a - b).join(', ')}: check that the application listens on ${n}`,
        });
      });
    }
  },
});
