// A folder of odd and hostile inputs is linted to the end: exit 0 or 1, valid reports, a located
// finding for every broken file, a skip for what must not be opened, and nothing executed.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { lint } from '../../src/engine/lint.js';
import { ALL_RULES } from '../../rules/index.js';
import { runCli } from '../cli/helpers.js';
import { validateJsonReport, validateSarif } from './schemas.js';

const VS_MISSING_GW = 'apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata: {name: shop, namespace: shop}\nspec:\n  hosts: [shop.example.com]\n  gateways: [nowhere]\n';

function bomb(levels: number): string {
  let s = 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: lol}\ndata:\n  l0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n';
  for (let i = 1; i < levels; i++) s += `  l${i}: &l${i} [${Array(10).fill(`*l${i - 1}`).join(', ')}]\n`;
  return s;
}

function deepBlock(levels: number): string {
  let s = 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: deep}\ndata:\n';
  for (let i = 0; i < levels; i++) s += `${' '.repeat(2 + i)}k${i}:\n`;
  return `${s}${' '.repeat(2 + levels)}leaf: x\n`;
}

function mergeChain(n: number): string {
  let s = 'apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: merged}\nspec:\n  m0: &m0 {a0: "0"}\n';
  for (let i = 1; i < n; i++) s += `  m${i}: &m${i} {<<: *m${i - 1}, a${i}: "${i}"}\n`;
  return s;
}

/** File name → the rule that must report it (undefined: must stay silent). */
const EXPECTED: Record<string, string | undefined> = {
  'alias-bomb.yaml': 'input-limit-exceeded',
  'recursive-alias.yaml': 'input-limit-exceeded',
  'deep-flow.yaml': 'input-limit-exceeded',
  'deep-block.yaml': 'input-limit-exceeded',
  'too-big.yaml': 'input-limit-exceeded',
  'binary.yaml': 'input-not-text',
  'utf16.yaml': 'input-not-text',
  'latin1.yaml': 'input-not-text',
  'duplicate-keys.yaml': 'yaml-duplicate-key',
  'tabs.yaml': 'yaml-tab',
  'tags.yaml': 'yaml-unsafe-tag',
  'vs.yaml': 'istio-vs-gateway-not-found',
  'long-line.yaml': undefined,
  'huge-list.yaml': undefined,
  'merge-chain.yaml': undefined,
  'merge-chain-long.yaml': 'input-limit-exceeded',
  'empty.yaml': undefined,
  'bom-only.yaml': undefined,
  'comments-only.yaml': undefined,
  'data.json': undefined,
};

let dir: string;
let server: Server | undefined;


beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'mesh-lint-hostile-'));
  const root = join(dir, 'repo');
  mkdirSync(join(root, 'sub'), { recursive: true });
  const w = (name: string, content: string | Buffer) => writeFileSync(join(root, name), content);
  w('alias-bomb.yaml', bomb(9));
  w('recursive-alias.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: loop\n  labels: &x\n    again: *x\n');
  w('deep-flow.yaml', `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: flow}\ndata:\n  x: ${'['.repeat(20_000)}${']'.repeat(20_000)}\n`);
  w('deep-block.yaml', deepBlock(300));
  w('too-big.yaml', `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: big}\ndata:\n  blob: "${'x'.repeat(1536 * 1024)}"\n`);
  w('binary.yaml', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52]));
  w('utf16.yaml', Buffer.from('\ufeffapiVersion: v1\nkind: ConfigMap\n', 'utf16le'));
  w('latin1.yaml', Buffer.from('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: caf\xe9\n', 'latin1'));
  w('duplicate-keys.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: dup}\ndata:\n  a: "1"\n  a: "2"\n');
  w('tabs.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n\tname: tabbed\n');
  w('tags.yaml', `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: tags}\ndata:\n  a: !!python/object/apply:os.system ["touch ${join(dir, 'pwned')}"]\n  b: !!js/function "function () { require('fs').writeFileSync('${join(dir, 'pwned')}', '') }"\n`);
  w('vs.yaml', VS_MISSING_GW);
  w('long-line.yaml', `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: long}\ndata:\n  line: "${'y'.repeat(600 * 1024)}"\n`);
  w('huge-list.yaml', stringify({ apiVersion: 'v1', kind: 'List', items: Array.from({ length: 10_000 }, (_, i) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: `cm-${i}`, namespace: 'bulk' }, data: { i: String(i) } })) }));
  w('merge-chain.yaml', mergeChain(8));
  w('merge-chain-long.yaml', mergeChain(60)); // yaml counts each merge level as a further expansion
  w('empty.yaml', '');
  w('bom-only.yaml', '\ufeff');
  w('comments-only.yaml', '# nothing here\n# at all\n');
  w('data.json', JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'json', namespace: 'x' }, data: { '__proto__': 'x', constructor: 'y' } }));
  // Links: a loop, a folder and a file outside the root (holding a finding that must not appear).
  const outside = join(dir, 'outside');
  mkdirSync(outside);
  writeFileSync(join(outside, 'secret.yaml'), VS_MISSING_GW.replace('name: shop,', 'name: outside,'));
  symlinkSync('..', join(root, 'sub', 'loop'));
  symlinkSync(outside, join(root, 'outside-dir'));
  symlinkSync(join(outside, 'secret.yaml'), join(root, 'outside-file.yaml'));
  symlinkSync('/dev/zero', join(root, 'device.yaml'));
  symlinkSync(join(root, 'missing-target.yaml'), join(root, 'dangling.yaml'));
  // A FIFO (reading it would block forever) and a socket: never opened.
  if (spawnSync('mkfifo', [join(root, 'fifo.yaml')]).status !== 0) throw new Error('mkfifo is needed for this test');
  server = createServer();
  await new Promise<void>((resolve) => server!.listen(join(root, 'socket.yaml'), resolve));
}, 120_000);

