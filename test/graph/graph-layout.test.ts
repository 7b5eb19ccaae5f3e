// The laid-out SVG is sound: nodes never overlap, each sits inside its namespace's box, and
// the same graph always gives the same picture.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lint } from '../../src/engine/lint.js';
import { exportGraph, type ExportedGraph } from '../../src/report/graph-export.js';
import { drawGraph } from '../../src/report/graph-layout.js';
import { formatHtml } from '../../src/report/html.js';

interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

function boxes(svg: string, re: RegExp): Array<{ key: string; box: Box }> {
  return [...svg.matchAll(re)].map((m) => ({ key: m[1], box: { x: Number(m[2]), y: Number(m[3]), w: Number(m[4]), h: Number(m[5]) } }));
}

const overlap = (a: Box, b: Box) => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
const inside = (a: Box, b: Box) => a.x >= b.x && a.y >= b.y && a.x + a.w <= b.x + b.w && a.y + a.h <= b.y + b.h;

for (const dir of [join(import.meta.dirname, 'fixtures', 'mesh'), join(import.meta.dirname, '..', '..', 'examples')]) {
  describe(`layout of ${dir.split('/').slice(-2).join('/')}`, () => {
    const result = lint({ paths: [dir], rules: [] });
    const graph = exportGraph(result.graph);
    const drawn = drawGraph(graph, new Map());

    it('draws every node once, without overlaps, inside its namespace box', () => {
      const nodes = boxes(drawn.svg, /<g class="node[^"]*" id="n\d+" data-node="([^"]*)"[^>]*><title>[^<]*<\/title><rect x="([-\d.]+)" y="([-\d.]+)" width="([\d.]+)" height="([\d.]+)"/g);
      expect(nodes.map((n) => n.key).sort()).toEqual(graph.nodes.map((n) => n.id.replace(/&/g, '&amp;')).sort());
      for (let i = 0; i < nodes.length; i++) for (let j = i + 1; j < nodes.length; j++) expect(overlap(nodes[i].box, nodes[j].box), `${nodes[i].key} / ${nodes[j].key}`).toBe(false);
      const clusters = new Map(boxes(drawn.svg, /<g class="cluster" data-namespace="([^"]*)"><rect x="([-\d.]+)" y="([-\d.]+)" width="([\d.]+)" height="([\d.]+)"/g).map((c) => [c.key, c.box]));
      const list = [...clusters.entries()];
      for (let i = 0; i < list.length; i++) for (let j = i + 1; j < list.length; j++) expect(overlap(list[i][1], list[j][1]), `namespaces ${list[i][0]} / ${list[j][0]}`).toBe(false);
      for (const n of graph.nodes) {
        if (!n.namespace) continue;
        const box = nodes.find((b) => b.key === n.id)!.box;
        expect(inside(box, clusters.get(n.namespace)!), `${n.id} in namespace ${n.namespace}`).toBe(true);
      }
    });

    it('draws one path per edge and is deterministic', () => {
      expect((drawn.svg.match(/<g class="edge /g) ?? []).length).toBe(graph.edges.length);
      expect(drawn.svg).not.toContain('d=""');
      expect(drawGraph(graph, new Map()).svg).toBe(drawn.svg);
    });
  });
}

describe('layout of awkward graphs', () => {
  it('copes with self-references, cycles, relations it has no colour for and cluster-scoped nodes', () => {
    const node = (id: string, namespace: string) => ({ id, kind: 'Service', kindKey: 'Service', namespace, name: id, phantom: false });
    const drawn = drawGraph(
      {
        nodes: [node('a', 'x'), node('b', ''), node('c', 'y')],
        edges: [
          { from: 'a', to: 'a', relation: 'uses', path: 'spec.a', dangling: false },
          { from: 'a', to: 'b', relation: 'mirrors' as never, path: 'spec.b', dangling: false },
          { from: 'b', to: 'c', relation: 'grants', path: 'spec.c', dangling: true },
          { from: 'c', to: 'a', relation: 'grants', path: 'spec.d', dangling: false },
        ],
      },
      new Map([['a', { severity: 'warning', count: 120 }]]),
    );
    expect((drawn.svg.match(/<g class="edge /g) ?? []).length).toBe(4);
    expect(drawn.svg).not.toMatch(/d=""|NaN|undefined/);
    expect(drawn.svg).toContain('<g class="edge rel-mirrors"');
    expect(drawn.svg).toContain('>mirrors</text>');
    expect(drawn.svg).toContain('>99+</text>');
    expect(drawn.svg).toContain('<g class="node has-warning" id="n0"');
  });
});

describe('when dagre cannot lay out namespace boxes', () => {
  // A graph on which dagre 3.1's compound layout throws "Not possible to find intersection
  // inside of the rectangle" (found on a generated 10,000-service corpus).
  const graph = JSON.parse(readFileSync(join(import.meta.dirname, 'fixtures', 'dagre-compound-failure.json'), 'utf8')) as ExportedGraph;

  it('still draws every node and edge, with the namespace on each node instead of boxes', () => {
    const drawn = drawGraph(graph, new Map());
    expect((drawn.svg.match(/<g class="node[ "]/g) ?? []).length).toBe(graph.nodes.length);
    expect((drawn.svg.match(/<g class="edge /g) ?? []).length).toBe(graph.edges.length);
    expect(drawn.svg).not.toMatch(/NaN|undefined|d=""/);
    if (!drawn.clustered) {
      expect(drawn.svg).not.toContain('<g class="cluster"');
      expect(drawn.svg).toContain('>Service · ns-a</text>');
    }
  });

  it('and the report says so', () => {
    const out = formatHtml({ toolVersion: '0.0.0', files: 1, resources: graph.nodes.length, rules: [], findings: [], graph }, { readText: () => undefined });
    expect((out.match(/<g class="node[ "]/g) ?? []).length).toBe(graph.nodes.length);
    expect(out.includes('the layout with one box per namespace failed')).toBe(!drawGraph(graph, new Map()).clustered);
  });
});
