import { defineRule } from '../../src/engine/rule.js';
import { WORKLOAD_KINDS } from '../../src/model/kinds.js';
import { DEFAULT_OPAQUE_PORTS, OPAQUE_PORTS, inRanges, injectionOf, parsePortList, podConfig, podOpaquePorts } from '../../src/graph/linkerd.js';

/** Protocols where the server talks first: the proxy's protocol detection waits 10s for the client. */
const SERVER_FIRST: Record<number, string> = {
  21: 'FTP', 22: 'SSH', 25: 'SMTP', 110: 'POP3', 143: 'IMAP', 587: 'SMTP submission', 3306: 'MySQL', 4222: 'NATS', 4444: 'Galera',
  5432: 'PostgreSQL', 6222: 'NATS cluster', 6379: 'Redis', 9300: 'Elasticsearch transport', 11211: 'Memcached',
};

export default defineRule({
  id: 'linkerd-server-speaks-first-port',
  severity: 'info',
  category: 'linkerd',
  description: 'A meshed pod serves a server-speaks-first protocol (MySQL, SMTP, NATS, ...) on a port that is not opaque or skipped, so connections stall for 10 seconds in protocol detection.',
  equivalents: [],
  inputs: [...WORKLOAD_KINDS],
  precision: 'medium',
  check(ctx) {
    for (const w of ctx.graph.workloads) {
      if (!injectionOf(ctx.graph, w).injected) continue;
      const opaque = podOpaquePorts(ctx.graph, w);
      const skipped = parsePortList(podConfig(ctx.graph, w, 'config.linkerd.io/skip-inbound-ports') ?? '', { min: 0 }).ranges;
      for (const p of w.containerPorts) {
        const proto = SERVER_FIRST[p.containerPort];
        if (!proto || p.protocol !== 'TCP' || inRanges(p.containerPort, opaque.ranges) || inRanges(p.containerPort, skipped)) continue;
        const r = w.resource;
        const why = inRanges(p.containerPort, DEFAULT_OPAQUE_PORTS)
          ? `it is opaque by default, but ${OPAQUE_PORTS}: "${opaque.value}" replaces the default list without it`
          : 'it is not in the default opaque ports';
        ctx.report({
          resource: r,
          path: [...p.path, 'containerPort'],
          message: `${r.kind} ${r.namespace}/${r.name} serves ${proto} on port ${p.containerPort}, a server-speaks-first protocol, and ${why}: connections wait 10s for protocol detection; add it to ${OPAQUE_PORTS}`,
        });
      }
    }
  },
});
