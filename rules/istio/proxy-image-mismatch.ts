import { defineRule } from '../../src/engine/rule.js';
import { objects, specOf } from '../../src/graph/istio-gateways.js';
import { injectorValues, istioPodsInNamespace, type IstioPod } from '../../src/graph/istio-workloads.js';
import { isObject } from '../../src/parse/parse.js';
import { parse } from 'yaml';
import { K } from '../../src/model/kinds.js';
import type { JsonObject } from '../../src/model/types.js';
import type { ResourceGraph } from '../../src/graph/graph.js';

function expectedImage(values: JsonObject): string | undefined {
  const g = isObject(values.global) ? values.global : {};
  const proxy = isObject(g.proxy) ? g.proxy : {};
  if (typeof proxy.image !== 'string') return undefined;
  if (proxy.image.includes('/')) return proxy.image;
  return `${String(g.hub ?? '')}/${proxy.image}:${String(g.tag ?? '')}`;
}

function imageTypeOf(cfg: unknown): string | undefined {
  return isObject(cfg) && isObject(cfg.image) && typeof cfg.image.imageType === 'string' ? cfg.image.imageType : undefined;
}

/** Image variant (distroless, debug, ...) in force for a pod, most specific setting last. */
function variantFor(graph: ResourceGraph, pod: IstioPod): string {
  let v = imageTypeOf(graph.meshConfig.defaultConfig) ?? '';
  const pcs = (ns: string) => graph.inNamespace(K.ProxyConfig, ns);
  for (const pc of pcs(graph.meshConfig.rootNamespace)) if (!isObject(specOf(pc).selector)) v = imageTypeOf(specOf(pc)) ?? v;
  if (pod.namespace !== graph.meshConfig.rootNamespace) for (const pc of pcs(pod.namespace)) if (!isObject(specOf(pc).selector)) v = imageTypeOf(specOf(pc)) ?? v;
  for (const pc of pcs(pod.namespace)) {
    const sel = specOf(pc).selector;
    if (!isObject(sel) || !isObject(sel.matchLabels)) continue;
    if (Object.entries(sel.matchLabels).every(([k, val]) => pod.labels[k] === String(val))) v = imageTypeOf(specOf(pc)) ?? v;
  }
  const ann = pod.annotations['proxy.istio.io/config'];
  if (ann) {
    try {
      v = imageTypeOf(parse(ann)) ?? v;
    } catch {
      /* istio-annotation-invalid reports it */
    }
  }
  return v === 'default' ? '' : v;
}

export default defineRule({
  id: 'istio-proxy-image-mismatch',
  severity: 'warning',
  category: 'istio',
  description: 'Pods in an injected namespace run an istio-proxy image other than the one the injector configures, typically after a control-plane upgrade.',
  equivalents: ['IST0158'],
  inputs: [K.Namespace],
  precision: 'high',
  tags: ['injection', 'upgrade'],
  check(ctx) {
    const { graph } = ctx;
    for (const ns of ctx.resources(K.Namespace)) {
      const rev = ns.labels['istio-injection'] === 'enabled' ? 'default' : ns.labels['istio.io/rev'];
      if (rev === undefined) continue;
      const values = injectorValues(graph, rev);
      const expected = values ? expectedImage(values) : undefined;
      if (!expected) continue;
      const stale: string[] = [];
      for (const pod of istioPodsInNamespace(graph, ns.name)) {
        if (pod.annotations['sidecar.istio.io/proxyImage'] !== undefined) continue;
        const variant = variantFor(graph, pod);
        const ok = new Set([expected, variant ? `${expected}-${variant}` : expected]);
        const bad = ['containers', 'initContainers'].some((key) =>
          objects(pod.podSpec[key]).some(([c]) => c.name === 'istio-proxy' && typeof c.image === 'string' && c.image !== 'auto' && !ok.has(c.image)),
        );
        if (bad) stale.push(pod.name);
      }
      if (stale.length === 0) continue;
      ctx.report({
        resource: ns,
        path: ['metadata', 'name'],
        message: `Namespace ${ns.name}: the istio-proxy image of pod(s) ${stale.sort().join(', ')} differs from ${expected}, the image the sidecar injector (revision ${rev}) configures; redeploy them after a control-plane upgrade`,
      });
    }
  },
});
