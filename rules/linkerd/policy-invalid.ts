import { defineRule, type RuleContext } from '../../src/engine/rule.js';
import { K } from '../../src/model/kinds.js';
import type { Path, Resource } from '../../src/model/types.js';
import { isObject } from '../../src/parse/parse.js';
import type { ResourceGraph } from '../../src/graph/graph.js';
import { isServiceParent, serviceIsMeshed, cidrContains, identityError, INBOUND_POLICIES, linkerdRefKindKey, parseCidr, parseGoDuration, rustRegexError } from '../../src/graph/linkerd.js';

const EGRESS = 'policy.linkerd.io/EgressNetwork';
const RATELIMIT = 'policy.linkerd.io/HTTPLocalRateLimitPolicy';
const PROXY_PROTOCOLS = ['unknown', 'HTTP/1', 'HTTP/2', 'gRPC', 'opaque', 'TLS'];
const AUTHZ_TARGETS = new Set([K.LinkerdServer, 'Namespace', K.LinkerdHTTPRoute, K.HTTPRoute, K.GRPCRoute]);
const OPERATORS = ['In', 'NotIn', 'Exists', 'DoesNotExist'];

type Report = (path: Path, message: string) => void;

function networks(list: unknown, base: Path, report: Report): void {
  if (!Array.isArray(list)) return;
  list.forEach((n, i) => {
    if (!isObject(n)) return;
    const p = [...base, i];
    if (typeof n.cidr !== 'string') return report(p, 'a network has no cidr');
    const cidr = parseCidr(n.cidr);
    if (!cidr) return report([...p, 'cidr'], `"${n.cidr}" is not a valid CIDR or IP address`);
    if (!Array.isArray(n.except)) return;
    n.except.forEach((e, j) => {
      const ex = typeof e === 'string' ? parseCidr(e) : undefined;
      if (!ex) return report([...p, 'except', j], `exception "${String(e)}" is not a valid CIDR or IP address`);
      if (cidrContains(ex, cidr)) report([...p, 'except', j], `cidr '${n.cidr}' is completely negated by exception '${String(e)}'`);
      else if (!cidrContains(cidr, ex)) report([...p, 'except', j], `cidr '${n.cidr}' does not include exception '${String(e)}'`);
    });
  });
}

function selectorOps(sel: unknown, base: Path, report: Report): void {
  if (!isObject(sel) || !Array.isArray(sel.matchExpressions)) return;
  sel.matchExpressions.forEach((e, i) => {
    if (isObject(e) && typeof e.operator === 'string' && !OPERATORS.includes(e.operator))
      report([...base, 'matchExpressions', i, 'operator'], `matchExpressions operator "${e.operator}" is not one of ${OPERATORS.join(', ')}`);
  });
}

function checkServer(r: Resource, spec: Record<string, unknown>, report: Report): void {
  const p = spec.port;
  if (p === undefined) report(['spec'], 'spec.port is required');
  else if (typeof p === 'number' ? !Number.isInteger(p) || p < 1 || p > 65535 : typeof p !== 'string' || p === '')
    report(['spec', 'port'], `port ${JSON.stringify(p)} is neither a port number 1-65535 nor a port name`);
  const pod = spec.podSelector !== undefined;
  const ext = spec.externalWorkloadSelector !== undefined;
  if (pod && ext) report(['spec', 'externalWorkloadSelector'], 'podSelector and externalWorkloadSelector are mutually exclusive');
  else if (!pod && !ext) report(['spec'], r.version === 'v1alpha1' || r.version === 'v1beta1' ? 'spec.podSelector is required' : 'one of podSelector or externalWorkloadSelector is required');
  selectorOps(spec.podSelector, ['spec', 'podSelector'], report);
  selectorOps(spec.externalWorkloadSelector, ['spec', 'externalWorkloadSelector'], report);
  if (spec.proxyProtocol !== undefined && !PROXY_PROTOCOLS.includes(String(spec.proxyProtocol)))
    report(['spec', 'proxyProtocol'], `unknown proxyProtocol "${String(spec.proxyProtocol)}" (expected one of ${PROXY_PROTOCOLS.join(', ')})`);
  if (spec.accessPolicy !== undefined && !INBOUND_POLICIES.includes(String(spec.accessPolicy)))
    report(['spec', 'accessPolicy'], `invalid accessPolicy "${String(spec.accessPolicy)}" (expected one of ${INBOUND_POLICIES.join(', ')})`);
}

