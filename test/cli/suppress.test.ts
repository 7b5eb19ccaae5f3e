// Suppressions through the CLI: inline comments, mesh-lint/Istio/Kiali annotations, --suppress in
// istioctl's syntax; unused ones reported as info; suppressed results kept in SARIF only.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { GATEWAY, cli, tempTree, virtualService } from './helpers.js';

const RULE = 'istio-vs-gateway-not-found';

function json(args: string[]) {
  const r = cli([...args, '-f', 'json', '--no-config']);
  return { ...r, report: JSON.parse(r.stdout) as { findings: Array<{ ruleId: string; message: string; location: { startLine: number } }> } };
}

describe('inline comments', () => {
  it('disable-next-line, disable-line and disable-file silence the named rule only where they apply', () => {
    const dir = tempTree({
      'a.yaml': virtualService('a', [`# mesh-lint-disable-next-line ${RULE} -- lives in the platform repo`, 'edge-one', 'edge-two']),
      'b.yaml': virtualService('b', [`edge-three  # mesh-lint-disable-line ${RULE}`]),
      'c.yaml': `# mesh-lint-disable-file ${RULE} -- whole file is generated\n${virtualService('c', ['gw-x', 'gw-y'])}`,
    });
    const r = json([dir]);
    expect(r.report.findings.map((f) => `${f.location.startLine} ${f.message.slice(0, 40)}`)).toEqual([`11 VirtualService shop/a references gateway`]);
    expect(r.report.findings[0].message).toContain('"shop/edge-two"');
  });

  it('a directive for another rule does not silence this one', () => {
    const dir = tempTree({ 'a.yaml': virtualService('a', ['# mesh-lint-disable-next-line linkerd-sp-name-not-fqdn', 'edge']) });
    const r = json([dir]);
    expect(r.report.findings.map((f) => f.ruleId)).toEqual(['unused-suppression', RULE]);
    expect(r.code).toBe(1);
  });
});

describe('annotations', () => {
  const cases: Array<[string, string]> = [
    ['mesh-lint.io/ignore', `"linkerd-sp-name-not-fqdn,${RULE}"`],
    ['mesh-lint.io/ignore', '"*"'],
    ['galley.istio.io/analyze-suppress', '"IST0101"'],
    ['galley.istio.io/analyze-suppress', '"*"'],
    ['kiali.io/ignore-validations', '"KIA1102"'],
    ['kiali.io/ignore-validations', '""'],
  ];
  for (const [key, value] of cases) {
    it(`${key}: ${value} suppresses the finding (mapped through equivalents)`, () => {
      const dir = tempTree({ 'a.yaml': virtualService('a', ['edge'], `  annotations:\n    ${key}: ${value}\n`) });
      const r = json([dir]);
      expect(r.report.findings.filter((f) => f.ruleId === RULE)).toEqual([]);
      expect(r.code).toBe(0);
    });
  }
  it('a code of another check does not suppress', () => {
    const dir = tempTree({ 'a.yaml': virtualService('a', ['edge'], '  annotations:\n    galley.istio.io/analyze-suppress: "IST0102"\n    kiali.io/ignore-validations: "KIA0101"\n') });
    // Both codes are other checks: the finding stays (and the codes, now checked on a resource
    // without such findings, may be reported as unused).
    expect(json([dir]).report.findings.filter((f) => f.ruleId !== 'unused-suppression').map((f) => f.ruleId)).toEqual([RULE]);
  });
});

describe('--suppress in istioctl syntax', () => {
  it('matches code and "Kind name.namespace" with * wildcards', () => {
    const dir = tempTree({ 'a.yaml': virtualService('a', ['edge']) + '---\n' + virtualService('b', ['edge']) });
    expect(json([dir, '--suppress', 'IST0101=VirtualService a.shop']).report.findings).toHaveLength(1);
    expect(json([dir, '--suppress', 'IST0101=VirtualService *.shop']).report.findings).toHaveLength(0);
    expect(json([dir, '--suppress', `${RULE}=VirtualService *`]).report.findings).toHaveLength(0);
    expect(json([dir, '--suppress', 'KIA1102=VirtualService b.*']).report.findings).toHaveLength(1);
    expect(json([dir, '--suppress', 'IST0101=VirtualService a.other']).report.findings).toHaveLength(2);
  });
  it('says when a --suppress matched nothing, and rejects bad syntax with exit 2', () => {
    const dir = tempTree({ 'a.yaml': virtualService('a', ['edge']) });
    expect(json([dir, '--suppress', 'IST0102=Namespace frod']).stderr).toContain('mesh-lint: info: suppression "IST0102=Namespace frod" (--suppress) matched no finding');
    const bad = cli([dir, '--suppress', 'IST0102']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--suppress expects CODE=Kind name[.namespace]');
  });
});

describe('unused suppressions', () => {
  it('are info findings at the comment or annotation, and can be turned off', () => {
    const dir = tempTree({
      'gw.yaml': GATEWAY,
      'a.yaml': virtualService('a', [`# mesh-lint-disable-next-line ${RULE}`, 'istio-system/public'], '  annotations:\n    mesh-lint.io/ignore: "no-such-rule"\n'),
    });
    const r = json([dir, '--fail-on', 'info']);
    expect(r.code).toBe(1);
    expect(r.report.findings.map((f) => `${f.ruleId}:${f.location.startLine}`)).toEqual(['unused-suppression:7', 'unused-suppression:11']);
    expect(r.report.findings[0].message).toContain('names unknown rule "no-such-rule"');
    expect(r.report.findings[1].message).toContain(`matched no "${RULE}" finding on line 12`);
    expect(json([dir, '--fail-on', 'info', '--rule', 'unused-suppression=off']).code).toBe(0);
    // info does not fail the default --fail-on error
    expect(json([dir]).code).toBe(0);
  });
});

describe('overlapping suppressions', () => {
  it('all count as used when a comment and an annotation cover the same finding', () => {
    const dir = tempTree({
      'a.yaml': virtualService('a', [`# mesh-lint-disable-next-line ${RULE} -- platform gateway`, 'edge'], `  annotations:\n    mesh-lint.io/ignore: ${RULE}\n    galley.istio.io/analyze-suppress: IST0101\n`),
    });
    const r = json([dir, '--fail-on', 'info', '--suppress', 'IST0101=VirtualService a.shop']);
    expect(r.report.findings).toEqual([]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const sarif = JSON.parse(cli([dir, '-f', 'sarif', '--no-config']).stdout);
    expect(sarif.runs[0].results[0].suppressions).toEqual([{ kind: 'inSource', justification: 'platform gateway' }]);
  });
});

describe('SARIF keeps suppressed results', () => {
  it('as suppressions with kind and justification; other formats drop them', () => {
    const dir = tempTree({
      'a.yaml': virtualService('a', [`# mesh-lint-disable-next-line ${RULE} -- owned by the platform team`, 'edge', 'other']),
    });
    const sarif = JSON.parse(cli([dir, '-f', 'sarif', '--suppress', `${RULE}=VirtualService a.shop`]).stdout);
    const results = sarif.runs[0].results as Array<{ suppressions?: unknown[] }>;
    expect(results.map((x) => x.suppressions)).toEqual([
      [{ kind: 'inSource', justification: 'owned by the platform team' }],
      [{ kind: 'external', justification: `--suppress ${RULE}=VirtualService a.shop` }],
    ]);
    const text = cli([join(dir, 'a.yaml'), '--suppress', `${RULE}=VirtualService a.shop`]);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('✔ no problems');
    expect(text.stdout).toContain('; 2 suppressed)');
  });
});
