// Property-based tests (fast-check): whatever the input, the pipeline never throws, no rule
// fails, every finding is located inside its file, and the JSON and SARIF reports are valid.
// More than 10,000 generated cases per run, in-process; a handful through the built CLI.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { lint, lintSources, type LintResult } from '../../src/engine/lint.js';
import type { SourceFile } from '../../src/input/sources.js';
import { ALL_RULES } from '../../rules/index.js';
import { runCli } from '../cli/helpers.js';
import { BASE_MANIFESTS } from './corpus.js';
import { reportsOf, validateJsonReport, validateSarif } from './schemas.js';

const SEED = Number(process.env.MESH_LINT_PROPERTY_SEED ?? Date.now() % 2 ** 31);
const params = (numRuns: number) => ({ numRuns, seed: SEED });
const TIMEOUT = 600_000;

/** Lints in-memory texts and checks every invariant; returns the result for more checks. */
function check(texts: string[]): LintResult {
  const files: SourceFile[] = texts.map((text, i) => ({ id: i, displayPath: `case-${i}.yaml`, text, size: text.length }));
  const result = lintSources(files, { paths: [], rules: ALL_RULES, workers: 0 });
  expect(result.ruleFailures.map((f) => `${f.ruleId}: ${f.error.stack}`)).toEqual([]);
  for (const f of result.findings) {
    const text = texts[Number(/case-(\d+)/.exec(f.location.file)![1])];
    const lines = text.split('\n').length;
    expect(f.location.startLine).toBeGreaterThanOrEqual(1);
    expect(f.location.startLine).toBeLessThanOrEqual(lines);
    expect(f.location.endLine).toBeGreaterThanOrEqual(f.location.startLine);
    expect(f.location.startColumn).toBeGreaterThanOrEqual(1);
  }
  const { json, sarif } = reportsOf(result);
  const report = JSON.parse(json);
  if (!validateJsonReport(report)) throw new Error(`invalid JSON report: ${JSON.stringify(validateJsonReport.errors)}`);
  const log = JSON.parse(sarif);
  if (!validateSarif(log)) throw new Error(`invalid SARIF: ${JSON.stringify(validateSarif.errors?.slice(0, 3))}`);
  return result;
}

// YAML made of the pieces that make parsers and linters stumble.
const TOKENS = [
  'apiVersion: v1\n', 'apiVersion: networking.istio.io/v1\n', 'kind: VirtualService\n', 'kind: List\n', 'kind: Gateway\n',
  'metadata:\n', '  name: x\n', '  namespace: y\n', 'spec:\n', '  hosts: [a, b]\n', '  gateways:\n', '  - gw\n', 'items:\n',
  '---\n', '...\n', '- ', '  ', '\t', '[', ']', '{', '}', ': ', ', ', '? ', '&a ', '*a ', '<<: *a\n', '!!str ', '!!python/object ',
  '!!js/function ', '!custom ', '"', "'", '\\', '#', '# comment\n', '|\n', '>-\n', '%YAML 1.2\n', '%TAG ! tag:x,2000:\n', '\n', '\r\n',
  '\ufeff', '\u0000', '\u00e9', '\ud83d\ude80', '\ud800', 'null', '~', '.inf', '0x1F', '1e999', '__proto__', 'constructor', 'key', 'a: 1\n',
];
const yamlish = fc.array(fc.oneof(fc.constantFrom(...TOKENS), fc.string({ maxLength: 8 })), { maxLength: 40 }).map((parts) => parts.join(''));

const KINDS = [
  ['v1', 'Service'], ['v1', 'Namespace'], ['v1', 'List'], ['apps/v1', 'Deployment'], ['networking.istio.io/v1', 'VirtualService'],
  ['networking.istio.io/v1', 'Gateway'], ['networking.istio.io/v1', 'DestinationRule'], ['security.istio.io/v1', 'PeerAuthentication'],
  ['linkerd.io/v1alpha2', 'ServiceProfile'], ['gateway.networking.k8s.io/v1', 'HTTPRoute'], ['gateway.networking.k8s.io/v1', 'Gateway'],
] as const;
const manifestLike = fc.record(
  {
    apiVersion: fc.oneof(fc.constantFrom(...KINDS.map((k) => k[0])), fc.jsonValue()),
    kind: fc.oneof(fc.constantFrom(...KINDS.map((k) => k[1])), fc.jsonValue()),
    metadata: fc.oneof(fc.record({ name: fc.oneof(fc.string(), fc.jsonValue()), namespace: fc.oneof(fc.string(), fc.jsonValue()), labels: fc.jsonValue() }, { requiredKeys: [] }), fc.jsonValue()),
    spec: fc.jsonValue({ maxDepth: 4 }),
    items: fc.array(fc.jsonValue({ maxDepth: 3 }), { maxLength: 3 }),
  },
  { requiredKeys: [] },
);

/** A JSON path to some node of `value` chosen by `pick`, and the node's parent and key. */
function nodeAt(value: unknown, pick: number): { parent: Record<string, unknown> | unknown[]; key: string | number } | undefined {
  const all: Array<{ parent: Record<string, unknown> | unknown[]; key: string | number }> = [];
  const walk = (v: unknown) => {
    if (Array.isArray(v)) v.forEach((c, i) => (all.push({ parent: v, key: i }), walk(c)));
    else if (v && typeof v === 'object') for (const [k, c] of Object.entries(v)) all.push({ parent: v as Record<string, unknown>, key: k }), walk(c);
  };
  walk(value);
  return all.length ? all[pick % all.length] : undefined;
}