function checkAuthorizationPolicy(r: Resource, spec: Record<string, unknown>, report: Report): void {
  if (!isObject(spec.targetRef)) report(['spec'], 'spec.targetRef is required');
  else {
    const t = spec.targetRef;
    const kindKey = typeof t.kind === 'string' ? linkerdRefKindKey(t.group, t.kind) : '';
    if (typeof t.kind !== 'string' || typeof t.name !== 'string') report(['spec', 'targetRef'], 'targetRef needs a kind and a name');
    else if (!AUTHZ_TARGETS.has(kindKey)) report(['spec', 'targetRef', 'kind'], `unsupported authorization target type: ${kindKey} (expected a policy.linkerd.io Server or HTTPRoute, a gateway.networking.k8s.io HTTPRoute or GRPCRoute, or a Namespace)`);
    else if (kindKey === 'Namespace' && t.name !== r.namespace) report(['spec', 'targetRef', 'name'], `cannot target another namespace: ${t.name}`);
  }
  if (spec.requiredAuthenticationRefs === undefined) return report(['spec'], 'spec.requiredAuthenticationRefs is required (use [] to allow any client)');
  if (!Array.isArray(spec.requiredAuthenticationRefs)) return;
  const seen = new Map<string, number[]>();
  const unsupported: string[] = [];
  spec.requiredAuthenticationRefs.forEach((ref, i) => {
    if (!isObject(ref) || typeof ref.kind !== 'string') return;
    const k = linkerdRefKindKey(ref.group, ref.kind);
    if (k !== K.LinkerdMeshTLSAuthentication && k !== K.LinkerdNetworkAuthentication && k !== 'ServiceAccount') unsupported.push(`${k}@${i}`);
    seen.set(k, [...(seen.get(k) ?? []), i]);
  });
  for (const u of unsupported) {
    const [k, i] = u.split('@');
    report(['spec', 'requiredAuthenticationRefs', Number(i), 'kind'], `unsupported authentication kind: ${k} (expected MeshTLSAuthentication, NetworkAuthentication or ServiceAccount)`);
  }
  const mtls = seen.get(K.LinkerdMeshTLSAuthentication) ?? [];
  const sa = seen.get('ServiceAccount') ?? [];
  const net = seen.get(K.LinkerdNetworkAuthentication) ?? [];
  if (mtls.length > 1) report(['spec', 'requiredAuthenticationRefs', mtls[1]], 'only a single MeshTLSAuthentication may be set');
  if (sa.length > 1) report(['spec', 'requiredAuthenticationRefs', sa[1]], 'only a single ServiceAccount may be set');
  if (mtls.length && sa.length) report(['spec', 'requiredAuthenticationRefs', Math.max(mtls[0], sa[0])], 'a MeshTLSAuthentication and ServiceAccount may not be set together');
  if (net.length > 1) report(['spec', 'requiredAuthenticationRefs', net[1]], 'only a single NetworkAuthentication may be set');
}

function checkMeshTLS(spec: Record<string, unknown>, report: Report): void {
  const ids = spec.identities;
  const refs = spec.identityRefs;
  if ((ids === undefined) === (refs === undefined)) return report(['spec'], 'exactly one of identities or identityRefs must be set');
  if (Array.isArray(ids)) {
    if (!ids.length) report(['spec', 'identities'], 'identities must not be empty');
    ids.forEach((id, i) => {
      const err = typeof id === 'string' ? identityError(id) : 'not a string';
      if (err) report(['spec', 'identities', i], `id ${String(id)} is invalid: ${err}`);
    });
  }
  if (Array.isArray(refs)) {
    if (!refs.length) report(['spec', 'identityRefs'], 'identityRefs must not be empty');
    refs.forEach((ref, i) => {
      if (!isObject(ref) || typeof ref.kind !== 'string') return;
      const k = linkerdRefKindKey(ref.group, ref.kind);
      if (k !== 'ServiceAccount' && k !== 'Namespace') report(['spec', 'identityRefs', i, 'kind'], `invalid identity target kind: ${k} (expected ServiceAccount or Namespace)`);
      else if (k === 'Namespace' && ref.namespace !== undefined) report(['spec', 'identityRefs', i, 'namespace'], 'Namespace identity_ref is cluster-scoped and cannot have a namespace');
    });
  }
}

