// .mesh-lint.yaml (rules, overrides by glob, ignore, defaults, suppress, failOn; bad config is
// exit 2) and baselines (only new findings; keyed by rule, resource and path, not by line).
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, tempTree, virtualService } from './helpers.js';

const RULE = 'istio-vs-gateway-not-found';

function report(args: string[]) {
  const r = cli([...args, '-f', 'json']);
  if (r.code === 2) throw new Error(r.stderr);
  return { ...r, findings: JSON.parse(r.stdout).findings as Array<{ ruleId: string; severity: string; message: string; location: { file: string; startLine: number } }> };
}

describe('config file', () => {
  it('sets rule severities, per-glob overrides, ignored paths, defaults and failOn', () => {
    const dir = tempTree({
      'apps/a.yaml': virtualService('a', ['edge']),
      'legacy/b.yaml': virtualService('b', ['edge']),
      'generated/c.yaml': virtualService('c', ['edge']),
      'apps/d.yaml': virtualService('d', ['edge']).replace('  namespace: shop\n', ''),
      'cfg/.mesh-lint.yaml': [
        'rules:',
        `  ${RULE}: warning`,
        'overrides:',
        '  - files: ["legacy/**"]',
        '    rules:',
        `      ${RULE}: off`,
        'ignore: ["generated/"]',
        'defaults:',
        '  defaultNamespace: payments',
        'failOn: warning',
        '',
      ].join('\n'),
    });
    // Globs are relative to the config file's folder: put it at the root for this run.
    writeFileSync(join(dir, '.mesh-lint.yaml'), readFileSync(join(dir, 'cfg/.mesh-lint.yaml')));
    const r = report([dir, '--config', join(dir, '.mesh-lint.yaml')]);
    expect(r.findings.map((f) => `${f.location.file.slice(dir.length + 1)} ${f.severity}`)).toEqual(['apps/a.yaml warning', 'apps/d.yaml warning']);
    expect(r.findings[1].message).toContain('VirtualService payments/d');
    expect(r.code).toBe(1); // failOn: warning
    // The command line wins over the config.
    expect(report([dir, '--config', join(dir, '.mesh-lint.yaml'), '--fail-on', 'error']).code).toBe(0);
    expect(report([dir, '--config', join(dir, '.mesh-lint.yaml'), '--rule', `${RULE}=error`]).findings.filter((f) => f.severity === 'error')).toHaveLength(3);
    expect(report([dir, '--config', join(dir, '.mesh-lint.yaml'), '--default-namespace', 'web']).findings[1].message).toContain('VirtualService web/d');
    expect(report([dir, '--no-config']).findings).toHaveLength(4);
  });

  it('can enable a rule only for some files, and takes suppress entries and a mesh config relative to itself', () => {
    const dir = tempTree({
      'strict/a.yaml': virtualService('a', ['edge']),
      'lax/b.yaml': virtualService('b', ['edge']) + '---\n' + virtualService('bb', ['edge']),
      'conf/mesh.yaml': 'rootNamespace: istio-system\n',
      '.mesh-lint.yaml': `rules: {${RULE}: off}\noverrides:\n  - files: ["strict/*.yaml"]\n    rules: {${RULE}: error}\nsuppress: ["IST0101=VirtualService bb.shop"]\ndefaults: {meshConfig: conf/mesh.yaml}\n`,
    });
    const r = report([dir, '--config', join(dir, '.mesh-lint.yaml')]);
    expect(r.findings.map((f) => f.location.file.slice(dir.length + 1))).toEqual(['strict/a.yaml']);
  });

  it('rejects a bad config with exit 2 and a clear message', () => {
    const bad: Array<[string, string]> = [
      ['rules: {istio-vs-gateway-not-found: loud}\n', '/rules/istio-vs-gateway-not-found must be equal to one of the allowed values (off, error, warning, info)'],
      ['rules: {no-such-rule: off}\n', 'unknown rule "no-such-rule"'],
      ['colour: true\n', 'must NOT have additional properties ("colour")'],
      ['rules: [a\n', 'is not valid YAML'],
      ['suppress: ["IST0101"]\n', '/suppress/0 must match pattern'],
      ['defaults: {meshConfig: nowhere.yaml}\n', 'cannot read'],
    ];
    for (const [text, message] of bad) {
      const dir = tempTree({ '.mesh-lint.yaml': text, 'a.yaml': virtualService('a', ['mesh']) });
      const r = cli([dir, '--config', join(dir, '.mesh-lint.yaml')]);
      expect(r.code, text).toBe(2);
      expect(r.stderr, text).toContain(message);
      expect(r.stdout).toBe('');
    }
    expect(cli(['.', '--config', '/nonexistent/.mesh-lint.yaml']).stderr).toContain('cannot read config file');
  });
});

describe('baseline', () => {
  it('records findings, then reports only new ones even after lines shift', () => {
    const dir = tempTree({ 'a.yaml': virtualService('a', ['edge', 'old']), 'b.yaml': virtualService('b', ['gone']) });
    const base = join(dir, 'baseline.json');
    const w = report([dir, '--write-baseline', base]);
    expect(w.code).toBe(0);
    expect(w.stderr).toContain('wrote 3 findings to baseline');
    const saved = JSON.parse(readFileSync(base, 'utf8'));
    expect(saved.entries[0]).toEqual({ ruleId: RULE, resource: 'networking.istio.io/VirtualService shop/a', path: 'spec.gateways[0]', count: 1 });

    // Unchanged: clean.
    expect(report([dir, '--baseline', base]).findings).toEqual([]);
    // Lines shift (a comment and a new gateway above), one new finding, one fixed.
    writeFileSync(join(dir, 'a.yaml'), `# moved down\n\n${virtualService('a', ['edge', 'old', 'brand-new'])}`);
    writeFileSync(join(dir, 'b.yaml'), virtualService('b', ['mesh']));
    const r = report([dir, '--baseline', base]);
    expect(r.findings.map((f) => f.message)).toEqual([expect.stringContaining('"shop/brand-new"')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('1 baseline entry matched no finding');
    // Baselined findings stay in SARIF as external suppressions.
    const sarif = JSON.parse(cli([dir, '--baseline', base, '-f', 'sarif']).stdout);
    expect(sarif.runs[0].results.filter((x: { suppressions?: unknown }) => x.suppressions)).toHaveLength(2);
  });
  it('rejects a file that is not a baseline with exit 2', () => {
    const dir = tempTree({ 'a.yaml': virtualService('a', ['mesh']), 'x.json': '{"findings": []}' });
    const r = cli([dir, '--baseline', join(dir, 'x.json')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('is not a mesh-lint baseline');
  });
});
