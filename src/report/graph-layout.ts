// Lays the resource graph out with dagre (left to right, one cluster per namespace) and draws
// it as inline SVG: no script, no external reference, deterministic for the same graph.
import dagre, { type EdgeLabel, type NodeLabel } from '@dagrejs/dagre';
import { BROKEN_COLOR, kindLabels, nodeTitle, RELATION_COLOR, relationLabel, type ExportedGraph, type ExportNode } from './graph-export.js';
import { escapeHtml } from './html-escape.js';

/**
 * Above this many nodes or edges the HTML report draws only the neighbourhood of the
 * resources with findings (dagre's layout grows faster than linearly; `mesh-lint graph` has no limit).
 */
export const MAX_DRAWN_NODES = 400;
export const MAX_DRAWN_EDGES = 1000;
/** Up to this many nodes + edges the layout uses dagre's best (and slowest) ranker. */
const SIMPLEX_LIMIT = 300;

export interface NodeMark {
  /** Highest severity of the findings on this node. */
  severity: 'error' | 'warning' | 'info';
  count: number;
}

export interface DrawnGraph {
  svg: string;
  /** Export node id → DOM id of its SVG group. */
  domIds: Map<string, string>;
  nodes: number;
  edges: number;
  /** False when the layout fell back to no namespace boxes. */
  clustered: boolean;
}

const NODE_HEIGHT = 40;
const KIND_CHAR = 6.2; // 10px text (DejaVu Sans, the widest likely fallback)
const NAME_CHAR = 7.9; // 12px bold text
const LABEL_CHAR = 5.8; // 9.5px edge labels

const round = (n: number) => Math.round(n * 10) / 10;

function clip(s: string, max: number): string {
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}

/** A smooth path through dagre's points (quadratic segments through the midpoints). */
function pathThrough(points: ReadonlyArray<{ x: number; y: number }>): string {
  if (!points.length) return '';
  const p = points.map((q) => ({ x: round(q.x), y: round(q.y) }));
  let d = `M${p[0].x},${p[0].y}`;
  if (p.length === 2) return `${d} L${p[1].x},${p[1].y}`;
  for (let i = 1; i < p.length - 1; i++) {
    const mx = round((p[i].x + p[i + 1].x) / 2);
    const my = round((p[i].y + p[i + 1].y) / 2);
    d += i === p.length - 2 ? ` Q${p[i].x},${p[i].y} ${p[i + 1].x},${p[i + 1].y}` : ` Q${p[i].x},${p[i].y} ${mx},${my}`;
  }
  return d;
}

const markerId = (key: string) => `arrow-${key.replace(/[^a-z0-9-]/gi, '_')}`;

type Layout = ReturnType<typeof layout>;

/**
 * dagre layout, one cluster per namespace when `clusters`. dagre's compound layout has a known
 * failure ("Not possible to find intersection inside of the rectangle") on some graphs; the
 * caller then lays the graph out flat.
 */
function layout(graph: ExportedGraph, kindLabel: (n: ExportNode) => string, clusters: boolean, reversed = false) {
  const g = new dagre.graphlib.Graph({ directed: true, multigraph: true, compound: clusters });
  // network-simplex gives the tidiest ranks but is several times slower than longest-path on
  // compound graphs of a few hundred nodes; the layouts differ little at that size.
  const ranker = graph.nodes.length + graph.edges.length <= SIMPLEX_LIMIT ? 'network-simplex' : 'longest-path';
  g.setGraph({ rankdir: 'LR', nodesep: 18, ranksep: 70, edgesep: 12, marginx: 16, marginy: 16, ranker });
  g.setDefaultEdgeLabel(() => ({}));

  const domIds = new Map<string, string>();
  const byDom = new Map<string, ExportNode>();
  const namespaces = clusters ? [...new Set(graph.nodes.map((n) => n.namespace).filter((ns) => ns !== ''))] : [];
  const clusterOf = new Map(namespaces.map((ns, i) => [ns, `ns${i}`]));
  for (const [ns, id] of clusterOf) g.setNode(id, { label: ns, width: 0, height: 0 } as NodeLabel);
  graph.nodes.forEach((n, i) => {
    const dom = `n${i}`;
    domIds.set(n.id, dom);
    byDom.set(dom, n);
  });
  // dagre's result depends on insertion order; `reversed` is the second attempt.
  const order = reversed ? [...graph.nodes.keys()].reverse() : [...graph.nodes.keys()];
  for (const i of order) {
    const n = graph.nodes[i];
    const dom = `n${i}`;
    // Without namespace boxes, the namespace goes on the kind line.
    const kind = clip(clusters || !n.namespace ? kindLabel(n) : `${kindLabel(n)} · ${n.namespace}`, 48);
    const name = clip(nodeTitle(n), 48);
    const width = Math.max(80, Math.ceil(Math.max(kind.length * KIND_CHAR, name.length * NAME_CHAR)) + 24);
    g.setNode(dom, { width, height: NODE_HEIGHT, kind, name } as NodeLabel);
    if (clusters && n.namespace) g.setParent(dom, clusterOf.get(n.namespace)!);
  }
  graph.edges.forEach((e, i) => {
    const label = relationLabel(e.relation);
    g.setEdge(domIds.get(e.from)!, domIds.get(e.to)!, { label, width: Math.ceil(label.length * LABEL_CHAR) + 6, height: 14, labelpos: 'c', index: i }, `e${i}`);
  });
  dagre.layout(g);
  return { g, domIds, byDom, clusterOf };
}

