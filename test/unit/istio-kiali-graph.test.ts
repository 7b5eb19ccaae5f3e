// Resolution helpers of the Kiali/mTLS area: DestinationRule precedence, client TLS, sidecars,
// AuthorizationPolicy scope and identities.
import { describe, expect, it } from 'vitest';
import { lintSources } from '../../src/engine/lint.js';
import type { SourceFile } from '../../src/input/sources.js';
import { clientTls, effectiveDestinationRule, sidecarState } from '../../src/graph/istio-mtls.js';
import { authzPolicy, authzWorkloads, istioStringMatch, parsePrincipal, serviceAccountIdentities, servicePortProtocol } from '../../src/graph/istio-authz.js';

function graphOf(text: string) {
  const files: SourceFile[] = [{ id: 0, displayPath: 'mem.yaml', text }];
  return lintSources(files, { paths: [], rules: [] }).graph;
}

const dr = (name: string, ns: string, host: string, extra = '') => `---
apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: {name: ${name}, namespace: ${ns}}
spec:
  host: "${host}"
${extra}`;

describe('DestinationRule precedence', () => {
  const g = graphOf(
    dr('mesh', 'istio-system', '*.local', '  trafficPolicy: {tls: {mode: ISTIO_MUTUAL}}\n') +
      dr('legacy-wide', 'legacy', '*.legacy.svc.cluster.local', '  trafficPolicy: {tls: {mode: DISABLE}}\n') +
      dr('from-web', 'web', 'archive.legacy.svc.cluster.local') +
      dr('private', 'pay', 'billing', '  exportTo: ["."]\n') +
      dr('root-private', 'istio-system', 'archive.legacy.svc.cluster.local', '  exportTo: ["."]\n'),
  );
  const fqdn = 'archive.legacy.svc.cluster.local';
  it('prefers the client namespace, then the Service namespace, then the root namespace', () => {
    expect(effectiveDestinationRule(g, 'web', fqdn, 'legacy')?.dr.name).toBe('from-web');
    expect(effectiveDestinationRule(g, 'shop', fqdn, 'legacy')?.dr.name).toBe('legacy-wide');
    expect(effectiveDestinationRule(g, 'shop', 'cart.shop.svc.cluster.local', 'shop')?.dr.name).toBe('mesh');
  });
  it('gives root-namespace clients only the private root rules first', () => {
    expect(effectiveDestinationRule(g, 'istio-system', fqdn, 'legacy')?.dr.name).toBe('root-private');
    expect(effectiveDestinationRule(g, 'istio-system', 'x.other.svc.cluster.local', 'other')).toBeUndefined();
  });
  it('honours exportTo', () => {
    expect(effectiveDestinationRule(g, 'pay', 'billing.pay.svc.cluster.local', 'pay')?.dr.name).toBe('private');
    expect(effectiveDestinationRule(g, 'shop', 'billing.pay.svc.cluster.local', 'pay')?.dr.name).toBe('mesh');
  });
});

describe('client TLS', () => {
  const g = graphOf(
    dr(
      'cart',
      'shop',
      'cart',
      `  trafficPolicy:
    tls: {mode: ISTIO_MUTUAL}
    portLevelSettings:
    - port: {number: 9090}
      tls: {mode: DISABLE}
  subsets:
  - name: v2
    labels: {version: v2}
    trafficPolicy: {tls: {mode: SIMPLE}}
  - name: v3
    labels: {version: v3}
`,
    ),
  );
  const cart = g.get('networking.istio.io/DestinationRule', 'shop', 'cart')!;
  it('takes the port level over the top level and the subset over both', () => {
    expect(clientTls(cart, 80).mode).toBe('ISTIO_MUTUAL');
    expect(clientTls(cart, 9090).mode).toBe('DISABLE');
    expect(clientTls(cart, 80, 0).mode).toBe('SIMPLE');
    expect(clientTls(cart, 80, 1).mode).toBe('ISTIO_MUTUAL'); // a subset without tls inherits
  });
});

