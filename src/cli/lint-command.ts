// `mesh-lint lint`: options → pipeline → report(s) → exit code.
import { readFileSync } from 'node:fs';
import { Command, Option } from 'commander';
import { ALL_RULES } from '../../rules/index.js';
import { describeRule } from '../engine/catalogue.js';
import { lint } from '../engine/lint.js';
import { parseMeshConfigText, type MeshConfig } from '../graph/mesh-config.js';
import { LIMIT_NAMES, type ParseLimits } from '../parse/parse.js';
import { SEVERITY_RANK, type Severity } from '../model/types.js';
import { FORMAT_NAMES, FORMATTERS } from '../report/index.js';
import { exportGraph } from '../report/graph-export.js';
import type { ReportData } from '../report/types.js';
import { UsageError, toolVersion, useColor, writeAtomically, type CliIO } from './io.js';

const FAIL_ON = ['error', 'warning', 'info', 'none'] as const;

function parseRuleOverride(value: string, previous: Map<string, Severity | 'off'>): Map<string, Severity | 'off'> {
  const m = /^([a-z0-9-]+)=(off|error|warning|info)$/.exec(value);
  if (!m) throw new UsageError(`--rule expects RULE_ID=off|error|warning|info, got "${value}"`);
  if (!ALL_RULES.some((r) => r.id === m[1])) throw new UsageError(`--rule: unknown rule "${m[1]}" (see \`mesh-lint rules\`)`);
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

interface LintCliOptions {
  format: string;
  output?: string;
  meshConfig?: string;
  defaultNamespace: string;
  clusterDomain: string;
  failOn: (typeof FAIL_ON)[number];
  profile: string[];
  rule: Map<string, Severity | 'off'>;
  stdinFilepath?: string;
  sarifCategory?: string;
  limit: Partial<ParseLimits>;
  jobs?: number;
}

export function runLint(paths: string[], o: LintCliOptions, io: CliIO): number {
  let meshConfig: MeshConfig | undefined;
  if (o.meshConfig) {
    let text: string;
    try {
      text = readFileSync(o.meshConfig, 'utf8');
    } catch {
      throw new UsageError(`--mesh-config: cannot read ${o.meshConfig}`);
    }
    try {
      meshConfig = parseMeshConfigText(text);
    } catch (e) {
      throw new UsageError(`--mesh-config: ${o.meshConfig} is not a valid mesh config: ${(e as Error).message.split('\n')[0]}`);
    }
  }
  const result = lint({
    paths: paths.length ? paths : ['.'],
    rules: ALL_RULES,
    defaultNamespace: o.defaultNamespace,
    clusterDomain: o.clusterDomain,
    ...(meshConfig ? { meshConfig } : {}),
    profiles: o.profile,
    severityOverrides: o.rule,
    readStdin: io.readStdin,
    ...(o.stdinFilepath ? { stdinPath: o.stdinFilepath } : {}),
    limits: o.limit,
    ...(o.jobs !== undefined ? { workers: o.jobs } : {}),
  });
  if (result.missing.length) {
    throw new UsageError(result.missing.map((m) => `${m.path}: ${m.message}`).join('; '));
  }
  for (const s of result.skipped) io.stderr(`mesh-lint: skipped ${s.path}: ${s.message}\n`);
  for (const f of result.ruleFailures) io.stderr(`mesh-lint: rule ${f.ruleId} failed and was skipped: ${f.error.message}\n`);

  const data: ReportData = {
    toolVersion: toolVersion(),
    findings: result.findings,
    rules: result.rules.map((r) => describeRule(r, o.format === 'sarif')),
    files: result.files.length,
    resources: result.resources.length,
  };
  const byDisplay = new Map(result.files.map((f) => [f.displayPath, f]));
  const readText = (file: string): string | undefined => {
    const src = byDisplay.get(file);
    if (!src || src.textless) return undefined;
    try {
      return src.text ?? readFileSync(src.absPath!, 'utf8');
    } catch {
      return undefined;
    }
  };
  const out = FORMATTERS[o.format]({
    data,
    color: !o.output && useColor(io),
    readText,
    graph: () => exportGraph(result.graph, { fileName: (id) => result.files[id]?.displayPath }),
    ...(o.sarifCategory ? { sarifCategory: o.sarifCategory } : {}),
  });
  if (o.output && o.output !== '-') writeAtomically(o.output, out);
  else io.stdout(out);

  if (o.failOn === 'none') return 0;
  const threshold = SEVERITY_RANK[o.failOn];
  return result.findings.some((f) => !f.suppressed && SEVERITY_RANK[f.severity] >= threshold) ? 1 : 0;
}

export function addLintCommand(program: Command, io: CliIO, setExit: (code: number) => void): void {
  program
    .command('lint', { isDefault: true })
    .description('lint files, folders (recursively) or - (stdin)')
    .argument('[paths...]', 'files, folders or - for stdin', [])
    .addOption(new Option('-f, --format <format>', 'report format').choices(FORMAT_NAMES).default('text'))
    .option('-o, --output <file>', 'write the report to a file instead of stdout')
    .option('--mesh-config <file>', 'Istio MeshConfig YAML (as istioctl analyze --meshConfigFile)')
    .option('--default-namespace <ns>', 'namespace for namespaced resources that name none', 'default')
    .option('--cluster-domain <domain>', 'Kubernetes cluster domain', 'cluster.local')
    .addOption(new Option('--fail-on <severity>', 'lowest severity that makes the exit code 1').choices(FAIL_ON).default('error'))
    .option('--profile <name>', 'enable an opt-in rule profile (repeatable), e.g. production', (v: string, p: string[]) => [...p, v], [] as string[])
    .option('--rule <id=severity>', 'override a rule: RULE_ID=off|error|warning|info (repeatable)', parseRuleOverride, new Map())
    .option('--stdin-filepath <path>', 'file name to report for stdin input')
    .option('--sarif-category <id>', 'SARIF automationDetails.id (category/run)')
    .option('--limit <name=value>', 'input limit: file-bytes, aliases, depth or documents (repeatable)', parseLimit, {})
    .option('--jobs <n>', 'parse worker threads (0 = parse in the main thread; default: by cores and input size)', parseJobs)
    .action((paths: string[], o: LintCliOptions) => {
      setExit(runLint(paths, o, io));
    });
}
