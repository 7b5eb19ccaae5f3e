import { describe, expect, it } from 'vitest';
import { lint } from '../../src/engine/lint.js';
import { hostsMatch, parseGatewayRef, resolveIstioHost, servicesForHost } from '../../src/graph/istio.js';
import { effectiveMtls } from '../../src/graph/istio-mtls.js';
import { labelSelector, selectorMatches } from '../../src/graph/selectors.js';
import { serviceProfileTarget } from '../../src/graph/linkerd.js';
import { lintSources } from '../../src/engine/lint.js';
import type { SourceFile } from '../../src/input/sources.js';

function graphOf(text: string) {
  const files: SourceFile[] = [{ id: 0, displayPath: 'mem.yaml', text }];
  return lintSources(files, { paths: [], rules: [] }).graph;
}

const deployment = (name: string, ns: string, labels: Record<string, string>) => `---
apiVersion: apps/v1
kind: Deployment
metadata: {name: ${name}, namespace: ${ns}}
spec:
  selector: {matchLabels: ${JSON.stringify(labels)}}
  template:
    metadata: {labels: ${JSON.stringify(labels)}}
    spec:
      containers: [{name: c, image: x, ports: [{name: http, containerPort: 8080}]}]
`;

describe('Istio host resolution', () => {
  it('expands short names in the referrer namespace and takes dotted names literally', () => {
    expect(resolveIstioHost('reviews', 'shop', 'cluster.local')).toBe('reviews.shop.svc.cluster.local');
    expect(resolveIstioHost('reviews.default', 'shop', 'cluster.local')).toBe('reviews.default');
    expect(resolveIstioHost('*', 'shop', 'cluster.local')).toBe('*');
    expect(resolveIstioHost('Reviews.Shop.svc.cluster.local', 'x', 'cluster.local')).toBe('reviews.shop.svc.cluster.local');
  });
  it('matches wildcards on either side', () => {
    expect(hostsMatch('*.example.com', 'a.example.com')).toBe(true);
    expect(hostsMatch('a.example.com', '*.example.com')).toBe(true);
    expect(hostsMatch('*.example.com', 'example.com')).toBe(false);
    expect(hostsMatch('a.example.com', 'b.example.com')).toBe(false);
  });
  it('parses gateway references', () => {
    expect(parseGatewayRef('mesh', 'shop')).toBeUndefined();
    expect(parseGatewayRef('gw', 'shop')).toEqual({ namespace: 'shop', name: 'gw' });
    expect(parseGatewayRef('istio-system/gw', 'shop')).toEqual({ namespace: 'istio-system', name: 'gw' });
  });
  it('finds Services by exact host and by namespace wildcard', () => {
    const g = graphOf('apiVersion: v1\nkind: Service\nmetadata: {name: a, namespace: shop}\n---\napiVersion: v1\nkind: Service\nmetadata: {name: b, namespace: shop}\n---\napiVersion: v1\nkind: Service\nmetadata: {name: c, namespace: other}\n');
    expect(servicesForHost(g, 'a.shop.svc.cluster.local').map((s) => s.name)).toEqual(['a']);
    expect(servicesForHost(g, '*.shop.svc.cluster.local').map((s) => s.name)).toEqual(['a', 'b']);
    expect(servicesForHost(g, '*.svc.cluster.local').map((s) => s.name)).toEqual(['a', 'b', 'c']);
    expect(servicesForHost(g, 'a.shop')).toEqual([]);
  });
});

