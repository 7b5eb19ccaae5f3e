// `lint --format html`: one self-contained, offline file with the summary, filterable findings
// with code excerpts, and the resource graph as inline SVG; rendered in a real headless Chromium.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import type { ExportedGraph } from '../../src/report/graph-export.js';
import { formatHtml } from '../../src/report/html.js';
import type { ReportData } from '../../src/report/types.js';
import { runCli } from './cli-io.js';
import { readPng } from './png.js';

const MESH = join(import.meta.dirname, 'fixtures', 'mesh');
const EXAMPLES = join(import.meta.dirname, '..', '..', 'examples');
const VS = 'networking.istio.io/VirtualService/shop/cart';
const work = mkdtempSync(join(tmpdir(), 'mesh-lint-html-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

// The fixture's route to payments is deliberately a reference outside the inputs (drawn as a phantom
// node); istio-vs-host-not-found reports it as info, which would add a second finding to the counts.
const ONLY_GATEWAY_PROBLEM = ['--rule', 'istio-vs-host-not-found=off'];

function report(paths: string[], name: string): { file: string; html: string; code: number } {
  const file = join(work, name);
  const run = runCli(['lint', ...paths, ...ONLY_GATEWAY_PROBLEM, '--format', 'html', '--output', file]);
  expect(run.stderr).toBe('');
  return { file, html: readFileSync(file, 'utf8'), code: run.code };
}

/** Every attribute value of `name` in the document. */
function attrs(html: string, name: string): string[] {
  return [...html.matchAll(new RegExp(`\\s${name}="([^"]*)"`, 'g'))].map((m) => m[1]);
}

describe('html report', () => {
  const { html, code } = report([MESH], 'mesh.html');

  it('exits like any other format', () => {
    expect(code).toBe(1);
  });

  it('is self-contained: no URL, no external resource, and a CSP that forbids fetching', () => {
    expect(html).not.toMatch(/https?:\/\//i);
    expect(html).not.toMatch(/\ssrc=/i);
    expect(html).not.toMatch(/<link\b/i);
    expect(html).not.toMatch(/@import/i);
    for (const href of attrs(html, 'href')) expect(href.startsWith('#')).toBe(true);
    for (const m of html.matchAll(/url\(([^)]*)\)/g)) expect(m[1].startsWith('#')).toBe(true);
    expect(html).toMatch(/<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'sha256-[A-Za-z0-9+/]+=*'; script-src 'sha256-[A-Za-z0-9+/]+=*'">/);
    expect(html).not.toMatch(/\son[a-z]+=/i); // no inline event handlers: the CSP would block them
  });

  it('has the summary and the finding with its location, rule, resource and a marked excerpt', () => {
    expect(html).toContain('<dd id="count-error">1</dd>');
    expect(html).toContain('1 problem found.');
    const card = /<article class="finding sev-error"[^>]*data-rule="istio-vs-gateway-not-found"[^]*?<\/article>/.exec(html)?.[0];
    expect(card).toBeDefined();
    expect(card).toContain('VirtualService shop/cart references gateway &quot;shop/internal&quot;, which is not defined');
    expect(card).toMatch(/shop\.yaml:44:5/);
    expect(card).toContain('<span class="res">VirtualService shop/cart</span>');
    expect(card).toContain('<mark>shop/internal</mark>');
    expect(card).toMatch(/<span class="ln hit">44<\/span>/);
    expect(card).toContain('data-namespace="shop"');
  });

  it('draws the graph, links the finding to its node, and marks broken references', () => {
    const svg = /<svg id="graph-svg"[^]*?<\/svg>/.exec(html)?.[0] ?? '';
    expect(svg).not.toBe('');
    const node = /data-node="(n\d+)"/.exec(/<article class="finding[^>]*>/.exec(html)![0])![1];
    expect(svg).toContain(`<g class="node has-error" id="${node}" data-node="${VS}"`);
    expect(svg).toMatch(/<g class="edge rel-routes-to broken" data-from="n\d+" data-to="n\d+">/);
    expect(svg).toMatch(/<g class="edge rel-attaches-to broken"/);
    expect(svg).toMatch(/<g class="edge rel-selects"/);
    expect(svg).toContain('payments (not in the inputs)');
    expect(svg).toMatch(/<g class="node phantom"/);
    expect(svg).toContain('namespace shop</text>');
    expect(svg).toContain('namespace istio-system</text>');
    // The ConfigMap has no reference and no finding: left out, and said so.
    expect(svg).not.toContain('ConfigMap/shop/settings');
    expect(html).toContain('1 resource without references or findings not drawn');
    expect(html).toContain('2 broken references');
  });

  it('is byte-identical from run to run', () => {
    expect(report([MESH], 'again.html').html).toBe(html);
  });

  it('escapes everything that comes from the inputs', () => {
    const data: ReportData = {
      toolVersion: '0.0.0',
      files: 1,
      resources: 1,
      rules: [],
      findings: [
        {
          ruleId: 'x-rule',
          severity: 'warning',
          message: 'bad <img src=x onerror=alert(1)> & "quoted"',
          resource: { apiVersion: 'v1', kind: 'Service', namespace: 'n<s>', name: '<script>' },
          location: { file: 'a<b>.yaml', startLine: 1, startColumn: 7, endLine: 1, endColumn: 15 },
        },
      ],
      graph: { nodes: [{ id: 'Service/n<s>/<script>', kind: 'Service', kindKey: 'Service', namespace: 'n<s>', name: '<script>', phantom: false }], edges: [] },
    };
    const out = formatHtml(data, { readText: () => 'name: <script>alert(1)</script>\n' });
    expect(out).not.toContain('<img src=x');
    expect(out).not.toContain('<script>alert');
    expect(out.match(/<script>/g)?.length).toBe(1); // the report's own
    expect(out).toContain('bad &lt;img src=x onerror=alert(1)&gt; &amp; &quot;quoted&quot;');
    expect(out).toContain('<mark>&lt;script&gt;</mark>');
    expect(out).toContain('data-node="Service/n&lt;s&gt;/&lt;script&gt;"');
  });

  it('links a finding on a resource defined twice to the definition in its file', () => {
    const node = (id: string, file: string) => ({ id, kind: 'Service', kindKey: 'Service', namespace: 'x', name: 'a', phantom: false, file });
    const out = formatHtml(
      {
        toolVersion: '0.0.0',
        files: 2,
        resources: 2,
        rules: [],
        graph: { nodes: [node('Service/x/a', 'one.yaml'), node('Service/x/a#2', 'two.yaml')], edges: [] },
        findings: [
          {
            ruleId: 'x-rule',
            severity: 'info',
            message: 'defined twice',
            resource: { apiVersion: 'v1', kind: 'Service', namespace: 'x', name: 'a' },
            location: { file: 'two.yaml', startLine: 1, startColumn: 1, endLine: 1, endColumn: 2 },
          },
        ],
      },
      { readText: () => undefined },
    );
    const dom = /<g class="node has-info" id="(n\d+)" data-node="Service\/x\/a#2"/.exec(out)?.[1];
    expect(dom).toBeDefined();
    expect(out).toMatch(new RegExp(`<article class="finding sev-info"[^>]*data-node="${dom}"`));
    expect(out).not.toContain('data-node="Service/x/a"'); // the other definition: no reference, no finding
  });

  it('says so when there is nothing to report', () => {
    const clean = report([join(MESH, 'gateway.yaml')], 'clean.html');
    expect(clean.code).toBe(0);
    expect(clean.html).toContain('No problems found.');
    expect(clean.html).not.toContain('<article');
  });

  it('draws only the neighbourhood of the findings when the graph is too large to lay out', () => {
    const nodes: ExportedGraph['nodes'] = [];
    const edges: ExportedGraph['edges'] = [];
    for (let i = 0; i < 600; i++) {
      nodes.push({ id: `Service/big/s${i}`, kind: 'Service', kindKey: 'Service', namespace: 'big', name: `s${i}`, phantom: false });
      if (i > 0) edges.push({ from: `Service/big/s${i - 1}`, to: `Service/big/s${i}`, relation: 'uses', path: 'spec', dangling: false });
    }
    const out = formatHtml(
      {
        toolVersion: '0.0.0',
        files: 1,
        resources: 600,
        rules: [],
        graph: { nodes, edges },
        findings: [
          {
            ruleId: 'x-rule',
            severity: 'error',
            message: 'broken',
            resource: { apiVersion: 'v1', kind: 'Service', namespace: 'big', name: 's300' },
            location: { file: 'big.yaml', startLine: 1, startColumn: 1, endLine: 1, endColumn: 2 },
          },
        ],
      },
      { readText: () => undefined },
    );
    const drawn = attrs(out, 'data-node').filter((v) => v.startsWith('Service/'));
    expect(drawn.sort()).toEqual(['Service/big/s299', 'Service/big/s300', 'Service/big/s301']);
    expect(out).toContain('only the 1 resource with findings and their neighbours are drawn');
  });

  it('draws as many findings as fit, the most severe first, when even their neighbourhood is too large', () => {
    const nodes: ExportedGraph['nodes'] = [];
    const edges: ExportedGraph['edges'] = [];
    const findings: ReportData['findings'][number][] = [];
    for (let i = 0; i < 1300; i++) {
      nodes.push({ id: `Service/big/s${i}`, kind: 'Service', kindKey: 'Service', namespace: 'big', name: `s${i}`, phantom: false });
      if (i > 0) edges.push({ from: `Service/big/s${i - 1}`, to: `Service/big/s${i}`, relation: 'uses', path: 'spec', dangling: false });
      if (i % 3 === 1 || i === 1200) {
        findings.push({
          ruleId: 'x-rule',
          severity: i === 1200 ? 'error' : 'warning',
          message: `finding ${i}`,
          resource: { apiVersion: 'v1', kind: 'Service', namespace: 'big', name: `s${i}` },
          location: { file: 'big.yaml', startLine: i + 1, startColumn: 1, endLine: i + 1, endColumn: 2 },
        });
      }
    }
    const out = formatHtml({ toolVersion: '0.0.0', files: 1, resources: 1300, rules: [], graph: { nodes, edges }, findings }, { readText: () => undefined });
    const drawn = attrs(out, 'data-node').filter((v) => v.startsWith('Service/'));
    expect(drawn.length).toBeLessThanOrEqual(400);
    expect(drawn.length).toBeGreaterThan(350);
    expect(drawn).toContain('Service/big/s1200');
    expect(out).toMatch(/only \d+ of the 434 resources with findings \(the most severe first\) and their neighbours are drawn/);
    // Every finding keeps its card; the ones whose node is drawn link to it.
    expect((out.match(/<article /g) ?? []).length).toBe(434);
  });
});

describe('html report of examples/', () => {
  const { html } = report([EXAMPLES], 'examples.html');
  const json = JSON.parse(runCli(['lint', EXAMPLES, '--format', 'json']).stdout) as { findings: Array<{ message: string; resource?: unknown }> };
  const svg = /<svg id="graph-svg"[^]*?<\/svg>/.exec(html)?.[0] ?? '';

  it('has a card for every finding of the JSON report, in the same order', () => {
    const cards = [...html.matchAll(/<span class="msg">([^<]*)<\/span>/g)].map((m) => m[1]);
    expect(cards).toEqual(json.findings.map((f) => f.message.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;')));
  });

  it('links every finding about a resource to a node of the graph', () => {
    const cards = [...html.matchAll(/<article class="finding[^>]*>/g)].map((m) => m[0]);
    const withResource = json.findings.filter((f) => f.resource).length;
    const nodes = cards.map((c) => /data-node="(n\d+)"/.exec(c)?.[1]).filter((n): n is string => n !== undefined);
    expect(nodes.length).toBe(withResource);
    for (const n of nodes) expect(svg).toMatch(new RegExp(`<g class="node[^"]*has-(error|warning|info)[^"]*" id="${n}"`));
  });
});

// ---- in a real browser -------------------------------------------------------------------

const CHROMIUM = process.env.CHROMIUM_BIN ?? 'chromium';

/** Runs headless Chromium; returns what it printed, with its log (console messages) on stderr. */
function chromium(args: string[]): { stdout: string; stderr: string } {
  const profile = mkdtempSync(join(tmpdir(), 'mesh-lint-chromium-'));
  try {
    const r = spawnSync(
      CHROMIUM,
      [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--enable-logging=stderr',
        '--v=0',
        `--user-data-dir=${profile}`,
        ...args,
      ],
      { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 45_000, maxBuffer: 64 * 1024 * 1024 },
    );
    const err = r.error as NodeJS.ErrnoException | undefined;
    if (err?.code === 'ENOENT') throw new Error(`${CHROMIUM} is not installed: the HTML report test needs it (apt-get install -y chromium; .ci/run does this)`);
    if (err || r.status !== 0) throw new Error(`${CHROMIUM} failed (${err?.message ?? `exit ${r.status}`}):\n${r.stderr}`);
    return { stdout: r.stdout, stderr: r.stderr };
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
}

function dumpDom(file: string, fragment = ''): string {
  const r = chromium(['--virtual-time-budget=5000', '--dump-dom', `${pathToFileURL(file).href}${fragment}`]);
  // The page's own styles and script pass its Content-Security-Policy; nothing else is tried.
  expect(r.stderr).not.toMatch(/Content Security Policy|Refused to|net::ERR_/i);
  return r.stdout;
}

describe('html report in headless Chromium', () => {
  const { file } = report([MESH], 'browser.html');

  it('runs its script and shows the findings and the graph', () => {
    const dom = dumpDom(file);
    expect(dom).toMatch(/<html lang="en" data-ready="true">/);
    expect(dom).toMatch(/<body data-shown="1">/);
    expect(dom).toContain('1 of 1 shown');
    expect((dom.match(/<article class="finding/g) ?? []).length).toBe(1);
    expect(dom).not.toMatch(/<article class="finding[^>]*hidden/);
    expect((dom.match(/<g class="node[ "]/g) ?? []).length).toBe(7);
    expect(dom).toMatch(/<g class="edge rel-routes-to broken"/);
  });

  it('applies the filters named in the URL fragment', () => {
    const none = dumpDom(file, '#severity=warning,info');
    expect(none).toMatch(/<body data-shown="0">/);
    expect(none).toMatch(/<article class="finding[^>]*hidden=""/);
    const byRule = dumpDom(file, '#rule=istio-vs-gateway-not-found&namespace=shop');
    expect(byRule).toMatch(/<body data-shown="1">/);
    const byResource = dumpDom(file, `#resource=${encodeURIComponent('Service/shop/cart')}`);
    expect(byResource).toMatch(/<body data-shown="0">/);
    expect(byResource).toMatch(/<g class="node selected" id="n\d+" data-node="Service\/shop\/cart"/);
    // A phantom node shows the findings of the resources that reference it.
    const byPhantom = dumpDom(file, `#resource=${encodeURIComponent('missing:networking.istio.io/Gateway/shop/internal')}`);
    expect(byPhantom).toMatch(/<body data-shown="1">/);
    expect(byPhantom).toMatch(/<g class="node phantom selected"/);
  });

  it('paints the graph: a screenshot has the broken references in red and the routes in blue', () => {
    const png = join(work, 'shot.png');
    chromium(['--window-size=1280,1400', '--hide-scrollbars', `--screenshot=${png}`, pathToFileURL(file).href]);
    const img = readPng(readFileSync(png));
    expect([img.width, img.height]).toEqual([1280, 1400]);
    const near = (p: number[], c: number[]) => Math.abs(p[0] - c[0]) + Math.abs(p[1] - c[1]) + Math.abs(p[2] - c[2]) < 60;
    let red = 0;
    let blue = 0;
    let ink = 0;
    for (let y = 0; y < img.height; y += 1) {
      for (let x = 0; x < img.width; x += 1) {
        const p = img.pixel(x, y);
        if (near(p, [207, 34, 46])) red++;
        if (near(p, [31, 111, 235])) blue++;
        if (p[0] + p[1] + p[2] < 600) ink++;
      }
    }
    expect(red).toBeGreaterThan(300);
    expect(blue).toBeGreaterThan(50);
    expect(ink / (img.width * img.height)).toBeGreaterThan(0.01);
  });
});
