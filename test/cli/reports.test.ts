// Report formats through the CLI: github workflow commands, JUnit, Markdown, several reports
// from one run, the area summary, colours, and SARIF checked against the SARIF 2.1.0 schema.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { GATEWAY, cli, tempTree, virtualService } from './helpers.js';

const require = createRequire(import.meta.url);

function project() {
  return tempTree({
    'gw.yaml': GATEWAY,
    // "public" is in istio-system: the bare name is a finding with a related location.
    'shop/vs.yaml': virtualService('cart', ['istio-system/public', 'public', 'missing,with:comma']),
    'shop/clean.yaml': virtualService('ok', ['istio-system/public']),
  });
}

describe('--format github', () => {
  it('prints one escaped workflow command per finding with the full region', () => {
    const dir = project();
    const r = cli([join(dir, 'shop'), join(dir, 'gw.yaml'), '-f', 'github']);
    expect(r.code).toBe(1);
    const lines = r.stdout.trim().split('\n');
    expect(lines).toHaveLength(2);
    const file = join(dir, 'shop/vs.yaml').replace(/:/g, '%3A').replace(/,/g, '%2C');
    expect(lines[0]).toBe(
      `::error file=${file},line=10,col=5,endLine=10,endColumn=11,title=mesh-lint istio-vs-gateway-not-found::VirtualService shop/cart references gateway "shop/public", which is not defined; a Gateway "public" exists in namespace istio-system: write "istio-system/public"`,
    );
    // `,` and `:` in a property are escaped; in the message only `%`, CR and LF are.
    expect(lines[1]).toMatch(/^::error file=.*,line=11,col=5,endLine=11,endColumn=23,title=mesh-lint istio-vs-gateway-not-found::.*"shop\/missing,with:comma"/);
  });
});

describe('--format junit', () => {
  it('has a suite per file, a failure per finding and passing suites for clean files', () => {
    const dir = project();
    const r = cli([dir, '-f', 'junit']);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<testsuites name="mesh-lint" tests="4" failures="2"/);
    expect(r.stdout).toContain(`<testsuite name="${join(dir, 'shop/clean.yaml')}" tests="1" failures="0"`);
    expect(r.stdout).toContain(`<testsuite name="${join(dir, 'shop/vs.yaml')}" tests="2" failures="2"`);
    expect(r.stdout).toContain('<failure message="VirtualService shop/cart references gateway &quot;shop/public&quot;');
    expect(r.stdout.match(/<testcase /g)).toHaveLength(4);
  });
});

