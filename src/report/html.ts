// Self-contained HTML report: summary, filterable findings with code excerpts, and the
// resource graph as inline SVG (laid out with dagre at report time). Works offline: no
// external URL, font, script or stylesheet; a Content-Security-Policy forbids fetching any.
import { createHash } from 'node:crypto';
import type { Finding, Severity } from '../model/types.js';
import type { RuleDescriptor } from '../engine/catalogue.js';
import { MAX_DRAWN_EDGES, MAX_DRAWN_NODES, drawGraph, type NodeMark } from './graph-layout.js';
import { BROKEN_COLOR, neighbourhood, nodeIdOfRef, RELATION_COLOR, relationLabel, type ExportedGraph } from './graph-export.js';
import { escapeHtml as esc } from './html-escape.js';
import { countBySeverity } from './json.js';
import type { ReportData } from './types.js';

export interface HtmlOptions {
  readText: (file: string) => string | undefined;
}

const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info'];
const RANK: Record<Severity, number> = { error: 3, warning: 2, info: 1 };
const EXCERPT_CONTEXT = 2;
const EXCERPT_MAX_LINES = 14;

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** Lines around a finding, the reported range marked. */
function excerpt(text: string | undefined, f: Finding): string {
  if (text === undefined) return '';
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const { startLine, startColumn, endLine, endColumn } = f.location;
  if (startLine < 1 || startLine > lines.length) return '';
  const first = Math.max(1, startLine - EXCERPT_CONTEXT);
  const last = Math.min(lines.length, Math.max(startLine, Math.min(endLine, startLine + EXCERPT_MAX_LINES - 2 * EXCERPT_CONTEXT - 1)) + EXCERPT_CONTEXT);
  const width = String(last).length;
  const rows: string[] = [];
  for (let n = first; n <= last; n++) {
    const line = lines[n - 1];
    let body: string;
    if (n < startLine || n > endLine) body = esc(line);
    else {
      const from = n === startLine ? startColumn - 1 : 0;
      const to = n === endLine ? Math.max(from, endColumn - 1) : line.length;
      body = `${esc(line.slice(0, from))}<mark>${esc(line.slice(from, to)) || ' '}</mark>${esc(line.slice(to))}`;
    }
    rows.push(`<span class="ln${n >= startLine && n <= endLine ? ' hit' : ''}">${String(n).padStart(width)}</span> ${body}`);
  }
  return `<pre class="excerpt"><code>${rows.join('\n')}</code></pre>`;
}

function resourceLabel(f: Finding): string {
  const r = f.resource;
  if (!r) return '';
  return `${r.kind} ${r.namespace ? `${r.namespace}/` : ''}${r.name}`;
}

interface DrawnPart {
  graph: ExportedGraph;
  /** Resources of the inputs left out. */
  omitted: number;
  /** Set when the graph was too large: how many of the resources with findings are drawn. */
  aroundFindings?: { drawn: number; of: number };
}

/**
 * The part of the graph worth drawing: resources that reference or are referenced, and the
 * ones with findings (isolated resources without findings would only add noise). When that is
 * too large to lay out, the resources with findings (most severe first) and their direct
 * neighbours, as many as fit.
 */
