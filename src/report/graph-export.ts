// The resource graph as data and as text: nodes are resources (grouped by namespace) plus
// phantom nodes for dangling references; edges are references labelled by their relation.
// Formats: `json` (version 1), Graphviz `dot`, `mermaid` flowchart. Pure and deterministic.
import type { Relation, ResourceGraph } from '../graph/graph.js';
import type { Resource, ResourceRef } from '../model/types.js';

export interface ExportNode {
  /** Stable id: `kindKey/namespace/name` (`#2`… for a resource defined twice), `missing:…` for phantoms. */
  id: string;
  kind: string;
  /** `group/Kind`, bare `Kind` for the core group. */
  kindKey: string;
  /** '' for cluster-scoped resources and phantoms of cluster-scoped kinds. */
  namespace: string;
  name: string;
  /** True for the target of a dangling reference: absent from the inputs. */
  phantom: boolean;
  /** File the resource was read from (display path), when known. */
  file?: string;
}

export interface ExportEdge {
  from: string;
  to: string;
  relation: Relation;
  /** Field of the referring resource holding the reference, dotted. */
  path: string;
  dangling: boolean;
}

export interface ExportedGraph {
  nodes: ExportNode[];
  edges: ExportEdge[];
}

export interface ExportOptions {
  /** Display path of a file id, to tell where each resource comes from. */
  fileName?: (fileId: number) => string | undefined;
}

export const GRAPH_FORMATS = ['dot', 'json', 'mermaid'] as const;
export type GraphFormat = (typeof GRAPH_FORMATS)[number];

/** How each relation reads as an edge label. */
export const RELATION_LABEL: Readonly<Record<Relation, string>> = {
  'routes-to': 'routes to',
  'attaches-to': 'attaches to',
  selects: 'selects',
  'governs-mtls': 'governs mTLS',
  grants: 'grants',
  configures: 'configures',
  uses: 'uses',
  authorizes: 'authorizes',
  profiles: 'profiles',
};

/** A relation label for any string, including relations added after this module. */
export function relationLabel(relation: string): string {
  return (RELATION_LABEL as Record<string, string>)[relation] ?? relation.replace(/-/g, ' ');
}

/** The node id of a resource identity (the first definition when it is defined more than once). */
export function nodeIdOf(kindKey: string, namespace: string, name: string): string {
  return `${kindKey}/${namespace}/${name}`;
}

