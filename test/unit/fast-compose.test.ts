// The parse fast path (CST → JS without yaml's Composer) must agree with parseAllDocuments +
// toJS whenever it applies: same documents, same ranges, same values, and only on input the
// Composer accepts without an error or warning.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { parseAllDocuments } from 'yaml';
import { describe, expect, it } from 'vitest';
import { fastCompose } from '../../src/parse/fast-compose.js';
import { parseSource, YAML_PARSE_OPTIONS } from '../../src/parse/parse.js';

const FIXTURES = join(__dirname, '..', 'fixtures');

function yamlFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? yamlFiles(join(dir, e.name)) : /\.ya?ml$/.test(e.name) ? [join(dir, e.name)] : [],
  );
}

/** Differences between the fast path and the Composer on `text` ([] when it gives up). */
function disagreements(text: string): string[] {
  const fast = fastCompose(text);
  if (!fast) return [];
  const docs = parseAllDocuments(text, YAML_PARSE_OPTIONS);
  const list = Array.isArray(docs) ? docs : [docs];
  const out: string[] = [];
  if (list.length !== fast.length) out.push(`${list.length} documents, fast path ${fast.length}`);
  list.forEach((doc, i) => {
    const f = fast[i];
    if (!f) return;
    if (doc.errors.length || doc.warnings.length) out.push(`document ${i}: the Composer reports ${[...doc.errors, ...doc.warnings].map((e) => e.code).join(', ')}`);
    const contentStart = doc.contents?.range?.[0] ?? doc.range[0];
    if (contentStart !== f.contentStart) out.push(`document ${i}: content starts at ${contentStart}, fast path ${f.contentStart}`);
    if (doc.range[2] !== f.end) out.push(`document ${i}: ends at ${doc.range[2]}, fast path ${f.end}`);
    const value: unknown = doc.toJS();
    if (!isDeepStrictEqual(value, f.value) || JSON.stringify(value) !== JSON.stringify(f.value)) out.push(`document ${i}: values differ`);
  });
  return out;
}

/** Small deterministic generator (the seed is fixed: failures replay). */
function random(seed: number): () => number {
  return () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
}

const EDITS = [':', '-', ' ', '\n', '\n  ', '# c', ' #x', '{', '}', '[', ']', ',', '"', "'", '|', '>', '\t', '?', '~', '&a ', '*a', '!!str ', '<<: ', '---\n', '...\n', '%YAML 1.2\n', 'null', '0x1F', '0o17', '017', '1e3', '.5', '-.inf', 'True', '__proto__', '"\\u00e9"', "'it''s'", '|-\n  text\n', '{a: 1}', '[1, 2]', '{}', '[]'];

describe('fastCompose', () => {
  const files = yamlFiles(FIXTURES);

  it('agrees with parseAllDocuments on every fixture it accepts, and accepts most of them', () => {
    let accepted = 0;
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      expect(disagreements(text), file).toEqual([]);
      if (fastCompose(text)) accepted++;
    }
    expect(accepted).toBeGreaterThan(files.length * 0.8);
  });

  it('agrees with parseAllDocuments on 3,000 mutated fixtures (CRLF and BOM included)', () => {
    const rnd = random(20261124);
    let accepted = 0;
    for (let n = 0; n < 3000; n++) {
      let text = readFileSync(files[Math.floor(rnd() * files.length)], 'utf8');
      if (rnd() < 0.3) text = text.replace(/\n/g, '\r\n');
      if (rnd() < 0.1) text = `\ufeff${text}`;
      for (let e = 1 + Math.floor(rnd() * 3); e > 0; e--) {
        const at = Math.floor(rnd() * (text.length + 1));
        text = rnd() < 0.3 ? text.slice(0, at) + text.slice(at + 1 + Math.floor(rnd() * 3)) : text.slice(0, at) + EDITS[Math.floor(rnd() * EDITS.length)] + text.slice(at);
      }
      expect(disagreements(text), JSON.stringify(text)).toEqual([]);
      if (fastCompose(text)) accepted++;
    }
    expect(accepted).toBeGreaterThan(500); // the comparison above must not be vacuous
  });

  it('reads what manifests are made of', () => {
    const text = [
      '# Source: chart/templates/deploy.yaml',
      '---',
      'apiVersion: apps/v1',
      'kind: Deployment',
      'metadata: {name: web, labels: {app: web}}  # flow map',
      'spec:',
      '  replicas: 2',
      '  template:',
      '    spec:',
      '      containers:',
      '      - name: "web"',
      "        args: ['--port', 8080, ]",
      '        env: []',
      '        resources: {}',
      '        command:',
      '          - sh',
      '          - |',
      '            echo hi',
      '      nodeSelector:',
      '      tolerations: ~',
      '---',
      '---',
      'a: .inf',
      '"8080": x',
      'constructor: 1',
      '',
    ].join('\r\n');
    const docs = fastCompose(text);
    expect(docs?.map((d) => d.value)).toEqual([
      {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: { name: 'web', labels: { app: 'web' } },
        spec: { replicas: 2, template: { spec: { containers: [{ name: 'web', args: ['--port', 8080], env: [], resources: {}, command: ['sh', 'echo hi\n'] }], nodeSelector: null, tolerations: null } } },
      },
      null,
      { a: Infinity, 8080: 'x', constructor: 1 },
    ]);
    expect(disagreements(text)).toEqual([]);
  });

  it.each([
    ['an anchor and alias', 'a: &x 1\nb: *x\n'],
    ['a merge key', 'a: {x: 1}\nb:\n  <<: {y: 2}\n'],
    ['a tag', 'a: !!str 1\n'],
    ['a duplicate key', 'a: 1\na: 2\n'],
    ['a tab in indentation', 'a:\n\tb: 1\n'],
    ['a directive', '%YAML 1.2\n---\na: 1\n'],
    ['a document end marker', 'a: 1\n...\n'],
    ['an explicit key', '? a\n: 1\n'],
    ['a syntax error', 'a: [1, 2\n'],
  ])('gives up on %s', (_what, text) => {
    expect(fastCompose(text)).toBeUndefined();
  });

  it('leaves parseSource results unchanged: same documents and problems as the full path', () => {
    // A file with a scalar trap takes the full path; the same documents without it, the fast one.
    const body = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\ndata:\n  k: "v"\n---\napiVersion: v1\nkind: Service\nmetadata: {name: b}\n';
    const fast = parseSource(0, body);
    const full = parseSource(0, `${body}---\nx: yes\n`);
    expect(fast.documents).toEqual(full.documents.slice(0, 2));
    expect(full.problems.map((p) => p.ruleId)).toEqual(['yaml-ambiguous-boolean']);
  });
});
