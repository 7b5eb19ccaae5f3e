// `mesh-lint lint`: options (command line over .mesh-lint.yaml) → pipeline → baseline →
// report(s) → exit code.
import { readFileSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import { Command, InvalidArgumentError, Option } from 'commander';
import { ALL_RULES } from '../../rules/index.js';
import { applyBaseline, buildBaseline, formatBaseline, readBaseline, BaselineError } from '../engine/baseline.js';
import { describeRule } from '../engine/catalogue.js';
import { CONFIG_NAMES, ConfigError, findConfig, ignorePredicate, loadConfig, ruleSettings, type LoadedConfig } from '../engine/config.js';
import { lint } from '../engine/lint.js';
import { parseCliSuppression, type CliSuppression } from '../engine/suppress.js';
import { parseMeshConfigText, type MeshConfig } from '../graph/mesh-config.js';
import { LIMIT_NAMES, type ParseLimits } from '../parse/parse.js';
import { SEVERITY_RANK, type Finding, type Severity } from '../model/types.js';
import { FORMAT_NAMES, FORMATTERS } from '../report/index.js';
import { exportGraph } from '../report/graph-export.js';
import type { ReportData } from '../report/types.js';
import { UsageError, toolVersion, useColor, writeAtomically, type CliIO } from './io.js';

const FAIL_ON = ['error', 'warning', 'info', 'none'] as const;
type FailOn = (typeof FAIL_ON)[number];
const RULE_IDS = new Set(ALL_RULES.map((r) => r.id));
/** Runs over this many files show progress on stderr (when it is a terminal). */
export const PROGRESS_MIN_FILES = 500;
/** GitHub code scanning rejects a SARIF run with more results than this. */
export const SARIF_GITHUB_MAX_RESULTS = 25_000;

function parseRuleOverride(value: string, previous: Map<string, Severity | 'off'> = new Map()): Map<string, Severity | 'off'> {
  const m = /^([a-z0-9-]+)=(off|error|warning|info)$/.exec(value);
  if (!m) throw new UsageError(`--rule expects RULE_ID=off|error|warning|info, got "${value}"`);
  if (!RULE_IDS.has(m[1])) throw new UsageError(`--rule: unknown rule "${m[1]}" (see \`mesh-lint rules\`)`);
  previous.set(m[1], m[2] as Severity | 'off');
  return previous;
}

function parseLimit(value: string, previous: Partial<ParseLimits>): Partial<ParseLimits> {
  const m = /^([a-z-]+)=(\d+)$/.exec(value);
  const key = m ? LIMIT_NAMES[m[1]] : undefined;
  if (!m || !key) throw new UsageError(`--limit expects NAME=NUMBER with NAME one of ${Object.keys(LIMIT_NAMES).join(', ')}, got "${value}"`);
  return { ...previous, [key]: Number(m[2]) };
}

function parseJobs(value: string): number {
  if (!/^\d+$/.test(value)) throw new UsageError(`--jobs expects a number of parse workers (0 = none), got "${value}"`);
  return Number(value);
}

function parseFormat(value: string, previous: string[] = []): string[] {
  if (!FORMAT_NAMES.includes(value)) throw new InvalidArgumentError(`Allowed choices are ${FORMAT_NAMES.join(', ')}.`);
  return [...previous, value];
}

const collect = (v: string, p: string[] = []) => [...p, v];

interface LintCliOptions {
  format: string[];
  output: string[];
  config?: string | false;
  meshConfig?: string;
  defaultNamespace: string;
  clusterDomain: string;
  failOn: FailOn;
  profile: string[];
  rule: Map<string, Severity | 'off'>;
  suppress: string[];
  baseline?: string;
  writeBaseline?: string;
  stdinFilepath?: string;
  sourceRoot?: string;
  sarifCategory?: string;
  limit: Partial<ParseLimits>;
  jobs?: number;
}

/** One report: a format and where it goes (undefined = stdout). */
export interface ReportTarget {
  format: string;
  output?: string;
}

/**
 * Pairs `--format`s with `--output`s by position. One output per format (`-` = stdout), or one
 * fewer: the first format then goes to stdout. At most one report may go to stdout.
 */
export function reportTargets(formats: string[], outputs: string[]): ReportTarget[] {
  const fs = formats.length ? formats : ['text'];
  if (outputs.length > fs.length) throw new UsageError(`${outputs.length} --output for ${fs.length} --format: give one --output per --format (- for stdout)`);
  if (outputs.length < fs.length - 1) throw new UsageError(`${fs.length} --format but ${outputs.length} --output: give one --output per --format (- for stdout), or one fewer (the first format then goes to stdout)`);
  const offset = fs.length - outputs.length;
  const targets = fs.map((format, i) => {
    const o = i < offset ? undefined : outputs[i - offset];
    return { format, ...(o && o !== '-' ? { output: o } : {}) };
  });
  if (targets.filter((t) => !t.output).length > 1) throw new UsageError('only one report can go to stdout: give the others an --output file');
  const files = targets.flatMap((t) => (t.output ? [resolve(t.output)] : []));
  if (new Set(files).size !== files.length) throw new UsageError('two reports would be written to the same --output file');
  return targets;
}

function writeReport(path: string, content: string): void {
  try {
    writeAtomically(path, content);
  } catch (e) {
    throw new UsageError(`cannot write ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
}

function readMeshConfig(path: string, flag: string): MeshConfig {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new UsageError(`${flag}: cannot read ${path}`);
  }
  try {
    return parseMeshConfigText(text);
  } catch (e) {
    throw new UsageError(`${flag}: ${path} is not a valid mesh config: ${(e as Error).message.split('\n')[0]}`);
  }
}

/** Option values given on the command line (not commander defaults) win over the config file. */
type Source = (name: string) => string | undefined;

export function runLint(paths: string[], o: LintCliOptions, io: CliIO, sourceOf: Source = () => 'cli'): number {
  const fromCli = (name: string) => {
    const s = sourceOf(name);
    return s !== undefined && s !== 'default';
  };
  const targets = reportTargets(o.format, o.output);

  let config: LoadedConfig | undefined;
  try {
    const path = o.config === false ? undefined : (o.config ?? findConfig());
    if (path) config = loadConfig(path, RULE_IDS);
  } catch (e) {
    if (e instanceof ConfigError) throw new UsageError(e.message);
    throw e;
  }
  const defaults = config?.config.defaults ?? {};
  const configDir = config ? dirname(config.path) : process.cwd();

  let meshConfig: MeshConfig | undefined;
  if (o.meshConfig) meshConfig = readMeshConfig(o.meshConfig, '--mesh-config');
  else if (defaults.meshConfig) meshConfig = readMeshConfig(resolve(configDir, defaults.meshConfig), `config ${config!.path} defaults.meshConfig`);

  let suppressions: CliSuppression[];
  try {
    suppressions = [...(config?.config.suppress ?? []).map((s) => parseCliSuppression(s, `config ${config!.path}`)), ...o.suppress.map((s) => parseCliSuppression(s))];
  } catch (e) {
    throw new UsageError((e as Error).message);
  }

  let baseline;
  try {
    baseline = o.baseline ? readBaseline(o.baseline) : undefined;
  } catch (e) {
    if (e instanceof BaselineError) throw new UsageError(e.message);
    throw e;
  }

  const rs = ruleSettings(config, o.rule);
  const failOn: FailOn = fromCli('failOn') ? o.failOn : (config?.config.failOn ?? o.failOn);
  const sourceRoot = o.sourceRoot ?? (defaults.sourceRoot ? resolve(configDir, defaults.sourceRoot) : undefined);
  const profiles = o.profile.length ? o.profile : (defaults.profiles ?? []);
  // mesh-lint's own config files are not manifests: never lint them.
  const configIgnored = ignorePredicate(config);
  const ignored = (file: string) => CONFIG_NAMES.includes(basename(file)) || (configIgnored?.(file) ?? false);
  const showProgress = Boolean(io.stderrIsTTY);
  let progressShown = false;

  const result = lint({
    paths: paths.length ? paths : ['.'],
    rules: ALL_RULES,
    defaultNamespace: fromCli('defaultNamespace') ? o.defaultNamespace : (defaults.defaultNamespace ?? o.defaultNamespace),
    clusterDomain: fromCli('clusterDomain') ? o.clusterDomain : (defaults.clusterDomain ?? o.clusterDomain),
    ...(meshConfig ? { meshConfig } : {}),
    profiles,
    severityOverrides: rs.severities,
    ruleOptions: rs.options,
    ...(rs.fileSeverity ? { fileSeverity: rs.fileSeverity } : {}),
    readStdin: io.readStdin,
    ...(o.stdinFilepath ? { stdinPath: o.stdinFilepath } : {}),
    limits: o.limit,
    ...(o.jobs !== undefined ? { workers: o.jobs } : {}),
    ...(sourceRoot ? { sourceRoot } : {}),
    ignore: ignored,
    suppressions,
    onStage: (stage, d) => {
      if (!showProgress || d.files < PROGRESS_MIN_FILES) return;
      const what = stage === 'read' ? `reading ${d.files} files` : stage === 'rules' ? `running rules on ${d.resources} resources` : 'locating findings';
      io.stderr(`\r\u001b[Kmesh-lint: ${what}…`);
      progressShown = true;
    },
  });
  if (progressShown) io.stderr('\r\u001b[K');
  if (result.missing.length) {
    throw new UsageError(result.missing.map((m) => `${m.path}: ${m.message}`).join('; '));
  }
  for (const s of result.skipped) io.stderr(`mesh-lint: skipped ${s.path}: ${s.message}\n`);
  for (const f of result.ruleFailures) io.stderr(`mesh-lint: rule ${f.ruleId} failed and was skipped: ${f.error.message}\n`);
  if (rs.severities.get('unused-suppression') !== 'off') {
    for (const s of result.unusedSuppressions) io.stderr(`mesh-lint: info: suppression "${s.text}" (${s.origin}) matched no finding\n`);
  }

  let findings: Finding[] = result.findings;
  if (o.writeBaseline) {
    const b = buildBaseline(findings);
    writeReport(o.writeBaseline, formatBaseline(b));
    // The run reports what a later `--baseline` run would: nothing recorded counts.
    findings = applyBaseline(findings, b, o.writeBaseline).findings;
    io.stderr(`mesh-lint: wrote ${b.entries.reduce((n, e) => n + e.count, 0)} findings to baseline ${o.writeBaseline}\n`);
  } else if (baseline) {
    const applied = applyBaseline(findings, baseline, o.baseline!);
    findings = applied.findings;
    if (applied.stale) io.stderr(`mesh-lint: ${applied.stale} baseline entr${applied.stale === 1 ? 'y' : 'ies'} matched no finding (fixed?): refresh with --write-baseline\n`);
  }

  const wantDocs = targets.some((t) => t.format === 'sarif');
  if (wantDocs && findings.length > SARIF_GITHUB_MAX_RESULTS) {
    io.stderr(`mesh-lint: warning: ${findings.length} SARIF results; GitHub code scanning rejects more than ${SARIF_GITHUB_MAX_RESULTS} per run: use --baseline or lint fewer paths per run\n`);
  }
  const data: ReportData = {
    toolVersion: toolVersion(),
    findings,
    rules: result.rules.map((r) => describeRule(r, wantDocs)),
    files: result.files.length,
    resources: result.resources.length,
    fileNames: result.files.map((f) => f.displayPath),
  };
  const byDisplay = new Map(result.files.map((f) => [f.displayPath, f]));
  const readText = (file: string): string | undefined => {
    const src = byDisplay.get(file);
    if (src?.textless) return undefined;
    try {
      if (src) return src.text ?? readFileSync(src.absPath!, 'utf8');
      // Findings moved to a rendered source file (Helm, kustomize) that exists on disk.
      return readFileSync(file, 'utf8');
    } catch {
      return undefined;
    }
  };
  let graph: ReturnType<typeof exportGraph> | undefined;
  for (const t of targets) {
    const out = FORMATTERS[t.format]({
      data,
      color: !t.output && useColor(io),
      readText,
      graph: () => (graph ??= exportGraph(result.graph, { fileName: (id) => result.files[id]?.displayPath })),
      ...(o.sarifCategory ? { sarifCategory: o.sarifCategory } : {}),
    });
    if (t.output) writeReport(t.output, out);
    else io.stdout(out);
  }

  if (failOn === 'none') return 0;
  const threshold = SEVERITY_RANK[failOn];
  return findings.some((f) => !f.suppressed && SEVERITY_RANK[f.severity] >= threshold) ? 1 : 0;
}

export function addLintCommand(program: Command, io: CliIO, setExit: (code: number) => void): void {
  program
    .command('lint', { isDefault: true })
    .description('lint files, folders (recursively) or - (stdin)')
    .argument('[paths...]', 'files, folders or - for stdin', [])
    .addOption(new Option('-f, --format <format>', `report format, repeatable: ${FORMAT_NAMES.join(', ')} (default: text)`).argParser(parseFormat))
    .addOption(new Option('-o, --output <file>', 'write a report to a file (- = stdout); repeatable, paired with --format by position').argParser(collect))
    .option('-c, --config <file>', 'config file (default: .mesh-lint.yaml from the working directory upward)')
    .option('--no-config', 'do not read a config file')
    .option('--mesh-config <file>', 'Istio MeshConfig YAML (as istioctl analyze --meshConfigFile)')
    .option('--default-namespace <ns>', 'namespace for namespaced resources that name none', 'default')
    .option('--cluster-domain <domain>', 'Kubernetes cluster domain', 'cluster.local')
    .addOption(new Option('--fail-on <severity>', 'lowest severity that makes the exit code 1').choices(FAIL_ON).default('error'))
    .option('--profile <name>', 'enable an opt-in rule profile (repeatable), e.g. production', collect)
    .option('--rule <id=severity>', 'override a rule: RULE_ID=off|error|warning|info (repeatable)', parseRuleOverride)
    .option('--suppress <code=resource>', 'suppress as istioctl analyze does: "IST0102=Namespace frod", "KIA1101=VirtualService *.shop", or a rule id (repeatable)', collect)
    .option('--baseline <file>', 'report only findings not recorded in this baseline')
    .option('--write-baseline <file>', 'record the current findings as the baseline')
    .option('--stdin-filepath <path>', 'file name to report for stdin input')
    .option('--source-root <dir>', 'folder that Helm "# Source:" and kustomize origin paths are relative to (default: working directory)')
    .option('--sarif-category <id>', 'SARIF automationDetails.id (category/run)')
    .option('--limit <name=value>', 'input limit: file-bytes, aliases, depth or documents (repeatable)', parseLimit, {})
    .option('--jobs <n>', 'parse worker threads (0 = parse in the main thread; default: by cores and input size)', parseJobs)
    .action((paths: string[], given: Partial<LintCliOptions>, cmd: Command) => {
      const o = { ...given, format: given.format ?? [], output: given.output ?? [], profile: given.profile ?? [], rule: given.rule ?? new Map(), suppress: given.suppress ?? [], limit: given.limit ?? {} } as LintCliOptions;
      setExit(runLint(paths, o, io, (name) => cmd.getOptionValueSource(name)));
    });
}
