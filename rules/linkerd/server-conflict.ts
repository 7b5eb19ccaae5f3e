import { defineRule } from '../../src/engine/rule.js';
import { K } from '../../src/model/kinds.js';
import type { Resource } from '../../src/model/types.js';
import { serverPort } from '../../src/graph/linkerd.js';

export default defineRule({
  id: 'linkerd-server-conflict',
  severity: 'error',
  category: 'linkerd',
  description: 'Two Linkerd Servers select the same pod and port; Linkerd uses only one of them and skips the other ("Port already matched by another server").',
  equivalents: [],
  inputs: [K.LinkerdServer],
  precision: 'high',
  check(ctx) {
    // (workload, container port) → the Servers claiming it, in namespace order.
    const claims = new Map<string, Resource[]>();
    const workloadOfKey = new Map<string, string>();
    for (const srv of ctx.resources(K.LinkerdServer)) {
      const port = serverPort(srv);
      if (!port) continue;
      const pods = ctx.graph.referencesFrom(srv, 'selects').flatMap((r) => r.resolved);
      for (const pod of pods) {
        const w = ctx.graph.workloadOf(pod);
        if (!w) continue;
        const numbers = new Set<number>();
        if (port.number !== undefined) numbers.add(port.number);
        else for (const p of w.containerPorts) if (p.name === port.name && p.protocol === 'TCP') numbers.add(p.containerPort);
        for (const n of numbers) {
          const key = `${pod.uid}:${n}`;
          workloadOfKey.set(key, `${w.resource.kind} ${w.resource.name}`);
          const list = claims.get(key);
          if (list) {
            // The same Server defined twice (two overlays, two files) is one object in the cluster.
            if (!list.some((o) => o.namespace === srv.namespace && o.name === srv.name)) list.push(srv);
          } else claims.set(key, [srv]);
        }
      }
    }
    const reported = new Set<string>();
    for (const [key, servers] of claims) {
      if (servers.length < 2) continue;
      // Linkerd keeps the oldest Server (then by name); offline, the alphabetically first one wins.
      const sorted = [...servers].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
      const [winner, ...losers] = sorted;
      const port = key.split(':')[1];
      const workload = workloadOfKey.get(key) ?? 'a pod';
      for (const loser of losers) {
        const id = `${loser.uid}:${winner.uid}`;
        if (reported.has(id)) continue;
        reported.add(id);
        ctx.report({
          resource: loser,
          path: ['spec', 'port'],
          message: `Server ${loser.namespace}/${loser.name} selects port ${port} of ${workload}, which Server ${winner.namespace}/${winner.name} already selects: Linkerd applies only one Server per pod port (the older one, then by name) and skips the other with its authorizations`,
          related: [{ resource: winner, path: ['spec', 'port'], message: `Server ${winner.namespace}/${winner.name}` }],
        });
      }
    }
  },
});