function drawnSubgraph(graph: ExportedGraph, marks: ReadonlyMap<string, NodeMark>): DrawnPart {
  const linked = new Set<string>(marks.keys());
  for (const e of graph.edges) (linked.add(e.from), linked.add(e.to));
  const all: ExportedGraph = { nodes: graph.nodes.filter((n) => linked.has(n.id)), edges: graph.edges };
  if ((all.nodes.length <= MAX_DRAWN_NODES && all.edges.length <= MAX_DRAWN_EDGES) || marks.size === 0) {
    return { graph: all, omitted: graph.nodes.length - all.nodes.length };
  }
  const adjacent = new Map<string, Set<string>>();
  const link = (a: string, b: string) => {
    const s = adjacent.get(a) ?? new Set<string>();
    s.add(b);
    adjacent.set(a, s);
  };
  for (const e of graph.edges) (link(e.from, e.to), link(e.to, e.from));
  const order = [...marks.entries()].sort((a, b) => RANK[b[1].severity] - RANK[a[1].severity] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  const keep = new Set<string>();
  let drawn = 0;
  for (const [id] of order) {
    const around = [id, ...(adjacent.get(id) ?? [])].filter((v) => !keep.has(v));
    if (keep.size + around.length > MAX_DRAWN_NODES) continue;
    for (const v of around) keep.add(v);
    drawn++;
  }
  const nodes = graph.nodes.filter((n) => keep.has(n.id));
  const edges = graph.edges.filter((e) => keep.has(e.from) && keep.has(e.to));
  return { graph: { nodes, edges }, omitted: graph.nodes.length - nodes.length, aroundFindings: { drawn, of: marks.size } };
}

/**
 * The graph node a finding is about: its resource's node, or, when the inputs define that
 * resource more than once (`id#2`…), the definition in the finding's file.
 */
function nodeResolver(graph: ExportedGraph | undefined): (f: Finding) => string | undefined {
  const byBase = new Map<string, Array<{ id: string; file?: string }>>();
  for (const n of graph?.nodes ?? []) {
    if (n.phantom) continue;
    const base = n.id.replace(/#\d+$/, '');
    const list = byBase.get(base) ?? [];
    list.push({ id: n.id, ...(n.file ? { file: n.file } : {}) });
    byBase.set(base, list);
  }
  return (f) => {
    if (!f.resource) return undefined;
    const list = byBase.get(nodeIdOfRef(f.resource));
    if (!list) return undefined;
    return (list.length > 1 ? list.find((n) => n.file === f.location.file) : undefined)?.id ?? list[0].id;
  };
}

function graphSection(data: ReportData, findings: readonly Finding[], nodeOf: (f: Finding) => string | undefined): { html: string; domIds: Map<string, string> } {
  const graph = data.graph;
  if (!graph) return { html: '', domIds: new Map() };
  const marks = new Map<string, NodeMark>();
  for (const f of findings) {
    const id = nodeOf(f);
    if (!id) continue;
    const m = marks.get(id);
    if (!m) marks.set(id, { severity: f.severity, count: 1 });
    else {
      m.count++;
      if (RANK[f.severity] > RANK[m.severity]) m.severity = f.severity;
    }
  }
  const { graph: sub, omitted, aroundFindings } = drawnSubgraph(graph, marks);
  const broken = sub.edges.filter((e) => e.dangling).length;
  const head = `<h2 id="graph-heading">Resource graph</h2>`;
  const note = `<p class="note">${plural(sub.nodes.length, 'resource')} and ${plural(sub.edges.length, 'reference')} drawn${broken ? `, <strong class="broken-count">${plural(broken, 'broken reference')}</strong> in red` : ''}${
    aroundFindings
      ? `; the graph is too large to draw whole, so only ${aroundFindings.drawn === aroundFindings.of ? `the ${plural(aroundFindings.of, 'resource')} with findings` : `${aroundFindings.drawn} of the ${aroundFindings.of} resources with findings (the most severe first)`} and their neighbours are drawn (<code>mesh-lint graph</code> exports it all)`
      : omitted
        ? `; ${plural(omitted, 'resource')} without references or findings not drawn`
        : ''
  }. Click a resource to show its findings.</p>`;
  if (sub.nodes.length === 0) return { html: `<section id="graph">${head}<p class="note">No references between the resources in the inputs.</p></section>`, domIds: new Map() };
  if (sub.nodes.length > MAX_DRAWN_NODES || sub.edges.length > MAX_DRAWN_EDGES) {
    return {
      html: `<section id="graph">${head}<p class="note">${plural(sub.nodes.length, 'resource')} and ${plural(sub.edges.length, 'reference')} are too many to draw here; use <code>mesh-lint graph --format dot</code> for the whole graph or <code>--focus KIND/NAMESPACE/NAME</code> for one resource's neighbourhood.</p></section>`,
      domIds: new Map(),
    };
  }
  let drawn: ReturnType<typeof drawGraph>;
  try {
    drawn = drawGraph(sub, marks);
  } catch (e) {
    // The layout library failed on this graph: the report is still worth having.
    return {
      html: `<section id="graph">${head}<p class="note">The graph could not be laid out (${esc((e as Error).message)}); <code>mesh-lint graph --format dot</code> exports it.</p></section>`,
      domIds: new Map(),
    };
  }
  const legend = [
    ...[...new Set(sub.edges.filter((e) => !e.dangling).map((e) => e.relation))]
      .sort()
      .map((r) => `<span class="key"><svg width="26" height="8"><line x1="0" y1="4" x2="26" y2="4" stroke="${RELATION_COLOR[r] ?? '#57606a'}" stroke-width="2"/></svg>${esc(relationLabel(r))}</span>`),
    `<span class="key"><svg width="26" height="8"><line x1="0" y1="4" x2="26" y2="4" stroke="${BROKEN_COLOR}" stroke-width="2" stroke-dasharray="5 3"/></svg>broken reference</span>`,
    `<span class="key"><span class="swatch phantom"></span>not in the inputs</span>`,
    `<span class="key"><span class="swatch has-error"></span>has findings</span>`,
  ].join('');
  const tools = `<div class="tools"><button type="button" data-zoom="in" title="Zoom in">+</button><button type="button" data-zoom="out" title="Zoom out">−</button><button type="button" data-zoom="fit" title="Fit to width">fit</button><button type="button" data-zoom="reset" title="Actual size">1:1</button></div>`;
  return {
    html: `<section id="graph">${head}${note}<div class="legend">${legend}</div>${tools}<div class="graph-view" id="graph-view">${drawn.svg}</div>${drawn.clustered ? '' : '<p class="note">Namespaces are shown on each resource: the layout with one box per namespace failed on this graph.</p>'}</section>`,
    domIds: drawn.domIds,
  };
}

function findingCard(f: Finding, i: number, node: string | undefined, rules: ReadonlyMap<string, RuleDescriptor>, readText: (file: string) => string | undefined): string {
  const ns = f.resource?.namespace ?? '';
  const rule = rules.get(f.ruleId);
  const loc = `${f.location.file}:${f.location.startLine}:${f.location.startColumn}`;
  const related = (f.related ?? [])
    .map((r) => `<li>${esc(r.message)} <span class="loc">${esc(`${r.location.file}:${r.location.startLine}:${r.location.startColumn}`)}</span></li>`)
    .join('');
  const ruleInfo = rule
    ? `<details class="rule-info"><summary>About ${esc(rule.id)}</summary><p>${esc(rule.description)}</p>${rule.equivalents.length ? `<p>Same check upstream: ${esc(rule.equivalents.join(', '))}</p>` : ''}<p>Full documentation: <code>mesh-lint explain ${esc(rule.id)}</code> (docs/rules/${esc(rule.id)}.md in the mesh-lint package).</p></details>`
    : '';
  return (
    `<article class="finding sev-${f.severity}" id="f${i}" data-severity="${f.severity}" data-rule="${esc(f.ruleId)}" data-namespace="${esc(ns)}"${node ? ` data-node="${node}"` : ''}>` +
    `<header><span class="sev">${f.severity}</span> <span class="msg">${esc(f.message)}</span></header>` +
    `<div class="meta"><span class="loc">${esc(loc)}</span> <span class="rule">${esc(f.ruleId)}</span>${f.resource ? ` <span class="res">${esc(resourceLabel(f))}</span>` : ''}${node ? ` <button type="button" class="show-node" data-node="${node}">show in graph</button>` : ''}</div>` +
    (related ? `<ul class="related">${related}</ul>` : '') +
    excerpt(readText(f.location.file), f) +
    ruleInfo +
    '</article>'
  );
}

function options(values: ReadonlyMap<string, number>, label: (v: string) => string): string {
  return [...values.entries()]
    .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
    .map(([v, n]) => `<option value="${esc(v)}">${esc(label(v))} (${n})</option>`)
    .join('');
}

export function formatHtml(data: ReportData, opts: HtmlOptions): string {
  const findings = data.findings.filter((f) => !f.suppressed);
  const counts = countBySeverity(findings);
  const rules = new Map(data.rules.map((r) => [r.id, r]));
  const nodeOf = nodeResolver(data.graph);
  const { html: graphHtml, domIds } = graphSection(data, findings, nodeOf);
  const domOf = (f: Finding) => {
    const id = nodeOf(f);
    return id === undefined ? undefined : domIds.get(id);
  };
  const texts = new Map<string, string | undefined>();
  const readText = (file: string) => {
    if (!texts.has(file)) texts.set(file, opts.readText(file));
    return texts.get(file);
  };
  const byRule = new Map<string, number>();
  const byNs = new Map<string, number>();
  for (const f of findings) {
    byRule.set(f.ruleId, (byRule.get(f.ruleId) ?? 0) + 1);
    const ns = f.resource?.namespace ?? '';
    byNs.set(ns, (byNs.get(ns) ?? 0) + 1);
  }
  const total = findings.length;
  const verdict = total === 0 ? '<p class="verdict ok">✔ No problems found.</p>' : `<p class="verdict ${counts.error ? 'bad' : 'warn'}">${plural(total, 'problem')} found.</p>`;
  const summary =
    `<section id="summary"><h1>mesh-lint report</h1>${verdict}<dl class="stats">` +
    SEVERITIES.map((s) => `<div class="stat sev-${s}"><dt>${s}</dt><dd id="count-${s}">${counts[s]}</dd></div>`).join('') +
    `<div class="stat"><dt>files</dt><dd>${data.files}</dd></div><div class="stat"><dt>resources</dt><dd>${data.resources}</dd></div><div class="stat"><dt>rules</dt><dd>${data.rules.length}</dd></div>` +
    `</dl></section>`;
  const filters =
    `<form id="filters">` +
    SEVERITIES.map((s) => `<label class="sev-${s}"><input type="checkbox" name="severity" value="${s}" checked> ${s} (${counts[s]})</label>`).join('') +
    `<label>rule <select id="filter-rule"><option value="">all rules</option>${options(byRule, (v) => v)}</select></label>` +
    `<label>namespace <select id="filter-namespace"><option value="*">all namespaces</option>${options(byNs, (v) => v || '(none)')}</select></label>` +
    `<label>text <input type="search" id="filter-text" placeholder="message, file, resource"></label>` +
    `<span id="filter-node" hidden>resource <strong></strong> <button type="button" id="clear-node">show all</button></span>` +
    `<output id="shown">${total} of ${total} shown</output></form>`;
  const list = total
    ? findings.map((f, i) => findingCard(f, i, domOf(f), rules, readText)).join('\n')
    : '<p class="note">No findings.</p>';
  const body =
    `${summary}\n${graphHtml}\n<section id="findings"><h2>Findings</h2>${total ? filters : ''}<div id="finding-list">\n${list}\n</div></section>\n` +
    `<footer>mesh-lint ${esc(data.toolVersion)}: ${plural(data.files, 'file')}, ${plural(data.resources, 'resource')}, ${plural(data.rules.length, 'rule')}.</footer>`;
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src '${CSS_HASH}'; script-src '${SCRIPT_HASH}'">
<meta name="generator" content="mesh-lint ${esc(data.toolVersion)}">
<title>mesh-lint report: ${total ? plural(total, 'problem') : 'no problems'}</title>
<style>${CSS}</style>
</head>
<body>
${body}
<script>${SCRIPT}</script>
</body>
</html>
`;
}

const CSS = `
:root{--fg:#1f2328;--muted:#59636e;--line:#d1d9e0;--bg:#ffffff;--panel:#f6f8fa;--error:#cf222e;--warning:#9a6700;--info:#0969da;--broken:${BROKEN_COLOR}}
*{box-sizing:border-box}
body{margin:0 auto;max-width:1400px;padding:16px 24px 40px;font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"DejaVu Sans",Arial,sans-serif;color:var(--fg);background:var(--bg)}
h1{font-size:22px;margin:0 0 4px}h2{font-size:18px;margin:28px 0 8px;border-bottom:1px solid var(--line);padding-bottom:4px}
code,pre,.loc,.rule{font-family:ui-monospace,"SFMono-Regular","DejaVu Sans Mono",Menlo,Consolas,monospace;font-size:12.5px}
.verdict{font-size:16px;margin:4px 0 12px}.verdict.ok{color:#1a7f37}.verdict.bad{color:var(--error)}.verdict.warn{color:var(--warning)}
.stats{display:flex;flex-wrap:wrap;gap:10px;margin:0}.stat{border:1px solid var(--line);border-radius:8px;padding:6px 14px;min-width:92px;background:var(--panel)}
.stat dt{font-size:12px;color:var(--muted);text-transform:uppercase;letter-spacing:.04em}.stat dd{margin:0;font-size:22px;font-weight:600}
.stat.sev-error dd{color:var(--error)}.stat.sev-warning dd{color:var(--warning)}.stat.sev-info dd{color:var(--info)}
.note{color:var(--muted);margin:4px 0}
.legend{display:flex;flex-wrap:wrap;gap:14px;font-size:12px;color:var(--muted);margin:6px 0}.key{display:inline-flex;align-items:center;gap:5px}
.swatch{display:inline-block;width:18px;height:12px;border-radius:3px;border:1.5px solid #57606a;background:#fff}.swatch.phantom{border:1.5px dashed var(--broken);background:#fff5f5}.swatch.has-error{border:2px solid var(--error)}
.tools{display:flex;gap:4px;margin:4px 0}.tools button{min-width:34px}
button{font:inherit;font-size:12px;padding:2px 8px;border:1px solid var(--line);border-radius:6px;background:var(--panel);cursor:pointer}button:hover{background:#eaeef2}
.graph-view{overflow:auto;max-height:75vh;border:1px solid var(--line);border-radius:8px;background:#fbfcfd}
#graph-svg{display:block;font-family:system-ui,-apple-system,"Segoe UI",Roboto,"DejaVu Sans",Arial,sans-serif}
.cluster rect{fill:#f3f6f9;stroke:#afb8c1;stroke-dasharray:5 3}.cluster text{font-size:11px;fill:var(--muted);font-weight:600;paint-order:stroke;stroke:#fbfcfd;stroke-width:5px}
.edge path{fill:none;stroke-width:1.4}.edge:hover path{stroke-width:3}.edge:hover text{font-weight:700}.edge text{font-size:9.5px;text-anchor:middle;paint-order:stroke;stroke:#fbfcfd;stroke-width:3px}
.edge.broken path{stroke-width:2.2;stroke-dasharray:6 4}.edge.broken text{font-weight:700}
.node{cursor:pointer}.node rect{fill:#fff;stroke:#57606a;stroke-width:1.2}.node .kind{font-size:10px;fill:var(--muted)}.node .name{font-size:12px;font-weight:600;fill:var(--fg)}
.node.phantom rect{fill:#fff5f5;stroke:var(--broken);stroke-dasharray:5 3;stroke-width:1.6}.node.phantom .name,.node.phantom .kind{fill:var(--broken)}
.node.has-error rect{stroke:var(--error);stroke-width:2.4}.node.has-warning rect{stroke:#d4a72c;stroke-width:2.4}.node.has-info rect{stroke:var(--info);stroke-width:2}
.badge circle{fill:var(--error)}.has-warning .badge circle{fill:#d4a72c}.has-info .badge circle{fill:var(--info)}.badge text{font-size:10px;font-weight:700;fill:#fff;text-anchor:middle}
.node:hover rect,.node:focus rect{fill:#ddf4ff}.node.selected rect{fill:#ddf4ff;stroke-width:3.2}.node.flash rect{animation:flash 1.2s ease-out 2}
@keyframes flash{0%{fill:#ffd33d}100%{fill:#fff}}
.edge.dim,.node.dim{opacity:.25}
#filters{display:flex;flex-wrap:wrap;gap:12px;align-items:center;padding:8px 10px;margin:8px 0 12px;border:1px solid var(--line);border-radius:8px;background:var(--panel);position:sticky;top:0;z-index:2}
#filters select,#filters input[type=search]{font:inherit;font-size:13px;padding:2px 4px}#shown{margin-left:auto;color:var(--muted);font-size:12px}
.finding{border:1px solid var(--line);border-left:4px solid var(--muted);border-radius:6px;padding:8px 12px;margin:0 0 10px;background:#fff}
.finding.sev-error{border-left-color:var(--error)}.finding.sev-warning{border-left-color:#d4a72c}.finding.sev-info{border-left-color:var(--info)}
.finding[hidden]{display:none}.finding.target{box-shadow:0 0 0 3px #ffd33d}
.sev{display:inline-block;font-size:11px;font-weight:700;text-transform:uppercase;border-radius:10px;padding:0 8px;color:#fff;background:var(--muted)}
.sev-error .sev{background:var(--error)}.sev-warning .sev{background:#bf8700}.sev-info .sev{background:var(--info)}
.msg{font-weight:600}.meta{margin:4px 0;color:var(--muted);display:flex;flex-wrap:wrap;gap:10px;align-items:center;font-size:12.5px}
.rule{background:#eaeef2;border-radius:4px;padding:0 5px;color:var(--fg)}
.related{margin:4px 0;padding-left:20px;color:var(--muted);font-size:12.5px}
.excerpt{margin:6px 0;padding:6px 0;background:var(--panel);border:1px solid var(--line);border-radius:6px;overflow:auto}
.excerpt code{display:block;white-space:pre}.excerpt .ln{display:inline-block;color:#8c959f;padding:0 8px;border-right:1px solid var(--line);user-select:none}.excerpt .ln.hit{color:var(--fg);font-weight:700;background:#fff8c5}
mark{background:#ffebe9;color:inherit;border-bottom:2px solid var(--error)}
.rule-info{font-size:12.5px;color:var(--muted)}.rule-info p{margin:4px 0}.doc{font-family:ui-monospace,monospace;user-select:all}
footer{margin-top:24px;color:var(--muted);font-size:12px}
@media print{.graph-view{max-height:none;overflow:visible;border:0}#filters,.tools,.show-node{display:none}.finding{break-inside:avoid}}
`;

// Runs in the page: filters, node ↔ finding links, zoom. No network, no globals leaked.
const SCRIPT = `
(function(){
  'use strict';
  var list = Array.prototype.slice.call(document.querySelectorAll('.finding'));
  var form = document.getElementById('filters');
  // The selected node, and the nodes whose findings it shows: itself, or for a phantom node
  // (a missing target) the resources that reference it.
  var nodeFilter = '', nodeSet = {};
  function val(id){ var el = document.getElementById(id); return el ? el.value : ''; }
  function apply(){
    var sev = {};
    Array.prototype.forEach.call(document.querySelectorAll('input[name=severity]'), function(c){ sev[c.value] = c.checked; });
    var rule = val('filter-rule'), ns = val('filter-namespace') || '*', text = (val('filter-text') || '').toLowerCase();
    var shown = 0;
    list.forEach(function(el){
      var ok = sev[el.dataset.severity] !== false && (!rule || el.dataset.rule === rule) && (ns === '*' || el.dataset.namespace === ns)
        && (!nodeFilter || nodeSet[el.dataset.node] === true) && (!text || el.textContent.toLowerCase().indexOf(text) >= 0);
      el.hidden = !ok; if (ok) shown++;
    });
    var out = document.getElementById('shown'); if (out) out.textContent = shown + ' of ' + list.length + ' shown';
    var nf = document.getElementById('filter-node');
    if (nf) { nf.hidden = !nodeFilter; if (nodeFilter) { var n = document.getElementById(nodeFilter); nf.querySelector('strong').textContent = n ? n.getAttribute('data-node') : nodeFilter; } }
    document.body.setAttribute('data-shown', String(shown));
    if (ready) saveHash(sev, rule, ns, text);
  }
  // The filters live in the URL fragment (#severity=error&rule=…&namespace=…&q=…&resource=…),
  // so a filtered view can be bookmarked or shared with the file.
  var ready = false;
  function saveHash(sev, rule, ns, text){
    var p = [];
    var on = Object.keys(sev).filter(function(k){ return sev[k]; });
    if (on.length < 3) p.push('severity=' + on.join(','));
    if (rule) p.push('rule=' + encodeURIComponent(rule));
    if (ns !== '*') p.push('namespace=' + encodeURIComponent(ns));
    if (text) p.push('q=' + encodeURIComponent(text));
    if (nodeFilter) { var n = document.getElementById(nodeFilter); if (n) p.push('resource=' + encodeURIComponent(n.getAttribute('data-node'))); }
    try { history.replaceState(null, '', p.length ? '#' + p.join('&') : location.pathname + location.search); } catch (e) { /* file: URLs in some browsers */ }
  }
  function loadHash(){
    var h = location.hash.replace(/^#/, '');
    if (h.indexOf('=') < 0) return;
    var p = {};
    h.split('&').forEach(function(kv){ var i = kv.indexOf('='); if (i > 0) { try { p[kv.slice(0, i)] = decodeURIComponent(kv.slice(i + 1)); } catch (e) { /* ignore */ } } });
    if (p.severity !== undefined) {
      var want = p.severity.split(',');
      Array.prototype.forEach.call(document.querySelectorAll('input[name=severity]'), function(c){ c.checked = want.indexOf(c.value) >= 0; });
    }
    function pick(id, v){ var el = document.getElementById(id); if (el && v !== undefined && Array.prototype.some.call(el.options, function(o){ return o.value === v; })) el.value = v; }
    pick('filter-rule', p.rule); pick('filter-namespace', p.namespace);
    if (p.q !== undefined && document.getElementById('filter-text')) document.getElementById('filter-text').value = p.q;
    if (p.resource) {
      Array.prototype.forEach.call(document.querySelectorAll('.node'), function(n){ if (n.getAttribute('data-node') === p.resource) nodeFilter = n.id; });
    }
  }
  if (form) { form.addEventListener('input', apply); form.addEventListener('change', apply); form.addEventListener('submit', function(ev){ ev.preventDefault(); }); }
  var clear = document.getElementById('clear-node');
  if (clear) clear.addEventListener('click', function(){ selectNode(''); });
  var view = document.getElementById('graph-view'), svg = document.getElementById('graph-svg');
  function selectNode(id){
    nodeFilter = id;
    nodeSet = {}; nodeSet[id] = true;
    var phantom = id && document.getElementById(id) && document.getElementById(id).classList.contains('phantom');
    Array.prototype.forEach.call(document.querySelectorAll('.node.selected'), function(n){ n.classList.remove('selected'); });
    Array.prototype.forEach.call(document.querySelectorAll('.dim'), function(n){ n.classList.remove('dim'); });
    if (id && svg) {
      var near = {}; near[id] = true;
      Array.prototype.forEach.call(svg.querySelectorAll('.edge'), function(e){
        var on = e.dataset.from === id || e.dataset.to === id;
        if (on) { near[e.dataset.from] = true; near[e.dataset.to] = true; if (phantom) nodeSet[e.dataset.from] = true; } else e.classList.add('dim');
      });
      Array.prototype.forEach.call(svg.querySelectorAll('.node'), function(n){ if (!near[n.id]) n.classList.add('dim'); });
      var el = document.getElementById(id); if (el) el.classList.add('selected');
    }
    apply();
  }
  function reveal(id){
    var n = document.getElementById(id); if (!n || !view) return;
    var box = n.getBBox(), scale = svg.clientWidth / svg.viewBox.baseVal.width;
    view.scrollLeft = Math.max(0, (box.x + box.width / 2 - svg.viewBox.baseVal.x) * scale - view.clientWidth / 2);
    view.scrollTop = Math.max(0, (box.y + box.height / 2 - svg.viewBox.baseVal.y) * scale - view.clientHeight / 2);
    n.classList.remove('flash'); void n.getBBox(); n.classList.add('flash');
    document.getElementById('graph').scrollIntoView({ block: 'start' });
  }
  document.addEventListener('click', function(ev){
    var t = ev.target;
    var btn = t.closest && t.closest('.show-node');
    if (btn) { selectNode(btn.dataset.node); reveal(btn.dataset.node); return; }
    var node = t.closest && t.closest('.node');
    if (node) {
      selectNode(nodeFilter === node.id ? '' : node.id);
      var first = list.filter(function(f){ return !f.hidden; })[0];
      if (first && nodeFilter) first.scrollIntoView({ block: 'nearest' });
      return;
    }
    var z = t.closest && t.closest('[data-zoom]');
    if (z && svg) zoom(z.dataset.zoom);
  });
  document.addEventListener('keydown', function(ev){
    if ((ev.key === 'Enter' || ev.key === ' ') && ev.target.classList && ev.target.classList.contains('node')) { ev.preventDefault(); ev.target.dispatchEvent(new MouseEvent('click', { bubbles: true })); }
  });
  var scale = 1;
  function setScale(s){
    scale = Math.max(0.1, Math.min(4, s));
    svg.setAttribute('width', String(Math.round(Number(svg.dataset.width) * scale)));
    svg.setAttribute('height', String(Math.round(Number(svg.dataset.height) * scale)));
  }
  function zoom(how){
    if (how === 'in') setScale(scale * 1.25);
    else if (how === 'out') setScale(scale / 1.25);
    else if (how === 'reset') setScale(1);
    else setScale(Math.min(1, (view.clientWidth - 4) / Number(svg.dataset.width)));
  }
  if (svg && view && Number(svg.dataset.width) > view.clientWidth) setScale(Math.max(0.5, (view.clientWidth - 4) / Number(svg.dataset.width)));
  loadHash();
  if (nodeFilter) selectNode(nodeFilter); else apply();
  ready = true;
  document.documentElement.setAttribute('data-ready', 'true');
})();
`;

// The page may run and apply exactly this script and these styles, nothing else: text from the
// inputs is escaped, and even if something slipped through, the browser would not run it.
const cspHash = (s: string) => `sha256-${createHash('sha256').update(s, 'utf8').digest('base64')}`;
const CSS_HASH = cspHash(CSS);
const SCRIPT_HASH = cspHash(SCRIPT);