type Mutation = { op: 'delete' | 'retype' | 'rename' | 'duplicate'; pick: number; value: unknown; name: string };
const mutation: fc.Arbitrary<Mutation> = fc.record({
  op: fc.constantFrom('delete', 'retype', 'rename', 'duplicate'),
  pick: fc.nat(),
  value: fc.jsonValue({ maxDepth: 2 }),
  name: fc.oneof(fc.constantFrom('name', 'namespace', 'hosts', 'gateways', 'host', 'subset', 'selector', 'items', 'kind', 'spec'), fc.string({ maxLength: 6 })),
});

function mutate(docs: Array<Record<string, unknown>>, muts: Mutation[]): string {
  const copy = structuredClone(docs) as unknown[];
  const dupes: number[] = [];
  for (const m of muts) {
    const at = nodeAt(copy, m.pick);
    if (!at) continue;
    const { parent, key } = at;
    if (m.op === 'duplicate') dupes.push(m.pick);
    else if (m.op === 'delete') Array.isArray(parent) ? parent.splice(Number(key), 1) : delete parent[key as string];
    else if (m.op === 'retype') (parent as Record<string | number, unknown>)[key] = m.value;
    else if (!Array.isArray(parent)) {
      const v = parent[key as string];
      delete parent[key as string];
      parent[m.name] = v;
    }
  }
  let text = copy.map((d) => stringify(d)).join('---\n');
  // Duplicate a `key: value` line right under itself: a duplicate key (or a duplicate item).
  const lines = text.split('\n');
  for (const p of dupes) {
    const i = p % lines.length;
    if (/^\s*[\w.-]+:\s*\S/.test(lines[i])) lines.splice(i + 1, 0, lines[i]);
  }
  text = lines.join('\n');
  return text;
}

const tmp = mkdtempSync(join(tmpdir(), 'mesh-lint-prop-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe(`property-based (seed ${SEED}; rerun with MESH_LINT_PROPERTY_SEED)`, () => {
  it('random YAML-ish text', () => fc.assert(fc.property(fc.array(yamlish, { minLength: 1, maxLength: 3 }), (texts) => void check(texts)), params(3500)), TIMEOUT);

  it('random JSON values and manifest-shaped JSON', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.jsonValue(), manifestLike), { minLength: 1, maxLength: 4 }), fc.boolean(), (values, asYaml) => {
        check(values.map((v) => (asYaml ? stringify(v) : JSON.stringify(v) ?? 'null')));
      }),
      params(2500),
    );
  }, TIMEOUT);

  it('valid manifests with fields deleted, retyped, renamed and duplicated', () => {
    fc.assert(
      fc.property(fc.shuffledSubarray(BASE_MANIFESTS, { minLength: 1 }), fc.array(mutation, { minLength: 1, maxLength: 4 }), (docs, muts) => {
        check([mutate(docs as Array<Record<string, unknown>>, muts)]);
      }),
      params(3000),
    );
  }, TIMEOUT);

  it('random bytes on disk: binary and invalid UTF-8 are reported, never decoded as YAML', () => {
    let n = 0;
    fc.assert(
      fc.property(fc.oneof(fc.uint8Array({ maxLength: 200 }), fc.string({ unit: 'binary', maxLength: 100 }).map((s) => new Uint8Array(Buffer.from(s, 'utf8')))), (bytes) => {
        const path = join(tmp, `bytes-${n++}.yaml`);
        writeFileSync(path, bytes);
        const result = lint({ paths: [path], rules: ALL_RULES, workers: 0 });
        expect(result.ruleFailures).toEqual([]);
        const buf = Buffer.from(bytes);
        const ids = result.findings.map((f) => f.ruleId);
        if (buf.includes(0)) expect(ids).toEqual(['input-not-text']);
        else if (!buf.equals(Buffer.from(buf.toString('utf8'), 'utf8'))) expect(ids).toContain('input-not-text');
        const { json, sarif } = reportsOf(result);
        expect(validateJsonReport(JSON.parse(json))).toBe(true);
        expect(validateSarif(JSON.parse(sarif))).toBe(true);
      }),
      params(1200),
    );
  }, TIMEOUT);

  it('the built CLI exits 0 or 1 with valid JSON and SARIF on generated inputs', () => {
    const samples = fc.sample(fc.tuple(yamlish, manifestLike, fc.array(mutation, { minLength: 1, maxLength: 3 })), { numRuns: 4, seed: SEED });
    samples.forEach(([y, m, muts], i) => {
      writeFileSync(join(tmp, `cli-${i}-a.yaml`), y);
      writeFileSync(join(tmp, `cli-${i}-b.json`), JSON.stringify(m));
      writeFileSync(join(tmp, `cli-${i}-c.yaml`), mutate(BASE_MANIFESTS, muts));
    });
    for (const format of ['json', 'sarif']) {
      const r = runCli(['lint', '-f', format, '--fail-on', 'warning', tmp]);
      expect([0, 1], r.stderr).toContain(r.status);
      const out = JSON.parse(r.stdout);
      expect(format === 'json' ? validateJsonReport(out) : validateSarif(out)).toBe(true);
    }
  }, TIMEOUT);
});
