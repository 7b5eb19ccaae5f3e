// `mesh-lint graph`: nodes by namespace, labelled edges, phantom nodes for dangling
// references, --focus neighbourhoods; dot, json and mermaid stay well-formed and stable.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lint } from '../../src/engine/lint.js';
import { exportGraph, graphToDot, graphToMermaid, matchFocus, neighbourhood, type ExportedGraph } from '../../src/report/graph-export.js';
import { runCli } from './cli-io.js';

const MESH = join(import.meta.dirname, 'fixtures', 'mesh');

const VS = 'networking.istio.io/VirtualService/shop/cart';
const GW = 'networking.istio.io/Gateway/istio-system/public';

function meshGraph(): ExportedGraph {
  const result = lint({ paths: [MESH], rules: [] });
  return exportGraph(result.graph, { fileName: (id) => result.files[id]?.displayPath });
}

function graphJson(args: string[]): { nodes: Array<Record<string, unknown>>; edges: Array<Record<string, unknown>> } {
  const run = runCli(['graph', MESH, '--format', 'json', ...args]);
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  return JSON.parse(run.stdout);
}

describe('graph export', () => {
  it('has every resource as a node, with its namespace and file', () => {
    const g = meshGraph();
    const ids = g.nodes.filter((n) => !n.phantom).map((n) => n.id);
    expect(ids.sort()).toEqual(
      ['ConfigMap/shop/settings', 'Service/shop/cart', 'apps/Deployment/shop/cart', GW, 'networking.istio.io/DestinationRule/shop/cart', VS].sort(),
    );
    const vs = g.nodes.find((n) => n.id === VS)!;
    expect(vs).toMatchObject({ kind: 'VirtualService', namespace: 'shop', name: 'cart', phantom: false });
    expect(vs.file).toMatch(/mesh\/shop\.yaml$/);
  });

  it('labels references by relation and keeps dangling ones, to phantom nodes', () => {
    const g = meshGraph();
    const edge = (from: string, to: string) => g.edges.find((e) => e.from === from && e.to === to);
    expect(edge(VS, GW)).toMatchObject({ relation: 'attaches-to', path: 'spec.gateways.0', dangling: false });
    expect(edge(VS, 'Service/shop/cart')).toMatchObject({ relation: 'routes-to', dangling: false });
    expect(edge('Service/shop/cart', 'apps/Deployment/shop/cart')).toMatchObject({ relation: 'selects' });
    expect(edge('networking.istio.io/DestinationRule/shop/cart', 'Service/shop/cart')).toMatchObject({ relation: 'configures' });
    expect(edge(VS, 'missing:Service/shop/payments')).toMatchObject({ relation: 'routes-to', dangling: true, path: 'spec.http.0.route.1.destination.host' });
    expect(edge(VS, 'missing:networking.istio.io/Gateway/shop/internal')).toMatchObject({ relation: 'attaches-to', dangling: true });
    const phantom = g.nodes.find((n) => n.id === 'missing:Service/shop/payments');
    expect(phantom).toMatchObject({ phantom: true, kind: 'Service', namespace: 'shop', name: 'payments' });
    // Every edge ends at a node of the export.
    const ids = new Set(g.nodes.map((n) => n.id));
    for (const e of g.edges) expect(ids.has(e.from) && ids.has(e.to)).toBe(true);
  });

  it('keeps both definitions of a resource defined twice, under distinct ids', () => {
    const dir = mkdtempSync(join(tmpdir(), 'mesh-lint-graph-'));
    const file = join(dir, 'twice.yaml');
    const svc = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: a\n  namespace: x\nspec:\n  ports:\n  - port: 80\n';
    writeFileSync(file, `${svc}---\n${svc}`);
    const result = lint({ paths: [file], rules: [] });
    const g = exportGraph(result.graph);
    expect(g.nodes.map((n) => n.id)).toEqual(['Service/x/a', 'Service/x/a#2']);
  });

  it('is byte-identical across runs and argument orders', () => {
    const a = runCli(['graph', join(MESH, 'shop.yaml'), join(MESH, 'gateway.yaml'), '-f', 'json']).stdout;
    const b = runCli(['graph', join(MESH, 'gateway.yaml'), join(MESH, 'shop.yaml'), '-f', 'json']).stdout;
    expect(a).toBe(b);
    expect(runCli(['graph', MESH, '-f', 'dot']).stdout).toBe(runCli(['graph', MESH, '-f', 'dot']).stdout);
  });
});

