// Every rule is complete: docs page, valid and invalid fixtures, module named after its id,
// known equivalents syntax; every fixture folder and expect comment names a real rule.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ALL_RULES } from '../rules/index.js';
import { readExpectations } from './harness/expectations.js';

const ROOT = join(import.meta.dirname, '..');
const FIXTURES = join(ROOT, 'test', 'fixtures');
const ids = new Set(ALL_RULES.map((r) => r.id));
const PREFIX: Record<string, string> = { core: '', kubernetes: 'k8s-', istio: 'istio-', linkerd: 'linkerd-', 'gateway-api': 'gateway-api-' };

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? walk(p) : [p];
  });
}

describe('rule catalogue', () => {
  it('has unique ids', () => {
    expect(ids.size).toBe(ALL_RULES.length);
  });

  for (const rule of ALL_RULES) {
    describe(rule.id, () => {
      it('has complete metadata', () => {
        expect(rule.id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
        expect(rule.description.length).toBeGreaterThan(10);
        expect(['error', 'warning', 'info']).toContain(rule.severity);
        for (const e of rule.equivalents) expect(e).toMatch(/^(IST\d{4}(@[A-Za-z0-9.]+)?|KIA\d{4})$/);
      });
      it('lives in rules/<area>/ under a file named after its id', () => {
        const file = rule.id.slice(PREFIX[rule.category].length);
        expect(rule.id.startsWith(PREFIX[rule.category])).toBe(true);
        expect(existsSync(join(ROOT, 'rules', rule.category, `${file}.ts`))).toBe(true);
      });
      it('has a docs page', () => {
        const doc = join(ROOT, 'docs', 'rules', `${rule.id}.md`);
        expect(existsSync(doc)).toBe(true);
        expect(readFileSync(doc, 'utf8')).toContain(`# ${rule.id}`);
      });
      it('has valid and invalid fixtures', () => {
        const dir = join(FIXTURES, rule.category, rule.id);
        expect(existsSync(dir), `missing ${dir}`).toBe(true);
        const names = readdirSync(dir);
        expect(names.some((n) => n.startsWith('valid')), 'no valid* fixture').toBe(true);
        expect(names.some((n) => n.startsWith('invalid')), 'no invalid* fixture').toBe(true);
      });
    });
  }

  it('names a registered rule in every fixture folder and expect comment', () => {
    for (const area of readdirSync(FIXTURES)) {
      for (const folder of readdirSync(join(FIXTURES, area))) expect(ids, `fixture folder ${area}/${folder}`).toContain(folder);
    }
    for (const file of walk(FIXTURES).filter((f) => /\.(ya?ml|json)$/.test(f))) {
      for (const e of readExpectations(readFileSync(file, 'utf8'))) expect(ids, `${file}:${e.line}`).toContain(e.ruleId);
    }
  });

  it('registers every rule module of every area', () => {
    for (const area of Object.keys(PREFIX)) {
      const dir = join(ROOT, 'rules', area);
      const modules = readdirSync(dir).filter((f) => f.endsWith('.ts') && f !== 'index.ts');
      for (const m of modules) expect(ids, `rules/${area}/${m}`).toContain(`${PREFIX[area]}${m.replace(/\.ts$/, '')}`);
    }
  });
});
