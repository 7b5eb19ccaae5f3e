#!/usr/bin/env node
// `npm run bench`: lint vs the parse floor on generated corpora, paired and alternating.
//
//   node bench/run.mjs [--services 1000,10000] [--rounds 3] [--layout files] [--keep]
//
// For each corpus (../shared/bench/gen-corpus.mjs, seed 1, defects 0.02) it runs one warm-up
// pair, then ROUNDS pairs of `node dist/cli.js lint DIR --format json` and the floor
// `node ../shared/bench/floor/floor.mjs pad-lc-tojs DIR --drop` (from the project root, so the
// floor loads the project's `yaml`), alternating which goes first. It prints medians, the
// median of the per-pair ratios lint/floor with its range, documents/s, peak RSS of both and
// the recall on the planted defects. Skips (exit 0) when ../shared is absent.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const SHARED = resolve(process.env.MESH_LINT_SHARED ?? join(ROOT, '..', 'shared'));
const GEN = join(SHARED, 'bench', 'gen-corpus.mjs');
const FLOOR = join(SHARED, 'bench', 'floor', 'floor.mjs');
const CLI = join(ROOT, 'dist', 'cli.js');

function arg(name, dflt) {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : dflt;
}
const SERVICES = arg('services', '1000,10000').split(',').map(Number);
const ROUNDS = Math.max(1, Number(arg('rounds', '3')));
const LAYOUT = arg('layout', 'files');
const WORK = arg('dir', join(tmpdir(), 'mesh-lint-bench'));
const EXTRA = (arg('lint-args', '') || '').split(' ').filter(Boolean);

if (!existsSync(GEN) || !existsSync(FLOOR)) {
  console.log(`bench skipped: ${join(SHARED, 'bench')} not found (the corpus generator and the parse floor live there; set MESH_LINT_SHARED to its parent)`);
  process.exit(0);
}
if (!existsSync(CLI)) {
  console.error('bench: dist/cli.js is missing, run `npm run build` first');
  process.exit(2);
}
const TIME = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;