describe('--focus', () => {
  it('accepts a bare kind (any case), a group-qualified kind, and KIND/NAME for cluster-scoped kinds', () => {
    const g = meshGraph();
    expect(matchFocus(g, 'VirtualService/shop/cart')).toEqual([VS]);
    expect(matchFocus(g, 'virtualservice/shop/cart')).toEqual([VS]);
    expect(matchFocus(g, 'networking.istio.io/VirtualService/shop/cart')).toEqual([VS]);
    expect(matchFocus(g, 'apps/Deployment/shop/cart')).toEqual(['apps/Deployment/shop/cart']);
    expect(matchFocus(g, 'VirtualService/other/cart')).toEqual([]);
    expect(matchFocus(g, 'cart')).toEqual([]);
    // Without a namespace: that name in every namespace.
    expect(matchFocus(g, 'Service/cart')).toEqual(['Service/shop/cart']);
    expect(matchFocus(g, 'apps/Deployment/cart')).toEqual(['apps/Deployment/shop/cart']);
    expect(matchFocus(g, 'Gateway/public')).toEqual([GW]);
    const ns: ExportedGraph = { nodes: [{ id: 'Namespace//shop', kind: 'Namespace', kindKey: 'Namespace', namespace: '', name: 'shop', phantom: false }], edges: [] };
    expect(matchFocus(ns, 'Namespace/shop')).toEqual(['Namespace//shop']);
  });

  it("shows the resource's neighbourhood, both directions, to the given depth", () => {
    const g = meshGraph();
    const one = neighbourhood(g, [VS], 1);
    expect(one.nodes.map((n) => n.id).sort()).toEqual(['Service/shop/cart', 'missing:Service/shop/payments', 'missing:networking.istio.io/Gateway/shop/internal', GW, VS].sort());
    expect(one.edges.every((e) => e.from === VS)).toBe(true);
    const two = neighbourhood(g, [VS], 2).nodes.map((n) => n.id);
    expect(two).toContain('apps/Deployment/shop/cart');
    expect(two).toContain('networking.istio.io/DestinationRule/shop/cart');
    expect(two).not.toContain('ConfigMap/shop/settings');
    // Incoming references count too.
    expect(neighbourhood(g, ['Service/shop/cart'], 1).nodes.map((n) => n.id)).toContain(VS);
  });

  it('works from the command line and fails with exit 2 on an unknown resource', () => {
    const out = graphJson(['--focus', 'Service/shop/cart']);
    expect(out.nodes.map((n) => n.id)).not.toContain('ConfigMap/shop/settings');
    expect(out.nodes.map((n) => n.id)).toContain('apps/Deployment/shop/cart');
    const zero = graphJson(['--focus', 'Service/shop/cart', '--depth', '0']);
    expect(zero.nodes.map((n) => n.id)).toEqual(['Service/shop/cart']);
    const bad = runCli(['graph', MESH, '--focus', 'Service/shop/nope']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('no resource "Service/shop/nope" in the inputs');
    expect(runCli(['graph', MESH, '--focus', 'Service/shop/cart', '--depth', 'x']).code).toBe(2);
    expect(runCli(['graph', join(MESH, 'absent')]).code).toBe(2);
    expect(runCli(['graph', MESH, '--format', 'svg']).code).toBe(2);
  });

  it('writes to --output', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'mesh-lint-graph-')), 'g.dot');
    expect(runCli(['graph', MESH, '-o', out]).code).toBe(0);
    expect(readFileSync(out, 'utf8')).toMatch(/^digraph mesh \{/);
  });
});

