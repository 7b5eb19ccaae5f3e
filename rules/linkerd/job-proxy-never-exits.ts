import { defineRule } from '../../src/engine/rule.js';
import { K } from '../../src/model/kinds.js';
import { isObject } from '../../src/parse/parse.js';
import { injectionOf, podConfig } from '../../src/graph/linkerd.js';

const NATIVE = ['config.beta.linkerd.io/proxy-enable-native-sidecar', 'config.alpha.linkerd.io/proxy-enable-native-sidecar', 'config.linkerd.io/proxy-enable-native-sidecar'];
const TRUE = new Set(['1', 't', 'T', 'TRUE', 'true', 'True']);

export default defineRule({
  id: 'linkerd-job-proxy-never-exits',
  severity: 'warning',
  category: 'linkerd',
  description: 'An injected Job or CronJob runs the Linkerd proxy as a regular sidecar and nothing shuts it down, so the pod never completes.',
  equivalents: [],
  inputs: [K.Job, K.CronJob],
  precision: 'medium',
  check(ctx) {
    for (const r of [...ctx.resources(K.Job), ...ctx.resources(K.CronJob)]) {
      const w = ctx.graph.workloadOf(r);
      if (!w || !injectionOf(ctx.graph, w).injected) continue;
      if (NATIVE.some((k) => TRUE.has(podConfig(ctx.graph, w, k) ?? ''))) continue;
      // The application ends the proxy itself: linkerd-await --shutdown, or a call to the admin /shutdown endpoint.
      const containers = Array.isArray(w.podSpec.containers) ? w.podSpec.containers : [];
      const text = JSON.stringify(containers.map((c) => (isObject(c) ? [c.command, c.args] : null)));
      if (/linkerd-await|\/shutdown/.test(text)) continue;
      const annotated = w.annotations['linkerd.io/inject'] !== undefined;
      ctx.report({
        resource: r,
        path: annotated ? [...w.templatePath, 'metadata', 'annotations', 'linkerd.io/inject'] : [...w.templatePath, 'spec'],
        message: `${r.kind} ${r.namespace}/${r.name} is injected with the Linkerd proxy, which keeps running after the job's container exits: the pod never completes. Set config.beta.linkerd.io/proxy-enable-native-sidecar: "true" (Kubernetes 1.29+), or end the proxy with linkerd-await --shutdown, or opt the job out of injection`,
      });
    }
  },
});