describe('sidecars', () => {
  const g = graphOf(`
apiVersion: v1
kind: Namespace
metadata: {name: on, labels: {istio-injection: enabled}}
---
apiVersion: v1
kind: Namespace
metadata: {name: off}
---
apiVersion: v1
kind: Pod
metadata: {name: a, namespace: on}
spec: {containers: [{name: c, image: x}]}
---
apiVersion: v1
kind: Pod
metadata: {name: b, namespace: on, labels: {sidecar.istio.io/inject: "false"}}
spec: {containers: [{name: c, image: x}]}
---
apiVersion: v1
kind: Pod
metadata: {name: c, namespace: off}
spec: {containers: [{name: c, image: x}]}
---
apiVersion: v1
kind: Pod
metadata: {name: d, namespace: off, labels: {sidecar.istio.io/inject: "true"}}
spec: {containers: [{name: c, image: x}]}
---
apiVersion: v1
kind: Pod
metadata: {name: e, namespace: elsewhere}
spec: {containers: [{name: c, image: x}]}
`);
  const state = (ns: string, name: string) => sidecarState(g, g.workloadOf(g.get('Pod', ns, name)!)!);
  it('follows namespace labels and pod overrides, unknown without the Namespace', () => {
    expect(state('on', 'a')).toBe('injected');
    expect(state('on', 'b')).toBe('none');
    expect(state('off', 'c')).toBe('none');
    expect(state('off', 'd')).toBe('injected');
    expect(state('elsewhere', 'e')).toBe('unknown');
  });
});

describe('AuthorizationPolicy helpers', () => {
  const g = graphOf(`
apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata: {name: mesh, namespace: istio-system}
spec:
  selector: {matchLabels: {app: api}}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: api, namespace: shop}
spec:
  template:
    metadata: {labels: {app: api}}
    spec: {serviceAccountName: api-sa, containers: [{name: c, image: x}]}
---
apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: {name: edge, namespace: infra}
spec: {gatewayClassName: istio, listeners: []}
`);
  it('applies a root-namespace selector policy in every namespace', () => {
    const p = authzPolicy(g, g.get('security.istio.io/AuthorizationPolicy', 'istio-system', 'mesh')!);
    expect(authzWorkloads(g, p)?.map((w) => w.resource.name)).toEqual(['api']);
  });
  it('knows the identities pod templates and Istio-deployed gateways run as', () => {
    const ids = serviceAccountIdentities(g);
    expect(ids.has('shop/api-sa')).toBe(true);
    expect(ids.has('infra/edge-istio')).toBe(true);
  });
  it('parses principals and Istio string matches', () => {
    expect(parsePrincipal('cluster.local/ns/shop/sa/api')).toEqual({ trustDomain: 'cluster.local', namespace: 'shop', serviceAccount: 'api' });
    expect(parsePrincipal('shop/api')).toBeUndefined();
    expect(istioStringMatch('api-*', 'api-v2')).toBe(true);
    expect(istioStringMatch('*-v2', 'api-v2')).toBe(true);
    expect(istioStringMatch('api', 'api-v2')).toBe(false);
  });
  it('reads Istio port protocols from appProtocol, then the name', () => {
    expect(servicePortProtocol({ name: 'tcp-db', port: 5432 })).toBe('tcp');
    expect(servicePortProtocol({ name: 'web', port: 80, appProtocol: 'http' })).toBe('http');
    expect(servicePortProtocol({ name: 'http-api', port: 80 })).toBe('http');
    expect(servicePortProtocol({ name: 'api', port: 80 })).toBe('unknown');
  });
});

describe('PeerAuthentication scope', () => {
  it('applies a root-namespace selector policy to matching workloads of other namespaces', async () => {
    const { effectiveMtls } = await import('../../src/graph/istio-mtls.js');
    const g = graphOf(`
apiVersion: security.istio.io/v1
kind: PeerAuthentication
metadata: {name: db-plain, namespace: istio-system}
spec:
  selector: {matchLabels: {app: db}}
  mtls: {mode: DISABLE}
---
apiVersion: security.istio.io/v1
kind: PeerAuthentication
metadata: {name: default, namespace: data}
spec:
  mtls: {mode: STRICT}
---
apiVersion: v1
kind: Pod
metadata: {name: db, namespace: data, labels: {app: db}}
spec: {containers: [{name: c, image: x}]}
---
apiVersion: v1
kind: Pod
metadata: {name: cache, namespace: data, labels: {app: cache}}
spec: {containers: [{name: c, image: x}]}
`);
    const mode = (name: string) => effectiveMtls(g, g.workloadOf(g.get('Pod', 'data', name)!)!).mode;
    expect(mode('db')).toBe('DISABLE');
    expect(mode('cache')).toBe('STRICT');
  });
});
