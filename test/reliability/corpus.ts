// Small, consistent manifests for the reliability tests: a few of each kind the rules read, some
// with real mistakes, so that reports are non-trivial.
export const BASE_MANIFESTS: Array<Record<string, unknown>> = [
  { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop', labels: { 'istio-injection': 'enabled' } } },
  {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'cart', namespace: 'shop', labels: { app: 'cart' } },
    spec: {
      selector: { matchLabels: { app: 'cart' } },
      template: { metadata: { labels: { app: 'cart', version: 'v1' } }, spec: { containers: [{ name: 'cart', image: 'cart:1.0', ports: [{ containerPort: 8080 }] }] } },
    },
  },
  { apiVersion: 'v1', kind: 'Service', metadata: { name: 'cart', namespace: 'shop' }, spec: { selector: { app: 'cart' }, ports: [{ name: 'http', port: 80, targetPort: 8080 }] } },
  {
    apiVersion: 'networking.istio.io/v1',
    kind: 'Gateway',
    metadata: { name: 'public', namespace: 'shop' },
    spec: { selector: { istio: 'ingressgateway' }, servers: [{ port: { number: 80, name: 'http', protocol: 'HTTP' }, hosts: ['shop.example.com'] }] },
  },
  {
    apiVersion: 'networking.istio.io/v1',
    kind: 'VirtualService',
    metadata: { name: 'cart', namespace: 'shop' },
    spec: { hosts: ['shop.example.com'], gateways: ['public', 'missing-gw'], http: [{ route: [{ destination: { host: 'cart', subset: 'v1' }, weight: 100 }] }] },
  },
  {
    apiVersion: 'networking.istio.io/v1',
    kind: 'DestinationRule',
    metadata: { name: 'cart', namespace: 'shop' },
    spec: { host: 'cart.shop.svc.cluster.local', trafficPolicy: { tls: { mode: 'DISABLE' } }, subsets: [{ name: 'v1', labels: { version: 'v1' } }] },
  },
  { apiVersion: 'security.istio.io/v1', kind: 'PeerAuthentication', metadata: { name: 'default', namespace: 'shop' }, spec: { mtls: { mode: 'STRICT' } } },
  {
    apiVersion: 'linkerd.io/v1alpha2',
    kind: 'ServiceProfile',
    metadata: { name: 'cart', namespace: 'shop' },
    spec: { routes: [{ name: 'GET /items', condition: { method: 'GET', pathRegex: '/items' } }] },
  },
  {
    apiVersion: 'gateway.networking.k8s.io/v1',
    kind: 'Gateway',
    metadata: { name: 'edge', namespace: 'infra' },
    spec: { gatewayClassName: 'istio', listeners: [{ name: 'http', port: 80, protocol: 'HTTP', allowedRoutes: { namespaces: { from: 'All' } } }] },
  },
  {
    apiVersion: 'gateway.networking.k8s.io/v1',
    kind: 'HTTPRoute',
    metadata: { name: 'cart', namespace: 'shop' },
    spec: { parentRefs: [{ name: 'edge', namespace: 'infra', sectionName: 'http' }, { name: 'gone' }], rules: [{ backendRefs: [{ name: 'cart', port: 80 }] }] },
  },
];