afterAll(() => {
  server?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('hostile inputs', () => {
  it('lints the whole folder: exit 1, valid JSON and SARIF, one located finding per broken file', () => {
    const args = ['lint', 'repo', '--limit', 'file-bytes=1400000'];
    const json = runCli([...args, '-f', 'json'], { cwd: dir });
    expect(json.status, json.stderr).toBe(1);
    const report = JSON.parse(json.stdout);
    expect(validateJsonReport(report), JSON.stringify(validateJsonReport.errors)).toBe(true);

    const byFile = new Map<string, string[]>();
    for (const f of report.findings) {
      expect(f.location.startLine).toBeGreaterThanOrEqual(1);
      const file = f.location.file.replace(/^repo\//, '');
      byFile.set(file, [...(byFile.get(file) ?? []), f.ruleId]);
    }
    for (const [file, rule] of Object.entries(EXPECTED)) {
      if (rule) expect(byFile.get(file), file).toContain(rule);
      else expect(byFile.get(file), file).toBeUndefined();
    }
    // Nothing from outside the root, nothing from special files.
    expect([...byFile.keys()].filter((f) => !(f in EXPECTED))).toEqual([]);
    expect(json.stderr).toMatch(/repo\/sub\/loop: symbolic link loop/);
    expect(json.stderr).toMatch(/repo\/outside-dir: symbolic link leads outside/);
    expect(json.stderr).toMatch(/repo\/outside-file\.yaml: symbolic link leads outside/);
    expect(json.stderr).toMatch(/repo\/fifo\.yaml: not a regular file/);
    expect(json.stderr).toMatch(/repo\/socket\.yaml: not a regular file/);
    expect(json.stderr).toMatch(/repo\/device\.yaml: not a regular file/);
    expect(json.stderr).toMatch(/repo\/dangling\.yaml: broken symbolic link/);
    // The 10,000 List items were all read.
    expect(report.summary.resources).toBeGreaterThanOrEqual(10_000);
    // Nothing was executed.
    expect(existsSync(join(dir, 'pwned'))).toBe(false);

    const sarif = runCli([...args, '-f', 'sarif'], { cwd: dir });
    expect(sarif.status).toBe(1);
    const log = JSON.parse(sarif.stdout);
    expect(validateSarif(log), JSON.stringify(validateSarif.errors?.slice(0, 3))).toBe(true);
    expect(log.runs[0].results.length).toBe(report.findings.length);
  }, 300_000);

  it('points at the offending node, not only at the file', () => {
    const r = lint({ paths: [join(dir, 'repo', 'deep-block.yaml'), join(dir, 'repo', 'tags.yaml'), join(dir, 'repo', 'latin1.yaml')], rules: ALL_RULES, workers: 0 });
    const at = r.findings.map((f) => `${f.location.file.split('/').pop()}:${f.location.startLine}:${f.location.startColumn} ${f.ruleId}`);
    // The root is level 1, data 2, k0 3: k198 on line 203 is the first value past level 200.
    expect(at).toContain('deep-block.yaml:203:201 input-limit-exceeded');
    expect(at).toContain('tags.yaml:5:6 yaml-unsafe-tag');
    expect(at).toContain('tags.yaml:6:6 yaml-unsafe-tag');
    expect(at).toContain('latin1.yaml:4:12 input-not-text');
  });

  it('never reads a file over the size limit again to locate its finding', () => {
    const r = lint({ paths: [join(dir, 'repo', 'too-big.yaml')], rules: ALL_RULES, limits: { maxFileBytes: 1000 }, workers: 0 });
    expect(r.findings.map((f) => [f.ruleId, f.location.startLine, f.location.startColumn])).toEqual([['input-limit-exceeded', 1, 1]]);
    expect(r.files[0].textless).toBe(true);
  });

  it('exits 2 with one line on stderr for usage errors, and a stack only with --debug', () => {
    const bad = runCli(['lint', '--limit', 'bogus=1', dir]);
    expect(bad.status).toBe(2);
    expect(bad.stderr.trim().split('\n')).toHaveLength(1);
    const missing = runCli(['lint', join(dir, 'no-such-folder')]);
    expect(missing.status).toBe(2);
    expect(missing.stderr.trim().split('\n')).toHaveLength(1);
    expect(missing.stderr).not.toMatch(/\n\s+at /);
  });

  it('reads the stdin and a FIFO named on the command line without hanging', () => {
    const r = runCli(['lint', '-f', 'json', '-', join(dir, 'repo', 'fifo.yaml')], { input: VS_MISSING_GW });
    expect(r.status).toBe(1);
    expect(JSON.parse(r.stdout).findings.map((f: { ruleId: string }) => f.ruleId)).toEqual(['istio-vs-gateway-not-found']);
    expect(r.stderr).toMatch(/fifo\.yaml: not a regular file/);
    expect(readFileSync(join(dir, 'repo', 'vs.yaml'), 'utf8')).toBe(VS_MISSING_GW); // inputs never written
  });
});
