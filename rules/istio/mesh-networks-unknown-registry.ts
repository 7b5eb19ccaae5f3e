import { defineRule } from '../../src/engine/rule.js';
import { objects } from '../../src/graph/istio-gateways.js';
import { isObject } from '../../src/parse/parse.js';
import { K } from '../../src/model/kinds.js';
import { parse } from 'yaml';

export default defineRule({
  id: 'istio-mesh-networks-unknown-registry',
  severity: 'error',
  category: 'istio',
  description: 'A meshNetworks endpoint names a service registry (cluster) that is neither built in nor provided by a remote secret in the inputs.',
  equivalents: ['IST0126'],
  inputs: [K.ConfigMap],
  precision: 'medium',
  tags: ['multicluster'],
  check(ctx) {
    const { graph } = ctx;
    const cm = graph.ofKind(K.ConfigMap).find((r) => r.name === 'istio' && isObject(r.body.data) && typeof r.body.data.meshNetworks === 'string');
    if (!cm) return;
    let networks: unknown;
    try {
      networks = parse((cm.body.data as Record<string, string>).meshNetworks);
    } catch {
      return;
    }
    if (!isObject(networks) || !isObject(networks.networks)) return;
    const known = new Set(['Mock', 'Kubernetes', 'External']);
    for (const s of graph.ofKind(K.Secret)) {
      if (s.labels['istio/multiCluster'] !== 'true') continue;
      for (const k of Object.keys(isObject(s.body.data) ? s.body.data : {})) known.add(k);
      for (const k of Object.keys(isObject(s.body.stringData) ? s.body.stringData : {})) known.add(k);
    }
    for (const [net, spec] of Object.entries(networks.networks)) {
      if (!isObject(spec)) continue;
      for (const [ep] of objects(spec.endpoints)) {
        if (typeof ep.fromRegistry !== 'string' || known.has(ep.fromRegistry)) continue;
        ctx.report({
          resource: cm,
          path: ['data', 'meshNetworks'],
          message: `meshNetworks network "${net}" takes endpoints from registry "${ep.fromRegistry}", which is neither built in (Kubernetes, External) nor the cluster name of a remote secret (label istio/multiCluster=true) in the inputs: those endpoints are never discovered`,
        });
      }
    }
  },
});