describe('selectors and workloads', () => {
  it('evaluates matchLabels and matchExpressions', () => {
    const s = labelSelector({ matchLabels: { app: 'web' }, matchExpressions: [{ key: 'tier', operator: 'In', values: ['a', 'b'] }, { key: 'canary', operator: 'DoesNotExist' }] })!;
    expect(selectorMatches(s, { app: 'web', tier: 'a' })).toBe(true);
    expect(selectorMatches(s, { app: 'web', tier: 'c' })).toBe(false);
    expect(selectorMatches(s, { app: 'web', tier: 'a', canary: 'x' })).toBe(false);
  });
  it('indexes pod templates of every workload kind and matches them by namespace', () => {
    const cron = `---
apiVersion: batch/v1
kind: CronJob
metadata: {name: nightly, namespace: shop}
spec:
  schedule: "@daily"
  jobTemplate:
    spec:
      template:
        metadata: {labels: {app: nightly}}
        spec: {containers: [{name: c, image: x}], restartPolicy: Never}
`;
    const g = graphOf(deployment('web', 'shop', { app: 'web' }) + deployment('web', 'other', { app: 'web' }) + cron);
    expect(g.workloadsMatching('shop', labelSelector({ matchLabels: { app: 'web' } })!).map((w) => `${w.namespace}/${w.resource.name}`)).toEqual(['shop/web']);
    expect(g.workloadsMatching('shop', labelSelector({ matchLabels: { app: 'nightly' } })!).map((w) => w.resource.kind)).toEqual(['CronJob']);
  });
  it('records Service selectors as edges, dangling when nothing matches', () => {
    const g = graphOf(deployment('web', 'shop', { app: 'web' }) + '---\napiVersion: v1\nkind: Service\nmetadata: {name: web, namespace: shop}\nspec: {selector: {app: web}}\n---\napiVersion: v1\nkind: Service\nmetadata: {name: ghost, namespace: shop}\nspec: {selector: {app: ghost}}\n');
    const svc = g.get('Service', 'shop', 'web')!;
    expect(g.referencesFrom(svc, 'selects')[0].resolved.map((r) => r.name)).toEqual(['web']);
    expect(g.danglingReferences().map((r) => r.from.name)).toEqual(['ghost']);
    expect(g.graph.nodes().some((n) => n.startsWith('missing:'))).toBe(true);
  });
});

describe('effective PeerAuthentication', () => {
  const pa = (name: string, ns: string, body: string) => `---\napiVersion: security.istio.io/v1\nkind: PeerAuthentication\nmetadata: {name: ${name}, namespace: ${ns}}\nspec:\n${body}\n`;
  it('takes workload over namespace over mesh-wide, port level first, and defaults to PERMISSIVE', () => {
    const g = graphOf(
      deployment('a', 'shop', { app: 'a' }) +
        deployment('b', 'shop', { app: 'b' }) +
        deployment('c', 'plain', { app: 'c' }) +
        pa('mesh', 'istio-system', '  mtls: {mode: STRICT}') +
        pa('ns', 'shop', '  mtls: {mode: PERMISSIVE}') +
        pa('a', 'shop', '  selector: {matchLabels: {app: a}}\n  mtls: {mode: STRICT}\n  portLevelMtls:\n    9090: {mode: DISABLE}'),
    );
    const w = (ns: string, name: string) => g.workloadOf(g.get('apps/Deployment', ns, name)!)!;
    expect(effectiveMtls(g, w('shop', 'a'), 8080).mode).toBe('STRICT');
    expect(effectiveMtls(g, w('shop', 'a'), 9090).mode).toBe('DISABLE');
    expect(effectiveMtls(g, w('shop', 'b'), 8080)).toMatchObject({ mode: 'PERMISSIVE', source: { name: 'ns' } });
    expect(effectiveMtls(g, w('plain', 'c'), 8080)).toMatchObject({ mode: 'STRICT', source: { name: 'mesh' } });
    expect(effectiveMtls(graphOf(deployment('d', 'x', { app: 'd' })), graphOf(deployment('d', 'x', { app: 'd' })).workloads[0]).mode).toBe('PERMISSIVE');
  });
  it('reads the root namespace from the mesh config', () => {
    const text = deployment('a', 'shop', { app: 'a' }) + pa('mesh', 'mesh-root', '  mtls: {mode: STRICT}') +
      '---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: istio, namespace: istio-system}\ndata:\n  mesh: |\n    rootNamespace: mesh-root\n';
    const g = graphOf(text);
    expect(g.meshConfig.rootNamespace).toBe('mesh-root');
    expect(effectiveMtls(g, g.workloads[0], 8080).mode).toBe('STRICT');
  });
});

describe('Linkerd ServiceProfile names', () => {
  it('recognises only <svc>.<ns>.svc.<domain>', () => {
    expect(serviceProfileTarget('web.emojivoto.svc.cluster.local', 'cluster.local')).toEqual({ service: 'web', namespace: 'emojivoto' });
    expect(serviceProfileTarget('web.emojivoto', 'cluster.local')).toBeUndefined();
    expect(serviceProfileTarget('a.b.c.svc.cluster.local', 'cluster.local')).toBeUndefined();
  });
});

describe('lint()', () => {
  it('reports a missing path instead of throwing', () => {
    const r = lint({ paths: ['/definitely/not/here'], rules: [] });
    expect(r.missing.map((m) => m.path)).toEqual(['/definitely/not/here']);
  });
});
