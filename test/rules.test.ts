// One generic test for every rule: each fixture's findings must equal its `# expect:` comments
// (an extra finding is a false positive, a missing one a false negative), and `valid*` fixtures
// must produce no warning or error from any rule.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ALL_RULES } from '../rules/index.js';
import { readExpectations, readFixtureOptions, type FixtureOptions } from './harness/expectations.js';
import { lintFixture } from './harness/run-fixture.js';

const FIXTURES = join(import.meta.dirname, 'fixtures');

interface FixtureCase {
  name: string;
  path: string;
  files: string[];
}

function casesOf(dir: string): FixtureCase[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name): FixtureCase[] => {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) {
        const files = readdirSync(path).filter((f) => /\.(ya?ml|json)$/.test(f)).map((f) => join(path, f));
        return [{ name, path, files }];
      }
      return /\.(ya?ml|json)$/.test(name) && !name.startsWith('mesh-config') ? [{ name, path, files: [path] }] : [];
    });
}

function optionsOf(c: FixtureCase): FixtureOptions {
  return Object.assign({}, ...c.files.map((f) => readFixtureOptions(readFileSync(f, 'utf8'))));
}

const key = (f: string, line: number, rule: string) => `${f}:${line} ${rule}`;

for (const rule of ALL_RULES) {
  const dir = join(FIXTURES, rule.category, rule.id);
  if (!existsSync(dir)) continue; // the meta-test reports missing fixtures
  describe(rule.id, () => {
    for (const c of casesOf(dir)) {
      const opts = optionsOf(c);
      if (c.name.startsWith('valid')) {
        it(`stays silent on ${c.name}`, () => {
          const findings = lintFixture(c.path, ALL_RULES, opts).filter((f) => f.severity !== 'info' || f.ruleId === rule.id);
          expect(findings.map((f) => `${f.location.file}:${f.location.startLine} ${f.ruleId}: ${f.message}`)).toEqual([]);
        });
      } else {
        it(`reports exactly the expected lines in ${c.name}`, () => {
          const expected: string[] = [];
          for (const file of c.files) {
            for (const e of readExpectations(readFileSync(file, 'utf8'))) if (e.ruleId === rule.id) expected.push(key(file, e.line, e.ruleId));
          }
          expect(expected.length, 'an invalid fixture must expect at least one finding').toBeGreaterThan(0);
          const actual = lintFixture(c.path, [rule], opts).map((f) => key(f.location.file, f.location.startLine, f.ruleId));
          expect(actual.sort()).toEqual(expected.sort());
        });
      }
    }
  });
}