function checkServerAuthorization(spec: Record<string, unknown>, report: Report): void {
  if (isObject(spec.server) && (spec.server.name !== undefined) === (spec.server.selector !== undefined))
    report(['spec', 'server'], 'server needs exactly one of name or selector');
  if (!isObject(spec.client)) return report(['spec'], 'spec.client is required');
  const c = spec.client;
  networks(c.networks, ['spec', 'client', 'networks'], report);
  if (isObject(c.meshTLS)) {
    if (c.unauthenticated === true) report(['spec', 'client', 'unauthenticated'], '`unauthenticated` must be false if `meshTLS` is specified');
    const m = c.meshTLS;
    const n = (Array.isArray(m.identities) ? m.identities.length : 0) + (Array.isArray(m.serviceAccounts) ? m.serviceAccounts.length : 0);
    if (m.unauthenticatedTLS === true && n > 0) report(['spec', 'client', 'meshTLS', 'unauthenticatedTLS'], '`unauthenticatedTLS` must be false if any `identities` or `serviceAccounts` is specified');
    if (Array.isArray(m.identities))
      m.identities.forEach((id, i) => {
        if (typeof id === 'string' && !/^(\*|[a-z0-9]([-a-z0-9]*[a-z0-9])?)(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/.test(id))
          report(['spec', 'client', 'meshTLS', 'identities', i], `identity "${id}" is not a DNS-like identity`);
      });
  }
}

function checkRateLimit(spec: Record<string, unknown>, report: Report): void {
  if (isObject(spec.targetRef) && typeof spec.targetRef.kind === 'string' && linkerdRefKindKey(spec.targetRef.group ?? 'policy.linkerd.io', spec.targetRef.kind) !== K.LinkerdServer)
    report(['spec', 'targetRef', 'kind'], `invalid targetRef kind: ${spec.targetRef.kind} (only a policy.linkerd.io Server)`);
  const rps = (o: unknown) => (isObject(o) && typeof o.requestsPerSecond === 'number' ? o.requestsPerSecond : undefined);
  const total = rps(spec.total);
  const ident = rps(spec.identity);
  if (total === 0) report(['spec', 'total', 'requestsPerSecond'], 'total.requestsPerSecond must be greater than 0');
  if (ident === 0) report(['spec', 'identity', 'requestsPerSecond'], 'identity.requestsPerSecond must be greater than 0');
  if (total !== undefined && ident !== undefined && ident > total) report(['spec', 'identity', 'requestsPerSecond'], 'identity.requestsPerSecond must be less than or equal to total.requestsPerSecond');
  if (!Array.isArray(spec.overrides)) return;
  spec.overrides.forEach((o, i) => {
    const v = rps(o);
    if (v === 0) report(['spec', 'overrides', i, 'requestsPerSecond'], 'overrides.requestsPerSecond must be greater than 0');
    if (v !== undefined && total !== undefined && v > total) report(['spec', 'overrides', i, 'requestsPerSecond'], 'overrides.requestsPerSecond must be less than or equal to total.requestsPerSecond');
    if (isObject(o) && Array.isArray(o.clientRefs))
      o.clientRefs.forEach((c, j) => {
        if (isObject(c) && typeof c.kind === 'string' && linkerdRefKindKey(c.group, c.kind) !== 'ServiceAccount') report(['spec', 'overrides', i, 'clientRefs', j, 'kind'], 'overrides.clientRefs must target a ServiceAccount');
      });
  });
}

const HEADER_NAME = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

function checkHeaders(list: unknown, path: Path, report: Report): void {
  if (!Array.isArray(list)) return;
  list.forEach((h, i) => {
    if (isObject(h) && typeof h.name === 'string' && !HEADER_NAME.test(h.name)) report([...path, i, 'name'], `"${h.name}" is not a valid HTTP header name`);
    if (isObject(h) && h.type === 'RegularExpression' && typeof h.value === 'string') {
      const err = rustRegexError(h.value);
      if (err) report([...path, i, 'value'], `header regex "${h.value}" does not compile: ${err}`);
    }
  });
}

/** Rules the webhook applies to Gateway API routes too (PA29-PA31), and header checks (PA24). */
function checkGatewayRoute(r: Resource, spec: Record<string, unknown>, report: Report): void {
  if (!Array.isArray(spec.rules)) return;
  if ((r.kindKey === K.TLSRoute || r.kindKey === K.TCPRoute) && spec.rules.length !== 1)
    report(['spec', 'rules'], `${r.kind === 'TLSRoute' ? 'TlsRoute' : 'TcpRoute'} supports a single rule only`);
  spec.rules.forEach((rule, i) => {
    if (!isObject(rule)) return;
    if (Array.isArray(rule.backendRefs) && (r.kindKey === K.HTTPRoute || r.kindKey === K.GRPCRoute))
      rule.backendRefs.forEach((b, j) => {
        if (!isObject(b)) return;
        const isService = (b.kind === undefined || b.kind === 'Service') && (b.group === undefined || b.group === '' || b.group === 'core');
        if (isService && (b.port === undefined || b.port === 0)) report(['spec', 'rules', i, 'backendRefs', j], 'invalid backendRef: cannot reference a Service without a port');
      });
    if (Array.isArray(rule.matches))
      rule.matches.forEach((m, j) => {
        if (!isObject(m)) return;
        checkHeaders(m.headers, ['spec', 'rules', i, 'matches', j, 'headers'], report);
        if (r.kindKey === K.GRPCRoute && isObject(m.method) && m.method.type === 'RegularExpression')
          report(['spec', 'rules', i, 'matches', j, 'method', 'type'], 'unsupported GRPCRoute method match type: RegularExpression');
      });
  });
  if (r.kindKey === K.HTTPRoute) checkHttpRoute(spec, report);
}

function checkHttpRoute(spec: Record<string, unknown>, report: Report): void {
  if (!Array.isArray(spec.rules)) return;
  spec.rules.forEach((rule, i) => {
    if (!isObject(rule)) return;
    const rp: Path = ['spec', 'rules', i];
    if (Array.isArray(rule.matches))
      rule.matches.forEach((m, j) => {
        if (!isObject(m) || !isObject(m.path) || typeof m.path.value !== 'string') return;
        const type = m.path.type ?? 'PathPrefix';
        const vp = [...rp, 'matches', j, 'path', 'value'];
        if ((type === 'Exact' || type === 'PathPrefix') && !m.path.value.startsWith('/')) report(vp, `path "${m.path.value}" is not absolute (it must begin with /)`);
        if (type === 'RegularExpression') {
          const err = rustRegexError(m.path.value);
          if (err) report(vp, `path regex "${m.path.value}" does not compile: ${err}`);
        }
      });
    if (Array.isArray(rule.filters))
      rule.filters.forEach((f, j) => {
        if (!isObject(f) || !isObject(f.requestRedirect)) return;
        const code = f.requestRedirect.statusCode;
        if (code !== undefined && !(typeof code === 'number' && [301, 302, 303, 307, 308].includes(code)))
          report([...rp, 'filters', j, 'requestRedirect', 'statusCode'], `RequestRedirect statusCode ${JSON.stringify(code)} is not a redirect status (301, 302, 303, 307 or 308)`);
        if (!isObject(f.requestRedirect.path)) return;
        const path = f.requestRedirect.path;
        const v = path.replaceFullPath ?? path.replacePrefixMatch;
        if (v === undefined) report([...rp, 'filters', j, 'requestRedirect', 'path'], 'RequestRedirect path must contain either replaceFullPath or replacePrefixMatch');
        else if (typeof v === 'string' && !v.startsWith('/')) report([...rp, 'filters', j, 'requestRedirect', 'path'], `RequestRedirect filters may only contain absolute paths (starting with '/'); "${v}" is not`);
      });
    if (isObject(rule.timeouts)) {
      const d = (k: string) => (typeof (rule.timeouts as Record<string, unknown>)[k] === 'string' ? parseGoDuration((rule.timeouts as Record<string, string>)[k]) : undefined);
      const req = d('request');
      const be = d('backendRequest');
      for (const [k, v] of [['request', req], ['backendRequest', be]] as const) {
        const raw = (rule.timeouts as Record<string, unknown>)[k];
        if (raw === undefined) continue;
        if (v === undefined) report([...rp, 'timeouts', k], `${k} timeout "${String(raw)}" is not a duration`);
        else if (v < 0) report([...rp, 'timeouts', k], `${k} timeout must not be negative`);
      }
      if (req !== undefined && be !== undefined && req > 0 && be > req) report([...rp, 'timeouts', 'backendRequest'], `backendRequest timeout (${String(rule.timeouts.backendRequest)}) must not be greater than request timeout (${String(rule.timeouts.request)})`);
    }
  });
}

/** PA20: a route parent that is an EgressNetwork needs a port (any route kind the policy webhook sees). */
function checkEgressParents(spec: Record<string, unknown>, report: Report): void {
  if (!Array.isArray(spec.parentRefs)) return;
  spec.parentRefs.forEach((p, i) => {
    if (isObject(p) && p.kind === 'EgressNetwork' && p.group === 'policy.linkerd.io' && p.port === undefined)
      report(['spec', 'parentRefs', i], 'cannot target an EgressNetwork without specifying a port');
  });
}

/** Gateway API routes: judged only when Linkerd serves them (a Linkerd parent, or a Service parent meshed by Linkerd). */
function checkLinkerdGatewayRoute(r: Resource, spec: Record<string, unknown>, report: Report, graph: ResourceGraph): void {
  checkEgressParents(spec, report);
  if (!Array.isArray(spec.parentRefs)) return;
  const linkerd = spec.parentRefs.some((p) => {
    if (isObject(p) && p.group === 'policy.linkerd.io') return true;
    if (!isServiceParent(p)) return false;
    const svc = graph.get(K.Service, typeof p.namespace === 'string' && p.namespace ? p.namespace : r.namespace, p.name);
    return svc !== undefined && serviceIsMeshed(graph, svc);
  });
  if (linkerd) checkGatewayRoute(r, spec, report);
}

const CHECKS: Record<string, (r: Resource, spec: Record<string, unknown>, report: Report, graph: ResourceGraph) => void> = {
  [K.LinkerdServer]: checkServer,
  [K.LinkerdAuthorizationPolicy]: checkAuthorizationPolicy,
  [K.LinkerdMeshTLSAuthentication]: (_r, s, rep) => checkMeshTLS(s, rep),
  [K.LinkerdNetworkAuthentication]: (_r, s, rep) => {
    if (!Array.isArray(s.networks)) rep(['spec'], 'spec.networks is required');
    else if (!s.networks.length) rep(['spec', 'networks'], 'at least one network must be specified');
    networks(s.networks, ['spec', 'networks'], rep);
  },
  [K.LinkerdServerAuthorization]: (_r, s, rep) => checkServerAuthorization(s, rep),
  [EGRESS]: (_r, s, rep) => {
    if (s.trafficPolicy !== 'Allow' && s.trafficPolicy !== 'Deny') rep(s.trafficPolicy === undefined ? ['spec'] : ['spec', 'trafficPolicy'], `trafficPolicy must be Allow or Deny${s.trafficPolicy === undefined ? '' : `, not "${String(s.trafficPolicy)}"`}`);
    if (Array.isArray(s.networks) && !s.networks.length) rep(['spec', 'networks'], 'at least one network must be specified (omit networks to match every address outside the cluster)');
    networks(s.networks, ['spec', 'networks'], rep);
  },
  [RATELIMIT]: (_r, s, rep) => checkRateLimit(s, rep),
  [K.LinkerdHTTPRoute]: (_r, s, rep) => {
    checkHttpRoute(s, rep);
    if (Array.isArray(s.rules)) s.rules.forEach((rule, i) => isObject(rule) && Array.isArray(rule.matches) && rule.matches.forEach((m, j) => isObject(m) && checkHeaders(m.headers, ['spec', 'rules', i, 'matches', j, 'headers'], rep)));
    checkEgressParents(s, rep);
  },
  [K.HTTPRoute]: checkLinkerdGatewayRoute,
  [K.GRPCRoute]: checkLinkerdGatewayRoute,
  [K.TLSRoute]: checkLinkerdGatewayRoute,
  [K.TCPRoute]: checkLinkerdGatewayRoute,
};

export default defineRule({
  id: 'linkerd-policy-invalid',
  severity: 'error',
  category: 'linkerd',
  description: "A Linkerd policy resource (Server, AuthorizationPolicy, MeshTLSAuthentication, NetworkAuthentication, ServerAuthorization, EgressNetwork, HTTPLocalRateLimitPolicy, HTTPRoute) breaks a rule of Linkerd's policy admission webhook, so it is denied.",
  equivalents: [],
  inputs: Object.keys(CHECKS),
  precision: 'very-high',
  tags: ['schema'],
  check(ctx: RuleContext) {
    for (const [kindKey, check] of Object.entries(CHECKS)) {
      for (const r of ctx.resources(kindKey)) {
        const id = `${r.kind} ${r.namespace}/${r.name}`;
        const report: Report = (path, message) => ctx.report({ resource: r, path, message: `${id} is denied by Linkerd's policy webhook: ${message}` });
        if (!isObject(r.body.spec)) {
          if (kindKey.startsWith('policy.linkerd.io/')) report(r.body.spec === undefined ? ['kind'] : ['spec'], 'spec is required');
          continue;
        }
        check(r, r.body.spec, report, ctx.graph);
      }
    }
  },
});
