// The GitHub Action (action.yml): runs the mesh-lint CLI of this checkout with one report for the
// log, SARIF to a file and Markdown for the job summary, all from one run. No dependencies: the
// action runtime has only Node. A checkout without dist/ (a branch rather than a release tag) is
// built first.
import { spawnSync } from 'node:child_process';
import { appendFileSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = dirname(dirname(fileURLToPath(import.meta.url)));

/** An input as the runner passes it: INPUT_<NAME> with spaces as `_`, upper case. */
export function input(name, env = process.env) {
  return (env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] ?? '').trim();
}

/** Splits a string into arguments: whitespace separates, single or double quotes group. */
export function splitArgs(s) {
  const out = [];
  const re = /"([^"]*)"|'([^']*)'|(\S+)/g;
  let m;
  let cur = null;
  let lastEnd = -1;
  while ((m = re.exec(s))) {
    const piece = m[1] ?? m[2] ?? m[3];
    if (cur !== null && m.index === lastEnd) cur += piece;
    else {
      if (cur !== null) out.push(cur);
      cur = piece;
    }
    lastEnd = re.lastIndex;
  }
  if (cur !== null) out.push(cur);
  return out;
}

function ensureBuilt() {
  const cli = join(root, 'dist', 'cli.js');
  if (existsSync(cli)) return cli;
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  for (const args of [['ci', '--no-audit', '--no-fund'], ['run', 'build']]) {
    const r = spawnSync(npm, args, { cwd: root, stdio: ['ignore', 2, 2] });
    if (r.status !== 0) throw new Error(`npm ${args.join(' ')} failed in ${root}`);
  }
  return cli;
}

function setOutput(name, value, env) {
  if (env.GITHUB_OUTPUT) appendFileSync(env.GITHUB_OUTPUT, `${name}=${value}\n`);
}

export function run(env = process.env) {
  const cli = ensureBuilt();
  const paths = splitArgs(input('paths', env) || '.');
  const format = input('format', env) || 'text';
  const sarifFile = input('sarif-file', env);
  const category = input('sarif-category', env);
  const config = input('config', env);
  const wantSummary = input('summary', env) !== 'false' && Boolean(env.GITHUB_STEP_SUMMARY);
  const tmp = mkdtempSync(join(tmpdir(), 'mesh-lint-action-'));
  const summaryFile = join(tmp, 'summary.md');

  const formats = ['-f', format, '-o', '-'];
  if (sarifFile) formats.push('-f', 'sarif', '-o', sarifFile);
  if (wantSummary) formats.push('-f', 'markdown', '-o', summaryFile);
  const args = [
    cli,
    ...paths,
    ...(input('fail-on', env) ? ['--fail-on', input('fail-on', env)] : []),
    ...(config ? ['--config', config] : []),
    ...(category ? ['--sarif-category', category] : []),
    ...formats,
    ...splitArgs(input('args', env)),
  ];
  const r = spawnSync(process.execPath, args, { stdio: 'inherit', env: { ...env, FORCE_COLOR: env.FORCE_COLOR ?? '1' } });
  const code = r.status ?? 2;
  if (code === 2) process.stdout.write('::error title=mesh-lint::mesh-lint could not run (see the log above)\n');
  if (wantSummary && existsSync(summaryFile)) appendFileSync(env.GITHUB_STEP_SUMMARY, readFileSync(summaryFile, 'utf8'));
  rmSync(tmp, { recursive: true, force: true });
  setOutput('sarif-file', sarifFile && existsSync(sarifFile) ? sarifFile : '', env);
  setOutput('exit-code', String(code), env);
  return code;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  try {
    process.exitCode = run();
  } catch (e) {
    process.stdout.write(`::error title=mesh-lint::${String(e.message).replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A')}\n`);
    process.exitCode = 2;
  }
}