/** The node id a finding's resource refers to. */
export function nodeIdOfRef(ref: ResourceRef): string {
  const slash = ref.apiVersion.indexOf('/');
  const group = slash >= 0 ? ref.apiVersion.slice(0, slash) : '';
  return nodeIdOf(group ? `${group}/${ref.kind}` : ref.kind, ref.namespace ?? '', ref.name);
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function isPhantomLabel(v: unknown): v is { phantom: true; kindKey: string; namespace: string; name: string } {
  return typeof v === 'object' && v !== null && (v as { phantom?: unknown }).phantom === true;
}

function kindOf(kindKey: string): string {
  const slash = kindKey.lastIndexOf('/');
  return slash >= 0 ? kindKey.slice(slash + 1) : kindKey;
}

/** Turns the graph into sorted plain data (linear in nodes + edges, plus the sort). */
export function exportGraph(graph: ResourceGraph, opts: ExportOptions = {}): ExportedGraph {
  const g = graph.graph;
  const idOf = new Map<string, string>();
  const nodes: ExportNode[] = [];
  const taken = new Set<string>();
  // Resources in input order so the first definition of an identity keeps the plain id.
  const resources = [...graph.resources].sort((a, b) => a.uid - b.uid);
  for (const r of resources) {
    const base = nodeIdOf(r.kindKey, r.namespace, r.name);
    let id = base;
    for (let n = 2; taken.has(id); n++) id = `${base}#${n}`;
    taken.add(id);
    idOf.set(String(r.uid), id);
    nodes.push(resourceNode(r, id, opts));
  }
  for (const v of g.nodes()) {
    if (idOf.has(v)) continue;
    const label = g.node(v) as unknown;
    if (!isPhantomLabel(label)) continue;
    idOf.set(v, v);
    nodes.push({ id: v, kind: kindOf(label.kindKey), kindKey: label.kindKey, namespace: label.namespace, name: label.name, phantom: true });
  }
  const edges: ExportEdge[] = [];
  for (const e of g.edges()) {
    const from = idOf.get(e.v);
    const to = idOf.get(e.w);
    const label = g.edge(e) as { relation: Relation; path: string; dangling: boolean } | undefined;
    if (!from || !to || !label) continue;
    edges.push({ from, to, relation: label.relation, path: label.path, dangling: Boolean(label.dangling) });
  }
  nodes.sort((a, b) => cmp(a.namespace, b.namespace) || Number(a.phantom) - Number(b.phantom) || cmp(a.kindKey, b.kindKey) || cmp(a.name, b.name) || cmp(a.id, b.id));
  edges.sort((a, b) => cmp(a.from, b.from) || cmp(a.to, b.to) || cmp(a.relation, b.relation) || cmp(a.path, b.path));
  return { nodes, edges };
}

function resourceNode(r: Resource, id: string, opts: ExportOptions): ExportNode {
  const file = opts.fileName?.(r.origin.span.fileId);
  return { id, kind: r.kind, kindKey: r.kindKey, namespace: r.namespace, name: r.name, phantom: false, ...(file ? { file } : {}) };
}

// ---- focus -------------------------------------------------------------------------------

/**
 * Parses `KIND/NS/NAME` (KIND bare, case-insensitive, or `group/Kind`) or `KIND/NAME` (a
 * cluster-scoped resource, or that name in every namespace), and returns the ids of the
 * nodes it names.
 */
export function matchFocus(graph: ExportedGraph, expr: string): string[] {
  const parts = expr.split('/');
  if (parts.length < 2 || parts.some((p) => p === '')) return [];
  const candidates: Array<{ kind: string; namespace: string | undefined; name: string }> = [];
  const name = parts[parts.length - 1];
  if (parts.length >= 3) candidates.push({ kind: parts.slice(0, -2).join('/'), namespace: parts[parts.length - 2], name });
  candidates.push({ kind: parts.slice(0, -1).join('/'), namespace: undefined, name });
  const hits = new Set<string>();
  for (const n of graph.nodes) {
    for (const c of candidates) {
      const kindOk = c.kind.includes('/') ? n.kindKey.toLowerCase() === c.kind.toLowerCase() : n.kind.toLowerCase() === c.kind.toLowerCase();
      if (kindOk && n.name === name && (c.namespace === undefined || n.namespace === c.namespace)) hits.add(n.id);
    }
  }
  return [...hits].sort(cmp);
}

/** The sub-graph within `depth` references (either direction) of the centre nodes. */
export function neighbourhood(graph: ExportedGraph, centre: readonly string[], depth: number): ExportedGraph {
  const adj = new Map<string, string[]>();
  const link = (a: string, b: string) => {
    const l = adj.get(a);
    if (l) l.push(b);
    else adj.set(a, [b]);
  };
  for (const e of graph.edges) {
    link(e.from, e.to);
    link(e.to, e.from);
  }
  const seen = new Set(centre);
  let frontier = [...centre];
  for (let d = 0; d < depth && frontier.length; d++) {
    const next: string[] = [];
    for (const v of frontier) for (const w of adj.get(v) ?? []) if (!seen.has(w)) (seen.add(w), next.push(w));
    frontier = next;
  }
  return { nodes: graph.nodes.filter((n) => seen.has(n.id)), edges: graph.edges.filter((e) => seen.has(e.from) && seen.has(e.to)) };
}

// ---- text formats ------------------------------------------------------------------------

export function formatGraph(graph: ExportedGraph, format: GraphFormat): string {
  switch (format) {
    case 'json':
      return graphToJson(graph);
    case 'dot':
      return graphToDot(graph);
    case 'mermaid':
      return graphToMermaid(graph);
  }
}

export function graphToJson(graph: ExportedGraph): string {
  return `${JSON.stringify({ version: 1, nodes: graph.nodes, edges: graph.edges }, null, 2)}\n`;
}

function byNamespace(nodes: readonly ExportNode[]): Map<string, ExportNode[]> {
  const m = new Map<string, ExportNode[]>();
  for (const n of nodes) {
    const l = m.get(n.namespace);
    if (l) l.push(n);
    else m.set(n.namespace, [n]);
  }
  return m;
}

/** A short family for a group, to tell same-named kinds apart (Istio vs Gateway API Gateway). */
function family(kindKey: string): string {
  const slash = kindKey.lastIndexOf('/');
  if (slash < 0) return 'core';
  const group = kindKey.slice(0, slash);
  if (group.endsWith('istio.io')) return 'istio';
  if (group.endsWith('linkerd.io')) return 'linkerd';
  if (group === 'gateway.networking.k8s.io' || group === 'gateway.networking.x-k8s.io') return 'gateway-api';
  return group;
}

/** Kind labels for a set of nodes: the bare kind, qualified where two groups share the name. */
export function kindLabels(nodes: readonly ExportNode[]): (n: ExportNode) => string {
  const keysByKind = new Map<string, Set<string>>();
  for (const n of nodes) {
    const s = keysByKind.get(n.kind) ?? new Set<string>();
    s.add(n.kindKey);
    keysByKind.set(n.kind, s);
  }
  return (n) => ((keysByKind.get(n.kind)?.size ?? 0) > 1 ? `${n.kind} (${family(n.kindKey)})` : n.kind);
}

/** The name a phantom node shows: what is missing. */
export function nodeTitle(n: ExportNode): string {
  return n.phantom ? `${n.name} (not in the inputs)` : n.name;
}

const dotEscape = (s: string) => s.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\r?\n/g, '\\n');
const dotString = (s: string) => `"${dotEscape(s)}"`;