describe('dot', () => {
  it('groups nodes by namespace and draws broken references and phantoms distinctly', () => {
    const dot = runCli(['graph', MESH]).stdout; // dot is the default
    expect(dot).toMatch(/^digraph mesh \{\n/);
    expect(dot.trimEnd().endsWith('}')).toBe(true);
    expect(dot).toContain('subgraph "cluster_shop" {');
    expect(dot).toContain('label="namespace shop";');
    expect(dot).toContain('subgraph "cluster_istio-system" {');
    expect(dot).toContain(`"${VS}" -> "${GW}" [label="attaches to"`);
    const broken = dot.split('\n').find((l) => l.includes(`"${VS}" -> "missing:Service/shop/payments"`))!;
    expect(broken).toContain('style=dashed');
    expect(broken).toContain('label="routes to"');
    const phantom = dot.split('\n').find((l) => l.trim().startsWith('"missing:Service/shop/payments" ['))!;
    expect(phantom).toContain('payments (not in the inputs)');
    expect(phantom).toContain('dashed');
    // Balanced braces: one per subgraph plus the graph.
    expect((dot.match(/\{/g) ?? []).length).toBe((dot.match(/\}/g) ?? []).length);
  });

  it('escapes quotes, backslashes and newlines in names', () => {
    const g: ExportedGraph = {
      nodes: [{ id: 'Service/ns/a"b\\c', kind: 'Service', kindKey: 'Service', namespace: 'n"s', name: 'a"b\\c\nd', phantom: false }],
      edges: [],
    };
    const dot = graphToDot(g);
    expect(dot).toContain('"Service/ns/a\\"b\\\\c"');
    expect(dot).toContain('subgraph "cluster_n\\"s"');
    expect(dot).toContain('label="Service\\na\\"b\\\\c\\nd"');
  });

  it('qualifies kinds that two API groups share', () => {
    const g: ExportedGraph = {
      nodes: [
        { id: 'a', kind: 'Gateway', kindKey: 'networking.istio.io/Gateway', namespace: 'x', name: 'a', phantom: false },
        { id: 'b', kind: 'Gateway', kindKey: 'gateway.networking.k8s.io/Gateway', namespace: 'x', name: 'b', phantom: false },
      ],
      edges: [],
    };
    const dot = graphToDot(g);
    expect(dot).toContain('Gateway (istio)\\na');
    expect(dot).toContain('Gateway (gateway-api)\\nb');
  });
});

describe('mermaid', () => {
  it('is a flowchart with one subgraph per namespace, dotted broken links and a phantom class', () => {
    const mmd = runCli(['graph', MESH, '-f', 'mermaid']).stdout;
    const lines = mmd.trimEnd().split('\n');
    expect(lines[0]).toBe('flowchart LR');
    expect(lines).toContain('  subgraph ns1["namespace shop"]');
    expect(lines.filter((l) => l.trim() === 'end').length).toBe(lines.filter((l) => l.trim().startsWith('subgraph')).length);
    expect(mmd).toMatch(/n\d+\["VirtualService<br\/>cart"\]/);
    expect(mmd).toMatch(/n\d+\["Service<br\/>payments #40;not in the inputs#41;"\]:::phantom/);
    const links = lines.filter((l) => /^ {2}n\d+ (-->|-\.->)\|/.test(l));
    const broken = links.map((l, i) => (l.includes('-.->') ? i : -1)).filter((i) => i >= 0);
    expect(broken.length).toBe(2);
    expect(lines).toContain(`  linkStyle ${broken.join(',')} stroke:#cf222e,stroke-width:2px,color:#cf222e`);
    expect(mmd).toContain('|attaches to|');
  });

  it('escapes characters that would break the syntax', () => {
    const g: ExportedGraph = { nodes: [{ id: 'x', kind: 'Service', kindKey: 'Service', namespace: 'ns', name: 'a"b]c|d\ne', phantom: false }], edges: [] };
    expect(graphToMermaid(g)).toContain('n0["Service<br/>a#34;b#93;c#124;d e"]');
  });
});

describe('on examples/', () => {
  const EXAMPLES = join(import.meta.dirname, '..', '..', 'examples');

  it('exports a consistent graph in every format', () => {
    const json = runCli(['graph', EXAMPLES, '-f', 'json']);
    expect(json.code).toBe(0);
    const g = JSON.parse(json.stdout) as ExportedGraph;
    expect(g.nodes.length).toBeGreaterThan(0);
    const ids = new Set(g.nodes.map((n) => n.id));
    expect(ids.size).toBe(g.nodes.length);
    for (const e of g.edges) expect(ids.has(e.from) && ids.has(e.to), `${e.from} -> ${e.to}`).toBe(true);
    for (const e of g.edges) expect(g.nodes.find((n) => n.id === e.to)!.phantom).toBe(e.dangling);
    const dot = runCli(['graph', EXAMPLES, '-f', 'dot']).stdout;
    expect((dot.match(/ -> /g) ?? []).length).toBe(g.edges.length);
    const mmd = runCli(['graph', EXAMPLES, '-f', 'mermaid']).stdout;
    expect((mmd.match(/ (-->|-\.->)\|/g) ?? []).length).toBe(g.edges.length);
  });
});

describe('mermaid size warning', () => {
  it('warns on stderr above the 500 edges Mermaid renders by default, and still writes the graph', () => {
    const dir = mkdtempSync(join(tmpdir(), 'mesh-lint-graph-'));
    const docs = ['apiVersion: v1\nkind: Service\nmetadata:\n  name: web\n  namespace: big\nspec:\n  selector:\n    app: web\n  ports:\n  - port: 80\n'];
    for (let i = 0; i < 501; i++) {
      docs.push(
        `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web-${i}\n  namespace: big\nspec:\n  selector:\n    matchLabels:\n      app: web\n  template:\n    metadata:\n      labels:\n        app: web\n    spec:\n      containers:\n      - name: web\n        image: web:1\n`,
      );
    }
    writeFileSync(join(dir, 'big.yaml'), docs.join('---\n'));
    const big = runCli(['graph', dir, '-f', 'mermaid']);
    expect(big.code).toBe(0);
    expect(big.stderr).toContain('501 edges; Mermaid renderers');
    expect((big.stdout.match(/ -->\|selects\| /g) ?? []).length).toBe(501);
    expect(runCli(['graph', dir, '-f', 'mermaid', '--focus', 'Deployment/big/web-1']).stderr).toBe('');
  });
});
