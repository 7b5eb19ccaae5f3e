import { defineRule } from '../../src/engine/rule.js';
import { K } from '../../src/model/kinds.js';
import { listenerConflicts, listenersOf } from '../../src/graph/gateway-api.js';

export default defineRule({
  id: 'gateway-api-listener-conflict',
  severity: 'error',
  category: 'gateway-api',
  description:
    'A ListenerSet listener conflicts with a listener of its Gateway or of an earlier ListenerSet (same port with an incompatible protocol, or the same port, protocol and hostname): Conflicted=True, and it is not programmed.',
  equivalents: [],
  inputs: [K.ListenerSet],
  precision: 'high',
  tags: ['listener'],
  check(ctx) {
    for (const gw of ctx.resources(K.Gateway)) {
      const conflicts = listenerConflicts(ctx.graph, gw);
      const lost = new Map<number, number>();
      for (const c of conflicts) lost.set(c.listener.owner.uid, (lost.get(c.listener.owner.uid) ?? 0) + 1);
      for (const c of conflicts) {
        const { listener: l, winner: w } = c;
        const owner = l.owner;
        const all = lost.get(owner.uid) === listenersOf(ctx.graph, owner).length;
        const what =
          c.reason === 'ProtocolConflict'
            ? `port ${l.port} is already served with protocol ${w.protocol}, incompatible with ${l.protocol}`
            : `port ${l.port}, protocol ${l.protocol} and ${l.hostname ? `hostname ${l.hostname}` : 'no hostname'} are already taken`;
        ctx.report({
          resource: owner,
          path: [...l.path, c.reason === 'ProtocolConflict' ? 'protocol' : l.hostname ? 'hostname' : 'port'],
          message: `${owner.kind} ${owner.namespace}/${owner.name} listener ${l.name} would be rejected: Conflicted=True (${c.reason}): ${what} by listener ${w.name} of ${w.owner.kind} ${w.owner.namespace}/${w.owner.name}, which takes precedence${all ? `; with no valid listener left the ${owner.kind} is not accepted (ListenersNotValid)` : ''}`,
          related: [{ resource: w.owner, path: w.path, message: `listener ${w.name} of ${w.owner.kind} ${w.owner.namespace}/${w.owner.name}` }],
        });
      }
    }
  },
});
