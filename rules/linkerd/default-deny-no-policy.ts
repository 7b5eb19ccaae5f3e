import { defineRule } from '../../src/engine/rule.js';
import { K } from '../../src/model/kinds.js';
import { isObject } from '../../src/parse/parse.js';
import { injectionOf, podConfig, serverAccessPolicy, serverIsAuthorized, serversOf, targetContainerPort } from '../../src/graph/linkerd.js';

const POLICY = 'config.linkerd.io/default-inbound-policy';

export default defineRule({
  id: 'linkerd-default-deny-no-policy',
  severity: 'warning',
  category: 'linkerd',
  description: 'A Service sends traffic to a meshed pod port that Linkerd denies to every client: the pod defaults to deny and no Server covers the port, or the Server covering it denies by default and nothing authorizes it.',
  equivalents: [],
  inputs: [K.Service],
  precision: 'high',
  check(ctx) {
    for (const svc of ctx.resources(K.Service)) {
      const spec = isObject(svc.body.spec) ? svc.body.spec : {};
      if (!Array.isArray(spec.ports)) continue;
      const pods = ctx.graph.referencesFrom(svc, 'selects').flatMap((r) => r.resolved);
      const seen = new Set<string>();
      for (const pod of pods) {
        const w = ctx.graph.workloadOf(pod);
        if (!w || !injectionOf(ctx.graph, w).injected) continue;
        const servers = serversOf(ctx.graph, w);
        const wid = `${w.resource.kind} ${w.resource.namespace}/${w.resource.name}`;
        spec.ports.forEach((sp, i) => {
          if (!isObject(sp) || (sp.protocol !== undefined && sp.protocol !== 'TCP')) return;
          const target = targetContainerPort(w, sp);
          if (target === undefined) return;
          const covering = servers.filter((s) => s.ports.has(target));
          if (!covering.length) {
            if (podConfig(ctx.graph, w, POLICY) !== 'deny') return;
            const key = `default:${w.resource.uid}:${target}`;
            if (seen.has(key)) return;
            seen.add(key);
            ctx.report({
              resource: svc,
              path: ['spec', 'ports', i],
              message: `Service ${svc.namespace}/${svc.name} sends traffic to port ${target} of ${wid}, whose default-inbound-policy is deny and which no Server covers: Linkerd refuses every connection; add a Server for the port and an AuthorizationPolicy`,
              related: [{ resource: w.resource, path: [...w.templatePath, 'metadata'], message: wid }],
            });
            return;
          }
          for (const { server } of covering) {
            if (serverAccessPolicy(server) !== 'deny' || serverIsAuthorized(ctx.graph, server)) continue;
            const key = `server:${server.uid}`;
            if (seen.has(key)) continue;
            seen.add(key);
            ctx.report({
              resource: server,
              path: serverAccessPolicyPath(server),
              message: `Server ${server.namespace}/${server.name} covers port ${target} of ${wid}, which Service ${svc.namespace}/${svc.name} sends traffic to, but no AuthorizationPolicy or ServerAuthorization applies to it and its accessPolicy is deny: Linkerd refuses every client connection; add an AuthorizationPolicy for it`,
              related: [{ resource: svc, path: ['spec', 'ports', i], message: `Service ${svc.namespace}/${svc.name}` }],
            });
          }
        });
      }
    }
  },
});

function serverAccessPolicyPath(server: { body: Record<string, unknown> }): (string | number)[] {
  return isObject(server.body.spec) && server.body.spec.accessPolicy !== undefined ? ['spec', 'accessPolicy'] : ['spec', 'port'];
}