/** Runs a command; wall from here, cpu and peak RSS from /usr/bin/time when available. */
function measure(cmd, args) {
  const full = TIME ? [TIME, ['-f', '@@%U %S %M', cmd, ...args]] : [cmd, args];
  const t0 = process.hrtime.bigint();
  const r = spawnSync(full[0], full[1], { cwd: ROOT, encoding: 'utf8', maxBuffer: 1 << 30 });
  const wall = Number(process.hrtime.bigint() - t0) / 1e9;
  if (r.status !== 0 && r.status !== 1) throw new Error(`${cmd} ${args.join(' ')} failed (${r.status}): ${r.stderr.slice(-500)}`);
  const m = /@@([\d.]+) ([\d.]+) (\d+)\s*$/.exec(r.stderr ?? '');
  return { wall, cpu: m ? Number(m[1]) + Number(m[2]) : NaN, rssMiB: m ? Number(m[3]) / 1024 : NaN, stdout: r.stdout };
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const f2 = (x) => (Number.isFinite(x) ? x.toFixed(2) : 'n/a');
const f0 = (x) => (Number.isFinite(x) ? Math.round(x).toLocaleString('en-US') : 'n/a');

// Planted defect kind → rule ids that find it (ids of this branch and of the rule packs).
const DEFECT_RULES = {
  'istio-vs-gateway-not-found': ['istio-vs-gateway-not-found'],
  'istio-vs-destination-host-not-found': ['istio-vs-destination-host-not-found', 'istio-vs-host-not-found', 'istio-destination-host-not-found'],
  'istio-vs-subset-not-found': ['istio-vs-subset-not-found', 'istio-subset-not-found'],
  'istio-dr-mtls-vs-pa-disable': ['istio-mtls-mode-conflict'],
  'istio-dr-disable-vs-pa-strict': ['istio-mtls-mode-conflict'],
  'linkerd-sp-short-name': ['linkerd-sp-name-not-fqdn'],
  'linkerd-inject-on-deployment-metadata': ['linkerd-inject-on-workload-metadata', 'linkerd-inject-annotation-misplaced', 'linkerd-inject-not-on-pod-template'],
  'gwapi-httproute-parent-not-found': ['gateway-api-route-parent-not-found'],
  'gwapi-httproute-backend-port-not-found': ['gateway-api-backendref-unresolved', 'gateway-api-backend-port-not-found', 'gateway-api-route-backend-port-not-found', 'gateway-api-backend-not-found'],
  'k8s-service-port-name-convention': ['k8s-service-port-name', 'k8s-service-port-name-convention', 'istio-port-name-convention', 'k8s-port-name-convention'],
  'istio-vs-duplicate-host-on-gateway': ['istio-vs-duplicate-host', 'istio-vs-duplicate-host-on-gateway', 'istio-gateway-duplicate-host'],
  'istio-gateway-selector-no-workload': ['istio-policy-selector-no-workload', 'istio-gateway-selector-no-workload', 'istio-gateway-selector-not-found', 'istio-gateway-workload-not-found'],
};

const resKey = (r) => (r ? `${r.kind}|${r.namespace ?? ''}|${r.name}` : undefined);

/** Planted defects found (a mapped rule on the defect's resource or a related one, or any rule
 *  at the exact planted line), and resources flagged that hold no planted defect: "flagged" is a
 *  warning or error, as in the team's scenario scorer (info findings are allowed on clean
 *  resources); resources with only info findings are counted apart. */
function recall(report, planted) {
  const byRes = new Map();
  for (const f of report.findings) {
    const k = resKey(f.resource) ?? `file|${f.location.file}`;
    if (!byRes.has(k)) byRes.set(k, []);
    byRes.get(k).push(f);
  }
  const plantedRes = new Set();
  const perKind = {};
  let found = 0;
  for (const d of planted.defects) {
    const keys = [resKey(d.resource), ...(d.related ?? []).map((r) => resKey(r.resource))];
    keys.forEach((k) => plantedRes.add(k));
    const rules = DEFECT_RULES[d.defect] ?? [];
    const hit = keys.some((k) =>
      (byRes.get(k) ?? []).some((f) => rules.includes(f.ruleId) || (f.location.file.endsWith(d.file) && f.location.startLine === d.location.line)),
    );
    perKind[d.defect] ??= { planted: 0, found: 0 };
    perKind[d.defect].planted++;
    if (hit) {
      perKind[d.defect].found++;
      found++;
    }
  }
  const flagged = (k) => byRes.get(k).filter((f) => f.severity !== 'info');
  const unplanted = [...byRes.keys()].filter((k) => !plantedRes.has(k));
  const others = unplanted.filter((k) => flagged(k).length > 0);
  const infoOnly = unplanted.length - others.length;
  const otherRules = {};
  for (const k of others) for (const id of new Set(flagged(k).map((f) => f.ruleId))) otherRules[id] = (otherRules[id] ?? 0) + 1;
  return { found, planted: planted.defects.length, perKind, others, infoOnly, otherRules, otherExamples: others.slice(0, 5).map((k) => flagged(k)[0]) };
}

console.log(`mesh-lint bench: ${cpus().length} x ${cpus()[0]?.model ?? '?'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, ${ROUNDS} rounds + 1 warm-up pair, layout ${LAYOUT}`);
const summary = [];
for (const n of SERVICES) {
  const dir = join(WORK, `c${n}-${LAYOUT}`);
  mkdirSync(WORK, { recursive: true });
  const g = spawnSync(process.execPath, [GEN, '--out', dir, '--services', String(n), '--layout', LAYOUT], { encoding: 'utf8' });
  if (g.status !== 0) throw new Error(`gen-corpus failed: ${g.stderr}`);
  const planted = JSON.parse(readFileSync(join(dir, 'planted-defects.json'), 'utf8'));
  const sha = createHash('sha256').update(readFileSync(join(dir, 'planted-defects.json'))).digest('hex').slice(0, 16);
  const out = join(WORK, `report-${n}.json`);
  const lintArgs = [CLI, 'lint', dir, '--format', 'json', '--output', out, '--fail-on', 'none', ...EXTRA];
  const floorArgs = [FLOOR, 'pad-lc-tojs', dir, '--drop'];
  const lints = [];
  const floors = [];
  const reports = new Set();
  for (let i = 0; i <= ROUNDS; i++) {
    const order = i % 2 ? ['floor', 'lint'] : ['lint', 'floor'];
    const pair = {};
    for (const which of order) pair[which] = which === 'lint' ? measure(process.execPath, lintArgs) : measure(process.execPath, floorArgs);
    reports.add(createHash('sha256').update(readFileSync(out)).digest('hex'));
    if (i === 0) continue; // warm-up pair
    lints.push(pair.lint);
    floors.push(pair.floor);
    process.stdout.write(`  ${n} services, round ${i}: lint ${f2(pair.lint.wall)} s, floor ${f2(pair.floor.wall)} s, ratio ${f2(pair.lint.wall / pair.floor.wall)}\n`);
  }
  const ratios = lints.map((l, i) => l.wall / floors[i].wall);
  const cpuRatios = lints.map((l, i) => l.cpu / floors[i].cpu);
  const report = JSON.parse(readFileSync(out, 'utf8'));
  const rc = recall(report, planted);
  const row = {
    services: n,
    documents: planted.documents,
    bytes: planted.bytes,
    lintWall: median(lints.map((l) => l.wall)),
    floorWall: median(floors.map((l) => l.wall)),
    ratio: median(ratios),
    ratioMin: Math.min(...ratios),
    ratioMax: Math.max(...ratios),
    cpuRatio: median(cpuRatios),
    lintRss: Math.max(...lints.map((l) => l.rssMiB)),
    floorRss: Math.max(...floors.map((l) => l.rssMiB)),
    ...rc,
    deterministic: reports.size === 1,
    sha,
  };
  summary.push(row);
  console.log(`\n== ${n} services: ${planted.files} files, ${planted.documents} documents, ${(planted.bytes / 1e6).toFixed(2)} MB (planted-defects.json sha256 ${sha}…)`);
  console.log(`lint  median ${f2(row.lintWall)} s  ${f0(row.documents / row.lintWall)} docs/s  peak RSS ${f0(row.lintRss)} MiB`);
  console.log(`floor median ${f2(row.floorWall)} s  ${f0(row.documents / row.floorWall)} docs/s  peak RSS ${f0(row.floorRss)} MiB`);
  console.log(`ratio lint/floor (median of ${ROUNDS} pairs) ${f2(row.ratio)} [${f2(row.ratioMin)}-${f2(row.ratioMax)}]  cpu ratio ${f2(row.cpuRatio)}  target <= 1.25: ${row.ratio <= 1.25 ? 'met' : 'MISSED'}`);
  console.log(`peak RSS lint/floor ${f2(row.lintRss / row.floorRss)}  target <= 3: ${row.lintRss / row.floorRss <= 3 ? 'met' : 'MISSED'}`);
  console.log(`planted defects found ${rc.found}/${rc.planted}; other resources flagged (warning/error): ${rc.others.length}, with info findings only: ${rc.infoOnly}; report identical across runs: ${row.deterministic}`);
  if (rc.others.length) console.log(`  other resources flagged, by rule: ${Object.entries(rc.otherRules).sort((a, b) => b[1] - a[1]).map(([id, c]) => `${id} ${c}`).join(', ')}`);
  for (const [kind, c] of Object.entries(rc.perKind).sort()) console.log(`  ${kind.padEnd(40)} ${c.found}/${c.planted}${c.found < c.planted && !(DEFECT_RULES[kind] ?? []).some((id) => report.findings.some((f) => f.ruleId === id)) ? '  (no rule for it on this branch?)' : ''}`);
  for (const f of rc.otherExamples) console.log(`  other: ${f.ruleId} ${f.location.file}:${f.location.startLine} ${f.message.slice(0, 120)}`);
  if (!process.argv.includes('--keep')) rmSync(dir, { recursive: true, force: true });
}
console.log('\nsummary (services, ratio, [min-max], cpu ratio, RSS lint/floor MiB, found/planted, others)');
for (const r of summary) console.log(`${r.services}\t${f2(r.ratio)}\t[${f2(r.ratioMin)}-${f2(r.ratioMax)}]\t${f2(r.cpuRatio)}\t${f0(r.lintRss)}/${f0(r.floorRss)}\t${r.found}/${r.planted}\t${r.others.length}`);
