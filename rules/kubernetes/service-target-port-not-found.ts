import { defineRule } from '../../src/engine/rule.js';
import { K } from '../../src/model/kinds.js';
import { isObject } from '../../src/parse/parse.js';

export default defineRule({
  id: 'k8s-service-target-port-not-found',
  severity: 'error',
  category: 'kubernetes',
  description: 'A Service targetPort names a port that the containers of the selected pods do not declare, so that port has no endpoints.',
  equivalents: ['KIA0701'],
  inputs: [K.Service],
  precision: 'very-high',
  tags: ['reference'],
  check(ctx) {
    for (const svc of ctx.resources(K.Service)) {
      const spec = isObject(svc.body.spec) ? svc.body.spec : {};
      if (!Array.isArray(spec.ports)) continue;
      const selected = ctx.graph.referencesFrom(svc, 'selects').flatMap((r) => r.resolved);
      if (selected.length === 0) continue;
      spec.ports.forEach((port, i) => {
        if (!isObject(port) || typeof port.targetPort !== 'string' || /^\d+$/.test(port.targetPort)) return;
        const name = port.targetPort;
        const protocol = typeof port.protocol === 'string' ? port.protocol : 'TCP';
        const missing = [];
        for (const r of selected) {
          const w = ctx.graph.workloadOf(r);
          if (!w) continue;
          if (!w.containerPorts.some((p) => p.name === name && p.protocol === protocol)) missing.push(w);
        }
        if (missing.length === 0) return;
        const first = missing[0];
        const sameName = first.containerPorts.find((p) => p.name === name);
        const declared = first.containerPorts.filter((p) => p.name).map((p) => p.name);
        const hint = sameName
          ? ` (it declares "${name}" with protocol ${sameName.protocol}, not ${protocol})`
          : declared.length
            ? ` (it declares ${declared.map((n) => `"${n}"`).join(', ')})`
            : ' (it declares no named port)';
        const who = missing.length === 1 ? `${first.resource.kind} ${first.resource.name}` : `${missing.length} selected pod templates, such as ${first.resource.kind} ${first.resource.name}`;
        ctx.report({
          resource: svc,
          path: ['spec', 'ports', i, 'targetPort'],
          message: `Service ${svc.namespace}/${svc.name} port ${String(port.name ?? port.port)} targets port "${name}", which ${who} does not declare${hint}: those pods get no traffic on this port`,
          related: missing.slice(0, 3).map((w) => ({ resource: w.resource, path: [...w.templatePath, 'spec', 'containers'], message: `${w.resource.kind} ${w.namespace}/${w.resource.name} containers` })),
        });
      });
    }
  },
});
