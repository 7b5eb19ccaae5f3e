import { defineRule } from '../../src/engine/rule.js';
import { isObject } from '../../src/parse/parse.js';
import { equalitySelector, isEmptySelector } from '../../src/graph/selectors.js';
import { namespaceWithoutSidecars, sidecarState } from '../../src/graph/istio-mtls.js';

const KNOWN = new Set(['grpc', 'grpc-web', 'http', 'http2', 'https', 'mongo', 'redis', 'tcp', 'tls', 'udp', 'mysql', 'h2c', 'kubernetes.io/h2c', 'kubernetes.io/ws', 'kubernetes.io/wss']);

export default defineRule({
  id: 'istio-service-app-protocol',
  severity: 'warning',
  category: 'istio',
  description: 'A Service port of a mesh workload sets an appProtocol Istio does not recognise, so Istio treats the port as opaque TCP.',
  equivalents: ['KIA0602'],
  inputs: ['Service'],
  precision: 'high',
  tags: ['protocol'],
  check(ctx) {
    const { graph } = ctx;
    const istioInputs = graph.resources.some((r) => r.group.endsWith('istio.io'));
    for (const svc of ctx.resources('Service')) {
      const spec = isObject(svc.body.spec) ? svc.body.spec : {};
      if (!Array.isArray(spec.ports)) continue;
      const sel = equalitySelector(spec.selector);
      if (!sel || isEmptySelector(sel)) continue;
      const workloads = graph.workloadsMatching(svc.namespace, sel);
      // In-mesh only: not when every selected workload (or the namespace) is known to run without sidecars.
      if (workloads.length > 0 ? workloads.every((w) => sidecarState(graph, w) === 'none') : !istioInputs || namespaceWithoutSidecars(graph, svc.namespace)) continue;
      spec.ports.forEach((p, i) => {
        if (!isObject(p) || typeof p.appProtocol !== 'string') return;
        const ap = p.appProtocol.toLowerCase();
        // Domain-prefixed values (`example.com/proto`) are implementation-specific by Kubernetes' design.
        if (KNOWN.has(ap) || ap.includes('/')) return;
        ctx.report({
          resource: svc,
          path: ['spec', 'ports', i, 'appProtocol'],
          message: `Service ${svc.namespace}/${svc.name} port ${String(p.name ?? p.port)} sets appProtocol "${p.appProtocol}", which Istio does not recognise: the port is handled as opaque TCP, so HTTP routing, retries, metrics and HTTP authorization do not apply (use http, http2, grpc, tcp, tls, ...)`,
        });
      });
    }
  },
});
