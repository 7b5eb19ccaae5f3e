import { defineRule } from '../../src/engine/rule.js';
import { K } from '../../src/model/kinds.js';
import { isObject } from '../../src/parse/parse.js';
import { DEFAULT_OPAQUE_PORTS, OPAQUE_PORTS, inRanges, injectionOf, parsePortList, podOpaquePorts, targetContainerPort } from '../../src/graph/linkerd.js';

export default defineRule({
  id: 'linkerd-opaque-ports-asymmetric',
  severity: 'warning',
  category: 'linkerd',
  description: 'A port is marked opaque on a Service but not on the meshed pods it targets, or the reverse, so clients and servers disagree on protocol detection (10-second stalls, closed connections).',
  equivalents: [],
  inputs: [K.Service],
  precision: 'high',
  check(ctx) {
    for (const svc of ctx.resources(K.Service)) {
      const spec = isObject(svc.body.spec) ? svc.body.spec : {};
      if (spec.clusterIP === 'None' || !Array.isArray(spec.ports)) continue;
      const svcValue = svc.annotations[OPAQUE_PORTS] ?? ctx.graph.namespaceResource(svc.namespace)?.annotations[OPAQUE_PORTS];
      // Clients treat a Service's ports as opaque per its annotation (else its namespace's, else the
      // install default). A port opaque only by default is not reported as "marked" by the Service.
      const svcExplicit = svcValue === undefined ? undefined : parsePortList(svcValue).ranges;
      const svcOpaque = svcExplicit ?? DEFAULT_OPAQUE_PORTS;
      const pods = ctx.graph.referencesFrom(svc, 'selects').flatMap((r) => r.resolved);
      const reported = new Set<string>();
      for (const pod of pods) {
        const w = ctx.graph.workloadOf(pod);
        if (!w || !injectionOf(ctx.graph, w).injected) continue;
        const podOpaque = podOpaquePorts(ctx.graph, w);
        spec.ports.forEach((sp, i) => {
          if (!isObject(sp) || typeof sp.port !== 'number' || (sp.protocol !== undefined && sp.protocol !== 'TCP')) return;
          const target = targetContainerPort(w, sp);
          if (target === undefined || !w.containerPorts.some((p) => p.containerPort === target)) return;
          const podSays = inRanges(target, podOpaque.ranges);
          const svcSays = podSays ? inRanges(sp.port, svcOpaque) : svcExplicit !== undefined && inRanges(sp.port, svcExplicit);
          if (svcSays === podSays) return;
          // Without any annotation both sides fall back to the same install default.
          if (svcValue === undefined && !podOpaque.explicit) return;
          const key = `${i}:${w.resource.uid}`;
          if (reported.has(key)) return;
          reported.add(key);
          const wid = `${w.resource.kind} ${w.resource.namespace}/${w.resource.name}`;
          if (svcSays)
            ctx.report({
              resource: svc,
              path: svc.annotations[OPAQUE_PORTS] !== undefined ? ['metadata', 'annotations', OPAQUE_PORTS] : ['spec', 'ports', i, 'port'],
              message: `Service ${svc.namespace}/${svc.name} marks port ${sp.port} opaque, but ${wid} does not mark its target port ${target} opaque: add ${target} to the pod template's ${OPAQUE_PORTS} annotation`,
              related: [{ resource: w.resource, path: [...w.templatePath, 'metadata'], message: wid }],
            });
          else
            ctx.report({
              resource: svc,
              path: ['spec', 'ports', i, 'port'],
              message: `Service ${svc.namespace}/${svc.name} targets the opaque port ${target} of ${wid} through port ${sp.port}, which the Service does not mark opaque: add ${sp.port} to the Service's ${OPAQUE_PORTS} annotation`,
              related: [{ resource: w.resource, path: [...w.templatePath, 'metadata'], message: wid }],
            });
        });
      }
    }
  },
});
