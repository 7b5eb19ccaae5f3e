import { defineRule } from '../../src/engine/rule.js';
import { K } from '../../src/model/kinds.js';
import type { Path, Resource } from '../../src/model/types.js';
import { isObject } from '../../src/parse/parse.js';
import { resolveIstioHost } from '../../src/graph/istio.js';
import { authzIsL7, namespaceAmbient, waypointOf } from '../../src/graph/istio-ambient.js';

const POLICY_KINDS = [K.AuthorizationPolicy, K.RequestAuthentication, K.WasmPlugin, K.Telemetry];

function policyIsL7(r: Resource): boolean {
  if (r.kindKey === K.AuthorizationPolicy) return authzIsL7(r);
  if (r.kindKey === K.Telemetry) return isObject(r.body.spec) && Array.isArray(r.body.spec.tracing) && r.body.spec.tracing.length > 0;
  return true;
}

/** L7-only DestinationRule features: HTTP connection pool, outlier detection, hash on request attributes. */
function drIsL7(spec: Record<string, unknown>): boolean {
  const l7 = (p: unknown): boolean => {
    if (!isObject(p)) return false;
    if (isObject(p.connectionPool) && isObject(p.connectionPool.http)) return true;
    if (isObject(p.outlierDetection)) return true;
    const ch = isObject(p.loadBalancer) && isObject(p.loadBalancer.consistentHash) ? p.loadBalancer.consistentHash : undefined;
    return !!ch && (ch.httpHeaderName !== undefined || ch.httpCookie !== undefined || ch.httpQueryParameterName !== undefined);
  };
  return l7(spec.trafficPolicy) || (Array.isArray(spec.subsets) && spec.subsets.some((s) => isObject(s) && l7(s.trafficPolicy)));
}

export default defineRule({
  id: 'istio-ambient-l7-not-applied',
  severity: 'warning',
  category: 'istio',
  description: 'L7 configuration (policies, DestinationRule or VirtualService features) for an Ambient service that is not enrolled with a waypoint, or lives in another namespace, so it is not applied.',
  equivalents: ['KIA0109', 'KIA0210', 'KIA0211', 'KIA0212', 'KIA1109', 'KIA1110', 'KIA1111', 'KIA1112', 'KIA1113', 'KIA1114'],
  inputs: [K.AuthorizationPolicy, K.RequestAuthentication, K.WasmPlugin, K.Telemetry, K.DestinationRule, K.VirtualService],
  precision: 'medium',
  tags: ['ambient'],
  check(ctx) {
    const { graph } = ctx;
    if (!graph.knownNamespaces().some((ns) => namespaceAmbient(graph, ns))) return;
    const enrolled = (svc: Resource) => waypointOf(graph, svc.labels, svc.namespace) !== undefined;

    // Policies attached to Services with targetRefs.
    for (const kind of POLICY_KINDS) {
      for (const r of ctx.resources(kind)) {
        if (!policyIsL7(r)) continue;
        const spec = isObject(r.body.spec) ? r.body.spec : {};
        const refs: Array<{ ref: unknown; path: Path }> = [];
        if (isObject(spec.targetRef)) refs.push({ ref: spec.targetRef, path: ['spec', 'targetRef', 'name'] });
        if (Array.isArray(spec.targetRefs)) spec.targetRefs.forEach((t, i) => refs.push({ ref: t, path: ['spec', 'targetRefs', i, 'name'] }));
        for (const { ref, path } of refs) {
          if (!isObject(ref) || ref.kind !== 'Service' || typeof ref.name !== 'string') continue;
          const ns = typeof ref.namespace === 'string' ? ref.namespace : r.namespace;
          const svc = graph.get('Service', ns, ref.name);
          if (!svc || !namespaceAmbient(graph, svc.namespace) || enrolled(svc)) continue;
          ctx.report({
            resource: r,
            path,
            message: `${r.kind} ${r.namespace}/${r.name} is an L7 policy attached to Service ${svc.namespace}/${svc.name}, which is in Ambient mode but not enrolled with a waypoint (no istio.io/use-waypoint on the Service or its namespace): nothing enforces it`,
          });
        }
      }
    }

    // DestinationRules and VirtualServices with L7 features toward Ambient services.
    const l7Target = (r: Resource, host: string, path: Path, what: string) => {
      const fqdn = resolveIstioHost(host, r.namespace, graph.clusterDomain);
      const svc = fqdn.startsWith('*') ? undefined : graph.serviceByHost(fqdn);
      if (!svc) {
        if (!fqdn.endsWith(`.svc.${graph.clusterDomain}`) && namespaceAmbient(graph, r.namespace) && !waypointOf(graph, {}, r.namespace)) {
          ctx.report({ resource: r, path, message: `${r.kind} ${r.namespace}/${r.name} sets ${what} for "${host}" in Ambient namespace ${r.namespace}, which is not enrolled with a waypoint: only a waypoint applies L7 settings` });
        }
        return;
      }
      if (!namespaceAmbient(graph, svc.namespace)) return;
      if (!enrolled(svc)) {
        ctx.report({ resource: r, path, message: `${r.kind} ${r.namespace}/${r.name} sets ${what} for Service ${svc.namespace}/${svc.name}, which is in Ambient mode but not enrolled with a waypoint: these L7 settings are not applied` });
      } else if (svc.namespace !== r.namespace) {
        ctx.report({ resource: r, path, message: `${r.kind} ${r.namespace}/${r.name} sets ${what} for Ambient Service ${svc.namespace}/${svc.name} from namespace ${r.namespace}: the waypoint only applies configuration from the Service's own namespace` });
      }
    };
    for (const dr of ctx.resources(K.DestinationRule)) {
      const spec = isObject(dr.body.spec) ? dr.body.spec : {};
      if (typeof spec.host !== 'string' || !drIsL7(spec)) continue;
      l7Target(dr, spec.host, ['spec', 'host'], 'L7 traffic policy (HTTP pool, outlier detection or request hashing)');
    }
    for (const vs of ctx.resources(K.VirtualService)) {
      const spec = isObject(vs.body.spec) ? vs.body.spec : {};
      const gws = Array.isArray(spec.gateways) ? spec.gateways : [];
      if (gws.length > 0 && !gws.includes('mesh')) continue; // gateway routes: applied by the gateway
      if (!(Array.isArray(spec.http) && spec.http.length) && !(Array.isArray(spec.tls) && spec.tls.length)) continue;
      if (!Array.isArray(spec.hosts)) continue;
      spec.hosts.forEach((h, i) => typeof h === 'string' && l7Target(vs, h, ['spec', 'hosts', i], 'HTTP/TLS routes for mesh traffic'));
    }
  },
});
