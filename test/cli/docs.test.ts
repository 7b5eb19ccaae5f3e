// Rule documentation: the generated index is current, `explain` prints a rule's page, and the
// pages carry the sections the project requires.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ALL_RULES } from '../../rules/index.js';
import { describeRule } from '../../src/engine/catalogue.js';
import { renderRulesIndex } from '../../src/engine/docs-index.js';
import { cli } from './helpers.js';

const ROOT = join(import.meta.dirname, '..', '..');

describe('docs/rules/README.md', () => {
  it('is what `npm run docs` generates from the registry', () => {
    const current = readFileSync(join(ROOT, 'docs', 'rules', 'README.md'), 'utf8');
    expect(current, 'docs/rules/README.md is stale: run `npm run docs`').toBe(renderRulesIndex(ALL_RULES.map((r) => describeRule(r, false))));
  });
  it('links every rule page and has an anchor for every area the text report links', () => {
    const index = readFileSync(join(ROOT, 'docs', 'rules', 'README.md'), 'utf8');
    for (const r of ALL_RULES) expect(index).toContain(`[${r.id}](${r.id}.md)`);
    for (const h of ['## Core', '## Kubernetes', '## Istio', '## Linkerd', '## Gateway API']) expect(index).toContain(h);
  });
});

describe('mesh-lint explain', () => {
  it('prints the rule page', () => {
    const r = cli(['explain', 'unused-suppression']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(readFileSync(join(ROOT, 'docs', 'rules', 'unused-suppression.md'), 'utf8'));
  });
  it('fails with exit 2 on an unknown rule', () => {
    const r = cli(['explain', 'no-such-rule']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('unknown rule "no-such-rule"');
  });
});

describe('docs/cli.md', () => {
  it('shows a config example that the shipped JSON Schema accepts', async () => {
    const { parse } = await import('yaml');
    const { default: Ajv } = await import('ajv');
    const md = readFileSync(join(ROOT, 'docs', 'cli.md'), 'utf8');
    const example = /## Config file[\s\S]*?```yaml\n([\s\S]*?)```/.exec(md)![1];
    const schema = JSON.parse(readFileSync(join(ROOT, 'schemas', 'mesh-lint.config.schema.json'), 'utf8'));
    const validate = new Ajv({ strict: false, allErrors: true }).compile(schema);
    expect(validate(parse(example)), JSON.stringify(validate.errors)).toBe(true);
  });
});
