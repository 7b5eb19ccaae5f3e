import { defineRule } from '../../src/engine/rule.js';
import { gatewayPods, gatewaySelector, objects, specOf } from '../../src/graph/istio-gateways.js';
import { servicesSelectingPod, type IstioPod } from '../../src/graph/istio-workloads.js';
import { formatSelector } from '../../src/graph/selectors.js';
import { isObject } from '../../src/parse/parse.js';
import { K } from '../../src/model/kinds.js';

/** Container port number named `name` in the pod, for named targetPorts. */
function namedPort(pod: IstioPod, name: string): number | undefined {
  for (const [c] of objects(pod.podSpec.containers)) {
    for (const [p] of objects(c.ports)) if (p.name === name && typeof p.containerPort === 'number') return p.containerPort;
  }
  return undefined;
}

export default defineRule({
  id: 'istio-gateway-port-not-in-service',
  severity: 'warning',
  category: 'istio',
  description: 'An Istio Gateway listens on a port that no Service of its gateway workload exposes, so clients cannot reach it.',
  equivalents: ['IST0162'],
  inputs: [K.IstioGateway],
  precision: 'high',
  tags: ['gateway'],
  check(ctx) {
    for (const gw of ctx.resources(K.IstioGateway)) {
      const pods = gatewayPods(ctx.graph, gw);
      if (pods.length === 0) continue; // istio-gateway-selector-no-workload
      const ports = new Set<number>();
      let services = 0;
      for (const pod of pods) {
        for (const svc of servicesSelectingPod(ctx.graph, pod)) {
          services++;
          for (const p of svc.ports) {
            const protocol = typeof p.protocol === 'string' ? p.protocol : 'TCP';
            if (protocol !== 'TCP' || typeof p.port !== 'number') continue;
            ports.add(p.port);
            if (typeof p.targetPort === 'number') ports.add(p.targetPort);
            else if (typeof p.targetPort === 'string') {
              const n = /^\d+$/.test(p.targetPort) ? Number(p.targetPort) : namedPort(pod, p.targetPort);
              if (n !== undefined) ports.add(n);
            }
          }
        }
      }
      if (services === 0) continue; // a gateway workload without a Service in the inputs: nothing to compare
      for (const [server, i] of objects(specOf(gw).servers)) {
        const num = isObject(server.port) ? server.port.number : undefined;
        if (typeof num !== 'number' || ports.has(num)) continue;
        ctx.report({
          resource: gw,
          path: ['spec', 'servers', i, 'port', 'number'],
          message: `Gateway ${gw.namespace}/${gw.name} listens on port ${num}, but no Service of its workload (pods labelled ${formatSelector(gatewaySelector(gw))}) exposes it as a port or targetPort: the server is unreachable through the gateway Service`,
        });
      }
    }
  },
});