describe('--format markdown', () => {
  it('summarises by area and lists findings with rule links', () => {
    const dir = project();
    const r = cli([dir, '-f', 'markdown']);
    expect(r.stdout).toContain('❌ **2 problems** (2 errors, 0 warnings, 0 info) in 3 files');
    expect(r.stdout).toMatch(/\| Istio \| \d+ \| ❌ 2 errors \(\[rules\]\(https:\/\/.*README\.md#istio\)\) \|/);
    expect(r.stdout).toMatch(/\| Linkerd \| \d+ \| ✅ no findings \|/);
    expect(r.stdout).toContain('| error | `' + join(dir, 'shop/vs.yaml') + ':10:5` | [istio-vs-gateway-not-found](https://');
  });
});

describe('several reports from one run', () => {
  it('pairs formats and outputs by position; with one output fewer the first format goes to stdout', () => {
    const dir = project();
    const sarif = join(dir, 'out.sarif');
    const junit = join(dir, 'out.xml');
    const r = cli([join(dir, 'shop'), join(dir, 'gw.yaml'), '-f', 'text', '-f', 'sarif', '-f', 'junit', '-o', sarif, '-o', junit]);
    expect(r.code).toBe(1); // the reports are written even though the findings fail the run
    expect(r.stdout).toContain('✖ 2 problems');
    expect(JSON.parse(readFileSync(sarif, 'utf8')).runs[0].results).toHaveLength(2);
    expect(readFileSync(junit, 'utf8')).toContain('<testsuites');
    const r2 = cli([join(dir, 'shop'), '-f', 'json', '-f', 'markdown', '-o', join(dir, 'r.json'), '-o', '-']);
    expect(r2.stdout).toMatch(/^## mesh-lint/);
    expect(JSON.parse(readFileSync(join(dir, 'r.json'), 'utf8')).version).toBe(1);
  });
  it('rejects ambiguous pairings with exit 2', () => {
    const dir = project();
    expect(cli([dir, '-f', 'text', '-f', 'json', '-f', 'sarif', '-o', join(dir, 'a')]).code).toBe(2);
    const r = cli([dir, '-f', 'text', '-f', 'json', '-o', '-', '-o', '-']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('only one report can go to stdout');
    expect(cli([dir, '-f', 'xml']).code).toBe(2);
    const unwritable = cli([dir, '-f', 'sarif', '-o', join(dir, 'no', 'such', 'dir', 'x.sarif')]);
    expect(unwritable.code).toBe(2);
    expect(unwritable.stderr).toMatch(/cannot write .*x\.sarif: ENOENT/);
    expect(existsSync(join(dir, 'a'))).toBe(false);
  });
  it('keeps the single-format contract: -f json -o FILE', () => {
    const dir = project();
    const r = cli([dir, '-f', 'json', '-o', join(dir, 'r.json')]);
    expect(r.stdout).toBe('');
    expect(JSON.parse(readFileSync(join(dir, 'r.json'), 'utf8')).summary).toMatchObject({ files: 3, error: 2 });
  });
});

describe('text report', () => {
  it('ends with a linkerd-check-style summary by area', () => {
    const dir = project();
    const r = cli([dir]);
    expect(r.stdout).toMatch(/× Istio +2 errors: istio-vs-gateway-not-found ×2\n +see https:\/\/\S+README\.md#istio\n/);
    expect(r.stdout).toMatch(/√ Linkerd +no findings \(\d+ rules?\)/);
  });
  it('colours only for a terminal, and honours NO_COLOR and FORCE_COLOR', () => {
    const dir = project();
    const ESC = '\u001b[';
    expect(cli([dir], { isTTY: true }).stdout).toContain(ESC);
    expect(cli([dir], { isTTY: false }).stdout).not.toContain(ESC);
    expect(cli([dir], { isTTY: true, env: { NO_COLOR: '1' } }).stdout).not.toContain(ESC);
    expect(cli([dir], { isTTY: false, env: { FORCE_COLOR: '1' } }).stdout).toContain(ESC);
    expect(cli([dir], { isTTY: true, env: { FORCE_COLOR: '0' } }).stdout).not.toContain(ESC);
    expect(cli([dir], { isTTY: false, env: { FORCE_COLOR: '' } }).stdout).toContain(ESC);
    expect(cli([dir, '-o', join(dir, 'out.txt')], { isTTY: true, env: { FORCE_COLOR: '1' } }).stdout).toBe('');
    expect(readFileSync(join(dir, 'out.txt'), 'utf8')).not.toContain(ESC);
  });
  it('shows progress on stderr only for long runs on a terminal', () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 500; i++) files[`m/cm-${String(i).padStart(3, '0')}.yaml`] = `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c${i}}\n`;
    const dir = tempTree(files);
    expect(cli([dir], { stderrIsTTY: true }).stderr).toContain('mesh-lint: reading 500 files');
    expect(cli([dir], { stderrIsTTY: false }).stderr).toBe('');
    expect(cli([join(dir, 'm/cm-000.yaml')], { stderrIsTTY: true }).stderr).toBe('');
  });
});

describe('SARIF', () => {
  it('passes the SARIF 2.1.0 schema with findings, suppressions and related locations', () => {
    const dir = tempTree({
      'gw.yaml': GATEWAY,
      'vs.yaml': virtualService('cart', ['public', 'missing']) + '---\n' + virtualService('pay', ['gone'], '  annotations:\n    mesh-lint.io/ignore: istio-vs-gateway-not-found\n'),
    });
    const r = cli([dir, '-f', 'sarif']);
    const log = JSON.parse(r.stdout);
    const results = log.runs[0].results;
    expect(results).toHaveLength(3);
    expect(results.filter((x: { suppressions?: unknown[] }) => x.suppressions)).toHaveLength(1);
    expect(results.some((x: { relatedLocations?: unknown[] }) => x.relatedLocations?.length)).toBe(true);
    const schemaPath = join(require.resolve('@microsoft/sarif-multitool-linux/package.json'), '..', 'sarif-2.1.0.json');
    const ajv = new Ajv2020({ allErrors: true, strict: false });
    addFormats(ajv);
    const validate = ajv.compile(JSON.parse(readFileSync(schemaPath, 'utf8')));
    expect(validate(log), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
    // help.markdown is the rule's docs page.
    const rule = log.runs[0].tool.driver.rules.find((x: { id: string }) => x.id === 'istio-vs-gateway-not-found');
    expect(rule.help.markdown).toContain('# istio-vs-gateway-not-found');
    expect(rule.help.markdown).toContain('## How to fix');
  });
  it('is schema-valid and has an empty results array on a clean run', () => {
    const dir = tempTree({ 'gw.yaml': GATEWAY });
    const log = JSON.parse(cli([dir, '-f', 'sarif']).stdout);
    expect(log.runs[0].results).toEqual([]);
  });
});

describe('--format github beyond the annotation limit', () => {
  it('adds a notice that GitHub shows only 10 annotations of a kind per step', () => {
    const gateways = Array.from({ length: 11 }, (_, i) => `missing-${i}`);
    const dir = tempTree({ 'vs.yaml': virtualService('cart', gateways) });
    const lines = cli([dir, '-f', 'github']).stdout.trim().split('\n');
    expect(lines).toHaveLength(12);
    expect(lines[11]).toBe('::notice title=mesh-lint::11 errors, 0 warnings, 0 notices: GitHub shows 10 annotations of each kind per step; the job log lists them all (upload SARIF to see every one on the pull request)');
  });
});