/** Edge colours by relation, shared by dot and the HTML report. */
export const RELATION_COLOR: Readonly<Record<string, string>> = {
  'routes-to': '#1f6feb',
  'attaches-to': '#8250df',
  selects: '#57606a',
  'governs-mtls': '#1a7f37',
  grants: '#bf8700',
  configures: '#0e7c86',
  uses: '#953800',
  authorizes: '#bc4c00',
  profiles: '#bf3989',
};
export const BROKEN_COLOR = '#cf222e';

export function graphToDot(graph: ExportedGraph): string {
  const kindLabel = kindLabels(graph.nodes);
  const out: string[] = ['digraph mesh {', '  rankdir=LR;', '  node [shape=box, style="rounded,filled", fillcolor="#ffffff", fontname="Helvetica", fontsize=10];', '  edge [fontname="Helvetica", fontsize=9];'];
  for (const [ns, nodes] of byNamespace(graph.nodes)) {
    const indent = ns ? '    ' : '  ';
    if (ns) out.push(`  subgraph ${dotString(`cluster_${ns}`)} {`, `    label=${dotString(`namespace ${ns}`)};`, '    style="rounded,dashed";', '    color="#8c959f";');
    for (const n of nodes) {
      const label = `${dotEscape(kindLabel(n))}\\n${dotEscape(nodeTitle(n))}`;
      const style = n.phantom ? `, style="rounded,dashed", color="${BROKEN_COLOR}", fontcolor="${BROKEN_COLOR}"` : '';
      out.push(`${indent}${dotString(n.id)} [label="${label}"${style}];`);
    }
    if (ns) out.push('  }');
  }
  for (const e of graph.edges) {
    const color = e.dangling ? BROKEN_COLOR : (RELATION_COLOR[e.relation] ?? '#57606a');
    const style = e.dangling ? ', style=dashed, penwidth=2' : '';
    out.push(`  ${dotString(e.from)} -> ${dotString(e.to)} [label=${dotString(relationLabel(e.relation))}, color="${color}", fontcolor="${color}"${style}, tooltip=${dotString(e.path)}];`);
  }
  out.push('}');
  return `${out.join('\n')}\n`;
}

/** Mermaid labels: quotes and markup characters as entity codes. */
const mermaidText = (s: string) => s.replace(/\r?\n/g, ' ').replace(/[#"<>&|[\]{}()`]/g, (ch) => `#${ch.charCodeAt(0)};`);

export function graphToMermaid(graph: ExportedGraph): string {
  const kindLabel = kindLabels(graph.nodes);
  const out: string[] = ['flowchart LR'];
  const short = new Map<string, string>();
  graph.nodes.forEach((n, i) => short.set(n.id, `n${i}`));
  let nsIndex = 0;
  for (const [ns, nodes] of byNamespace(graph.nodes)) {
    const indent = ns ? '    ' : '  ';
    if (ns) out.push(`  subgraph ns${nsIndex++}["namespace ${mermaidText(ns)}"]`);
    for (const n of nodes) out.push(`${indent}${short.get(n.id)}["${mermaidText(kindLabel(n))}<br/>${mermaidText(nodeTitle(n))}"]${n.phantom ? ':::phantom' : ''}`);
    if (ns) out.push('  end');
  }
  const broken: number[] = [];
  graph.edges.forEach((e, i) => {
    const arrow = e.dangling ? '-.->' : '-->';
    out.push(`  ${short.get(e.from)} ${arrow}|${mermaidText(relationLabel(e.relation))}| ${short.get(e.to)}`);
    if (e.dangling) broken.push(i);
  });
  out.push(`  classDef phantom stroke:${BROKEN_COLOR},stroke-dasharray:4 3,color:${BROKEN_COLOR},fill:#fff5f5`);
  if (broken.length) out.push(`  linkStyle ${broken.join(',')} stroke:${BROKEN_COLOR},stroke-width:2px,color:${BROKEN_COLOR}`);
  return `${out.join('\n')}\n`;
}
