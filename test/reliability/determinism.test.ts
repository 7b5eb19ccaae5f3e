// Shuffled file creation order, argument order and worker count give byte-identical reports.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { lint } from '../../src/engine/lint.js';
import { ALL_RULES } from '../../rules/index.js';
import { runCli } from '../cli/helpers.js';
import { BASE_MANIFESTS } from './corpus.js';
import { reportsOf } from './schemas.js';

/** relative path → content: the base manifests spread over folders, plus broken files. */
function tree(): Array<[string, string]> {
  const files: Array<[string, string]> = [];
  BASE_MANIFESTS.forEach((m, i) => {
    const ns = (m.metadata as { namespace?: string }).namespace ?? 'cluster';
    files.push([`${i % 2 ? 'apps' : 'mesh'}/${ns}/${String(m.kind).toLowerCase()}-${i}.yaml`, stringify(m)]);
  });
  files.push(['mesh/bundle.yaml', BASE_MANIFESTS.slice(3, 7).map((m) => stringify({ ...m, metadata: { ...(m.metadata as object), name: 'copy' } })).join('---\n')]);
  files.push(['apps/broken.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: [oops\n']);
  files.push(['apps/dup.yml', 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: d}\ndata: {a: "1", a: "2"}\n']);
  files.push(['z.json', JSON.stringify(BASE_MANIFESTS[4])]);
  return files;
}

const dirs: string[] = [];
function materialize(files: Array<[string, string]>): string {
  const dir = mkdtempSync(join(tmpdir(), 'mesh-lint-det-'));
  dirs.push(dir);
  for (const [rel, text] of files) {
    mkdirSync(dirname(join(dir, rel)), { recursive: true });
    writeFileSync(join(dir, rel), text);
  }
  return dir;
}
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe('determinism', () => {
  it('gives byte-identical JSON and SARIF for shuffled creation order, argument order and --jobs', () => {
    const files = tree();
    const a = materialize(files);
    const b = materialize([...files].reverse());
    const outputs = new Set<string>();
    const runs: Array<[string, string[]]> = [
      [a, ['apps', 'mesh', 'z.json', '--jobs', '0']],
      [b, ['z.json', 'mesh/', './apps', 'mesh/shop', '--jobs', '2']],
      [b, ['.', '--jobs', '1']],
    ];
    for (const format of ['json', 'sarif']) {
      outputs.clear();
      for (const [cwd, args] of runs) {
        const r = runCli(['lint', '-f', format, ...args], { cwd });
        expect(r.status).toBe(1);
        outputs.add(r.stdout.replaceAll('./apps/', 'apps/').replaceAll('mesh//', 'mesh/'));
      }
      expect(outputs.size, format).toBe(1);
    }
  }, 300_000);

  it('gives the same report in-process whatever the order of the paths (property)', () => {
    const dir = materialize(tree());
    const paths = tree().map(([rel]) => join(dir, rel));
    const reference = reportsOf(lint({ paths, rules: ALL_RULES, workers: 0 }));
    fc.assert(
      fc.property(fc.shuffledSubarray(paths, { minLength: paths.length, maxLength: paths.length }), fc.boolean(), (order, withDirs) => {
        const args = withDirs ? [...order.slice(0, 3), join(dir, 'apps'), join(dir, 'mesh'), ...order.slice(3)] : order;
        const got = reportsOf(lint({ paths: args, rules: ALL_RULES, workers: 0 }));
        expect(got.json).toBe(reference.json);
        expect(got.sarif).toBe(reference.sarif);
      }),
      { numRuns: 200 },
    );
  }, 300_000);
});
