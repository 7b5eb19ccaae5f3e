// Gateway API resolver: hostname intersection, attachment reason precedence, ReferenceGrant
// matching, and robustness against malformed objects.
import { describe, expect, it } from 'vitest';
import { lintSources } from '../../src/engine/lint.js';
import type { SourceFile } from '../../src/input/sources.js';
import { K } from '../../src/model/kinds.js';
import { attachParentRef, findGrant, hostnamesIntersect, resolveBackendRef, routeBackendRefs, routeParentRefs } from '../../src/graph/gateway-api.js';
import { GATEWAY_API_RULES } from '../../rules/gateway-api/index.js';

function lintText(text: string, rules = GATEWAY_API_RULES) {
  const files: SourceFile[] = [{ id: 0, displayPath: 'mem.yaml', text }];
  return lintSources(files, { paths: [], rules });
}

describe('hostname intersection', () => {
  it('follows the Gateway API wildcard semantics', () => {
    expect(hostnamesIntersect('*.example.com', 'foo.example.com')).toBe(true);
    expect(hostnamesIntersect('*.example.com', 'a.b.example.com')).toBe(true);
    expect(hostnamesIntersect('*.example.com', 'example.com')).toBe(false);
    expect(hostnamesIntersect('*.specific.com', 'very.specific.com')).toBe(true);
    expect(hostnamesIntersect('*.a.example.com', '*.example.com')).toBe(true);
    expect(hostnamesIntersect('Foo.Example.com', 'foo.example.com')).toBe(true);
    expect(hostnamesIntersect('foo.example.com', 'bar.example.com')).toBe(false);
  });
});

const GATEWAY = `
apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: {name: gw, namespace: infra}
spec:
  gatewayClassName: c
  listeners:
  - {name: http, port: 80, protocol: HTTP, hostname: "*.example.com"}
---
`;

function attach(route: string) {
  const { graph } = lintText(GATEWAY + route, []);
  const r = graph.ofKind(K.HTTPRoute)[0];
  return attachParentRef(graph, r, routeParentRefs(r)[0]);
}

describe('route attachment', () => {
  it('reports sectionName before allowedRoutes and hostnames', () => {
    const o = attach(`apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: {name: r, namespace: shop}
spec:
  parentRefs: [{name: gw, namespace: infra, sectionName: https}]
  hostnames: [other.org]`);
    expect(o.status === 'rejected' && o.reason).toBe('NoMatchingParent');
  });
  it('reports the namespace (from: Same) before hostnames', () => {
    const o = attach(`apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: {name: r, namespace: shop}
spec:
  parentRefs: [{name: gw, namespace: infra}]
  hostnames: [other.org]`);
    expect(o.status === 'rejected' && o.reason).toBe('NotAllowedByListeners');
  });
  it('rejects a route whose hostnames intersect no listener, accepts one with any intersection', () => {
    const bad = attach(`apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: {name: r, namespace: infra}
spec:
  parentRefs: [{name: gw}]
  hostnames: [example.com]`);
    expect(bad.status === 'rejected' && bad.reason).toBe('NoMatchingListenerHostname');
    const ok = attach(`apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: {name: r, namespace: infra}
spec:
  parentRefs: [{name: gw, port: 80}]
  hostnames: [example.com, a.example.com]`);
    expect(ok.status).toBe('accepted');
  });
  it('needs group "" for a Service parent', () => {
    const o = attach(`apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: {name: r, namespace: infra}
spec:
  parentRefs: [{kind: Service, name: gw}]`);
    expect(o.status === 'rejected' && o.reason).toBe('UnsupportedValue');
  });
});

describe('ReferenceGrant matching', () => {
  const text = `apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: {name: r, namespace: shop}
spec:
  parentRefs: [{name: gw, namespace: infra}]
  rules: [{backendRefs: [{name: a, namespace: billing, port: 80}, {name: b, namespace: billing, port: 80}]}]
---
apiVersion: gateway.networking.k8s.io/v1beta1
kind: ReferenceGrant
metadata: {name: g, namespace: billing}
spec:
  from: [{group: gateway.networking.k8s.io, kind: HTTPRoute, namespace: shop}]
  to: [{group: "", kind: Service, name: a}]
---
apiVersion: gateway.networking.k8s.io/v1beta1
kind: ReferenceGrant
metadata: {name: core, namespace: billing}
spec:
  from: [{group: gateway.networking.k8s.io, kind: HTTPRoute, namespace: shop}]
  to: [{group: core, kind: Service}]
`;
  it('matches group, kind, namespace and name exactly', () => {
    const { graph } = lintText(text, []);
    const route = graph.ofKind(K.HTTPRoute)[0];
    expect(findGrant(graph, route, { group: '', kind: 'Service', namespace: 'billing', name: 'a' })?.name).toBe('g');
    expect(findGrant(graph, route, { group: '', kind: 'Service', namespace: 'billing', name: 'b' })).toBeUndefined();
  });
  it('decides RefNotPermitted before existence', () => {
    const { graph } = lintText(text, []);
    const route = graph.ofKind(K.HTTPRoute)[0];
    const [a, b] = routeBackendRefs(route);
    expect(resolveBackendRef(graph, route, b)?.reason).toBe('RefNotPermitted');
    expect(resolveBackendRef(graph, route, a)?.reason).toBe('BackendNotFound');
  });
});

describe('malformed Gateway API objects', () => {
  it('never make a rule fail', () => {
    const text = `apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: {name: g, namespace: x}
spec:
  gatewayClassName: 5
  listeners: "nope"
  tls: {frontend: {default: 3, perPort: [1, {port: 1, tls: 2}]}, backend: {clientCertificateRef: {name: 7}}}
---
apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: {name: h, namespace: x}
spec:
  listeners: [null, 3, {name: 1, port: "80", protocol: 5, tls: [], allowedRoutes: {namespaces: {from: Selector, selector: 3}, kinds: [null, {kind: 3}]}}]
---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: {name: r, namespace: x}
spec:
  parentRefs: [null, {name: h, sectionName: 4, port: "x"}, {name: g}]
  hostnames: [3, null]
  rules: [null, {backendRefs: "x"}, {backendRefs: [null, {name: 3}], filters: [null, {type: RequestRedirect}], matches: [null, {path: 3}], timeouts: {request: 1}}]
---
apiVersion: gateway.networking.k8s.io/v1
kind: GRPCRoute
metadata: {name: r2, namespace: x}
spec: 7
---
apiVersion: gateway.networking.k8s.io/v1
kind: ListenerSet
metadata: {name: ls, namespace: x}
spec: {parentRef: 3, listeners: [{}]}
---
apiVersion: gateway.networking.k8s.io/v1
kind: ReferenceGrant
metadata: {name: rg, namespace: x}
spec: {from: [null, 3, {}], to: "x"}
---
apiVersion: gateway.networking.k8s.io/v1
kind: BackendTLSPolicy
metadata: {name: b, namespace: x}
spec: {targetRefs: [null, {name: 3}], validation: {caCertificateRefs: [null, {name: c}], subjectAltNames: [null, 3]}}
`;
    const result = lintText(text);
    expect(result.ruleFailures).toEqual([]);
    expect(result.findings.length).toBeGreaterThan(0);
  });
});