/** Lays out and draws the graph; `marks` flags the nodes that carry findings. */
export function drawGraph(graph: ExportedGraph, marks: ReadonlyMap<string, NodeMark>): DrawnGraph {
  const kindLabel = kindLabels(graph.nodes);
  let laid: Layout | undefined;
  const attempts: Array<() => Layout> = [() => layout(graph, kindLabel, true), () => layout(graph, kindLabel, true, true)];
  for (const attempt of attempts) {
    try {
      laid = attempt();
      break;
    } catch {
      /* dagre's compound layout failed on this graph: next attempt */
    }
  }
  laid ??= layout(graph, kindLabel, false);
  const { g, domIds, byDom, clusterOf } = laid;

  const size = g.graph() as { width?: number; height?: number };
  const width = Math.ceil(size.width ?? 0) + 2;
  const height = Math.ceil(size.height ?? 0) + 24;
  const out: string[] = [];
  out.push(
    `<svg id="graph-svg" role="img" aria-label="Resource graph: ${graph.nodes.length} resources, ${graph.edges.length} references" viewBox="0 -20 ${width} ${height}" width="${width}" height="${height}" data-width="${width}" data-height="${height}">`,
  );
  out.push('<defs>');
  const colours = new Map<string, string>([...Object.entries(RELATION_COLOR), ['broken', BROKEN_COLOR], ['other', '#57606a']]);
  for (const [key, colour] of colours) {
    out.push(`<marker id="${markerId(key)}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="${colour}"/></marker>`);
  }
  out.push('</defs>');

  // Namespace clusters first, so nodes and edges draw over them.
  out.push('<g class="clusters">');
  for (const [ns, id] of clusterOf) {
    const c = g.node(id) as NodeLabel;
    if (c.x === undefined || c.y === undefined) continue;
    const x = round(c.x - c.width / 2);
    const y = round(c.y - c.height / 2);
    // The label sits on the top border, like a fieldset legend: clear of the nodes inside.
    out.push(
      `<g class="cluster" data-namespace="${escapeHtml(ns)}"><rect x="${x}" y="${y}" width="${round(c.width)}" height="${round(c.height)}" rx="8"/><text x="${x + 10}" y="${round(y + 4)}">namespace ${escapeHtml(clip(ns, 60))}</text></g>`,
    );
  }
  out.push('</g>');

  out.push('<g class="edges">');
  graph.edges.forEach((e, i) => {
    const from = domIds.get(e.from)!;
    const to = domIds.get(e.to)!;
    const label = g.edge(from, to, `e${i}`) as EdgeLabel;
    const key = e.dangling ? 'broken' : RELATION_COLOR[e.relation] ? e.relation : 'other';
    const cls = `edge rel-${e.relation.replace(/[^a-z0-9-]/gi, '_')}${e.dangling ? ' broken' : ''}`;
    const title = `${byDom.get(from)!.id} ${relationLabel(e.relation)} ${byDom.get(to)!.id} (${e.path})${e.dangling ? ': not in the inputs' : ''}`;
    out.push(
      `<g class="${cls}" data-from="${from}" data-to="${to}"><title>${escapeHtml(title)}</title><path d="${pathThrough(label.points ?? [])}" stroke="${colours.get(key)}" marker-end="url(#${markerId(key)})"/>` +
        (label.x !== undefined && label.y !== undefined ? `<text x="${round(label.x)}" y="${round(label.y + 3)}" fill="${colours.get(key)}">${escapeHtml(relationLabel(e.relation))}</text>` : '') +
        '</g>',
    );
  });
  out.push('</g>');

  out.push('<g class="nodes">');
  for (const [dom, n] of byDom) {
    const l = g.node(dom) as NodeLabel & { kind: string; name: string };
    const x = round(l.x! - l.width / 2);
    const y = round(l.y! - l.height / 2);
    const mark = marks.get(n.id);
    const cls = ['node', n.phantom ? 'phantom' : '', mark ? `has-${mark.severity}` : ''].filter(Boolean).join(' ');
    const tip = `${n.kindKey} ${n.namespace ? `${n.namespace}/` : ''}${n.name}${n.phantom ? ' (not in the inputs)' : ''}${n.file ? `\n${n.file}` : ''}${mark ? `\n${mark.count} finding${mark.count === 1 ? '' : 's'}` : ''}`;
    out.push(
      `<g class="${cls}" id="${dom}" data-node="${escapeHtml(n.id)}" tabindex="0"><title>${escapeHtml(tip)}</title>` +
        `<rect x="${x}" y="${y}" width="${l.width}" height="${l.height}" rx="6"/>` +
        `<text class="kind" x="${x + 10}" y="${y + 15}">${escapeHtml(l.kind)}</text>` +
        `<text class="name" x="${x + 10}" y="${y + 31}">${escapeHtml(l.name)}</text>` +
        (mark ? `<g class="badge"><circle cx="${round(x + l.width)}" cy="${y}" r="9"/><text x="${round(x + l.width)}" y="${y + 3.5}">${mark.count > 99 ? '99+' : mark.count}</text></g>` : '') +
        '</g>',
    );
  }
  out.push('</g></svg>');
  return { svg: out.join('\n'), domIds, nodes: graph.nodes.length, edges: graph.edges.length, clustered: clusterOf.size > 0 || !graph.nodes.some((n) => n.namespace) };
}
