import { defineRule } from '../../src/engine/rule.js';
import { K } from '../../src/model/kinds.js';
import { serverPort } from '../../src/graph/linkerd.js';

// The injected proxy container declares these itself.
const PROXY_PORT_NAMES = new Set(['linkerd-admin', 'linkerd-proxy']);
const PROXY_PORTS = new Set([4191, 4143]);

export default defineRule({
  id: 'linkerd-server-port-not-found',
  severity: 'error',
  category: 'linkerd',
  description: 'A Linkerd Server names a port that no selected container declares (a port name that matches nothing, or a quoted number, which Linkerd reads as a name), so the Server never applies.',
  equivalents: [],
  inputs: [K.LinkerdServer],
  precision: 'high',
  tags: ['reference'],
  check(ctx) {
    for (const srv of ctx.resources(K.LinkerdServer)) {
      const port = serverPort(srv);
      if (!port) continue;
      const pods = ctx.graph.referencesFrom(srv, 'selects').flatMap((r) => r.resolved);
      if (!pods.length) continue;
      const workloads = pods.map((p) => ctx.graph.workloadOf(p)).filter((w) => w !== undefined);
      const tcp = workloads.flatMap((w) => w.containerPorts.filter((p) => p.protocol === 'TCP'));
      const id = `Server ${srv.namespace}/${srv.name}`;
      const names = [...new Set(workloads.map((w) => `${w.resource.kind} ${w.resource.name}`))].slice(0, 3).join(', ');
      if (port.name !== undefined) {
        if (PROXY_PORT_NAMES.has(port.name) || tcp.some((p) => p.name === port.name)) continue;
        const asNumber = /^\d+$/.test(port.name) ? ` ("${port.name}" is quoted, so Linkerd reads it as a port name: write port: ${port.name} without quotes)` : '';
        ctx.report({
          resource: srv,
          path: ['spec', 'port'],
          message: `${id} names port "${port.name}", but no container of the pods it selects (${names}) declares a TCP port with that name${asNumber}: the Server never applies`,
        });
      } else if (port.number !== undefined) {
        if (PROXY_PORTS.has(port.number) || tcp.some((p) => p.containerPort === port.number) || workloads.every((w) => w.containerPorts.length === 0)) continue;
        // Pods may listen on undeclared ports, so a number is only a warning.
        ctx.report({
          resource: srv,
          path: ['spec', 'port'],
          severity: 'warning',
          message: `${id} applies to port ${port.number}, which no container of the pods it selects (${names}) declares (they declare ${[...new Set(tcp.map((p) => p.containerPort))].join(', ') || 'no TCP port'}): check the port, or traffic on the real port stays under the default policy`,
        });
      }
    }
  },
});
