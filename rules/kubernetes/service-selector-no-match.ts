import { defineRule } from '../../src/engine/rule.js';
import { K } from '../../src/model/kinds.js';
import { isObject } from '../../src/parse/parse.js';
import { equalitySelector, formatSelector } from '../../src/graph/selectors.js';
import type { ResourceGraph } from '../../src/graph/graph.js';

const ROUTE_KINDS = ['HTTPRoute', 'GRPCRoute', 'TCPRoute', 'TLSRoute', 'UDPRoute'].flatMap((k) => [`gateway.networking.k8s.io/${k}`, `policy.linkerd.io/${k}`]);

/**
 * Apex Services (`ns/name`): the `spec.service` of an SMI TrafficSplit, or a Service a mesh route
 * attaches to (GAMMA parentRefs of kind Service). The mesh sends their traffic to the backends,
 * so they need no pods of their own.
 */
function apexServices(graph: ResourceGraph): Set<string> {
  return graph.memo('k8s:apex-services', () => {
    const out = new Set<string>();
    for (const ts of graph.ofKind('split.smi-spec.io/TrafficSplit')) {
      const svc = isObject(ts.body.spec) ? ts.body.spec.service : undefined;
      if (typeof svc === 'string') out.add(`${ts.namespace}/${svc.split('.')[0]}`);
    }
    for (const kind of ROUTE_KINDS) {
      for (const route of graph.ofKind(kind)) {
        const refs = isObject(route.body.spec) ? route.body.spec.parentRefs : undefined;
        if (!Array.isArray(refs)) continue;
        for (const ref of refs) {
          if (isObject(ref) && ref.kind === 'Service' && typeof ref.name === 'string') {
            out.add(`${typeof ref.namespace === 'string' ? ref.namespace : route.namespace}/${ref.name}`);
          }
        }
      }
    }
    return out;
  });
}

export default defineRule({
  id: 'k8s-service-selector-no-match',
  severity: 'warning',
  category: 'kubernetes',
  description: 'A Service selector matches no pod template in the inputs, so the Service has no endpoints.',
  equivalents: [],
  inputs: [K.Service],
  precision: 'high',
  tags: ['reference'],
  check(ctx) {
    for (const svc of ctx.resources(K.Service)) {
      for (const ref of ctx.graph.referencesFrom(svc, 'selects')) {
        if (ref.resolved.length > 0) continue;
        const spec = isObject(svc.body.spec) ? svc.body.spec : {};
        const sel = equalitySelector(spec.selector);
        if (!sel) continue;
        const workloads = ctx.graph.workloadsInNamespace(svc.namespace);
        // Without any workload in the namespace the pods are evidently deployed from elsewhere.
        if (workloads.length === 0) continue;
        // Argo Rollouts label pods at run time (canary/preview metadata, experiments).
        if (workloads.some((w) => w.resource.group === 'argoproj.io')) continue;
        if (apexServices(ctx.graph).has(`${svc.namespace}/${svc.name}`)) continue;
        // The closest miss: a workload carrying most of the selector's labels.
        let best: { w: (typeof workloads)[number]; hits: number } | undefined;
        for (const w of workloads) {
          const hits = Object.entries(sel.matchLabels).filter(([k, v]) => w.labels[k] === v).length;
          if (hits > 0 && (!best || hits > best.hits)) best = { w, hits };
        }
        let hint = '';
        let culprit: string | undefined;
        if (best) {
          const wrong = Object.entries(sel.matchLabels).find(([k, v]) => best!.w.labels[k] !== v);
          if (wrong) {
            culprit = wrong[0];
            const has = best.w.labels[wrong[0]];
            hint = `; ${best.w.resource.kind} ${best.w.resource.name} has ${has === undefined ? `no label "${wrong[0]}"` : `${wrong[0]}=${has}`}`;
          }
        }
        if (svc.namespaceDefaulted) {
          const elsewhere = ctx.graph.knownNamespaces().filter((ns) => ns !== svc.namespace).map((ns) => ctx.graph.workloadsMatching(ns, sel)[0]).find(Boolean);
          if (elsewhere) hint = `; ${elsewhere.resource.kind} ${elsewhere.namespace}/${elsewhere.resource.name} matches, but the Service names no namespace and lands in ${svc.namespace}`;
        }
        ctx.report({
          resource: svc,
          path: culprit ? ['spec', 'selector', culprit] : ref.path,
          message: `Service ${svc.namespace}/${svc.name} selects {${formatSelector(sel)}}, which matches no pod template in the inputs: the Service has no endpoints${hint}`,
          ...(best ? { related: [{ resource: best.w.resource, path: [...best.w.templatePath, 'metadata', 'labels'], message: `closest pod template: ${best.w.resource.kind} ${best.w.namespace}/${best.w.resource.name}` }] } : {}),
        });
      }
    }
  },
});
