// Command line: `lint` (default), `rules`, `explain`. Exit 0 clean, 1 findings at or above
// --fail-on, 2 when it could not run (usage, missing path, internal error).
import { readFileSync, renameSync, writeFileSync, unlinkSync } from 'node:fs';
import { dirname, basename, join } from 'node:path';
import { Command, CommanderError, Option } from 'commander';
import { ALL_RULES } from '../../rules/index.js';
import { describeRule, packageRoot, ruleDocs } from '../engine/catalogue.js';
import { lint } from '../engine/lint.js';
import { parseMeshConfigText, type MeshConfig } from '../graph/mesh-config.js';
import { SEVERITY_RANK, type Severity } from '../model/types.js';
import { formatJson } from '../report/json.js';
import { formatSarif } from '../report/sarif.js';
import { formatText } from '../report/text.js';
import type { ReportData } from '../report/types.js';

export class UsageError extends Error {}

export interface CliIO {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  readStdin: () => string;
  isTTY: boolean;
  env: NodeJS.ProcessEnv;
}

const FORMATS = ['text', 'json', 'sarif'] as const;
type Format = (typeof FORMATS)[number];
const FAIL_ON = ['error', 'warning', 'info', 'none'] as const;

export function toolVersion(): string {
  try {
    return JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')).version as string;
  } catch {
    return '0.0.0';
  }
}

/** Writes via a temporary file and a rename, so a killed run never leaves half a report. */
export function writeAtomically(path: string, content: string): void {
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  try {
    writeFileSync(tmp, content);
    renameSync(tmp, path);
  } catch (e) {
    try {
      unlinkSync(tmp);
    } catch {
      /* nothing to clean */
    }
    throw e;
  }
}

function useColor(io: CliIO): boolean {
  if (io.env.NO_COLOR !== undefined && io.env.NO_COLOR !== '') return false;
  if (io.env.FORCE_COLOR !== undefined && io.env.FORCE_COLOR !== '0') return true;
  return io.isTTY;
}

function parseRuleOverride(value: string, previous: Map<string, Severity | 'off'>): Map<string, Severity | 'off'> {
  const m = /^([a-z0-9-]+)=(off|error|warning|info)$/.exec(value);
  if (!m) throw new UsageError(`--rule expects RULE_ID=off|error|warning|info, got "${value}"`);
  if (!ALL_RULES.some((r) => r.id === m[1])) throw new UsageError(`--rule: unknown rule "${m[1]}" (see \`mesh-lint rules\`)`);
  previous.set(m[1], m[2] as Severity | 'off');
  return previous;
}

interface LintCliOptions {
  format: Format;
  output?: string;
  meshConfig?: string;
  defaultNamespace: string;
  clusterDomain: string;
  failOn: (typeof FAIL_ON)[number];
  profile: string[];
  rule: Map<string, Severity | 'off'>;
  stdinFilepath?: string;
  sarifCategory?: string;
}

function runLint(paths: string[], o: LintCliOptions, io: CliIO): number {
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
  let out: string;
  if (o.format === 'json') out = formatJson(data);
  else if (o.format === 'sarif')
    out = formatSarif(data, {
      ...(o.sarifCategory ? { category: o.sarifCategory } : {}),
      readText: (file) => {
        const src = byDisplay.get(file);
        if (!src) return undefined;
        try {
          return src.text ?? readFileSync(src.absPath!, 'utf8');
        } catch {
          return undefined;
        }
      },
    });
  else out = formatText(data, { color: !o.output && useColor(io) });
  if (o.output && o.output !== '-') writeAtomically(o.output, out);
  else io.stdout(out);

  if (o.failOn === 'none') return 0;
  const threshold = SEVERITY_RANK[o.failOn];
  return result.findings.some((f) => !f.suppressed && SEVERITY_RANK[f.severity] >= threshold) ? 1 : 0;
}

function runRulesCommand(format: string, io: CliIO): number {
  const rules = ALL_RULES.map((r) => describeRule(r, false));
  if (format === 'json') {
    io.stdout(
      `${JSON.stringify(
        rules.map((r) => ({ id: r.id, severity: r.severity, category: r.category, description: r.description, helpUri: r.helpUri, equivalents: r.equivalents })),
        null,
        2,
      )}\n`,
    );
  } else {
    const width = Math.max(...rules.map((r) => r.id.length));
    for (const r of rules) io.stdout(`${r.id.padEnd(width)}  ${r.severity.padEnd(7)}  ${r.description}${r.equivalents.length ? ` [${r.equivalents.join(', ')}]` : ''}\n`);
  }
  return 0;
}

function runExplain(id: string, io: CliIO): number {
  const rule = ALL_RULES.find((r) => r.id === id);
  if (!rule) throw new UsageError(`unknown rule "${id}" (see \`mesh-lint rules\`)`);
  const docs = ruleDocs(id);
  const d = describeRule(rule, false);
  io.stdout(docs ?? `# ${id}\n\n${d.description}\n\nSeverity: ${d.severity}\nSee ${d.helpUri}\n`);
  return 0;
}

export function main(argv: string[], io: CliIO): number {
  let exitCode = 0;
  const program = new Command();
  program
    .name('mesh-lint')
    .description('Lints Istio, Linkerd and Gateway API manifests offline: finds what will break in the cluster.')
    .version(toolVersion())
    .option('--debug', 'print stack traces of internal errors')
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr });

  program
    .command('lint', { isDefault: true })
    .description('lint files, folders (recursively) or - (stdin)')
    .argument('[paths...]', 'files, folders or - for stdin', [])
    .addOption(new Option('-f, --format <format>', 'report format').choices(FORMATS).default('text'))
    .option('-o, --output <file>', 'write the report to a file instead of stdout')
    .option('--mesh-config <file>', 'Istio MeshConfig YAML (as istioctl analyze --meshConfigFile)')
    .option('--default-namespace <ns>', 'namespace for namespaced resources that name none', 'default')
    .option('--cluster-domain <domain>', 'Kubernetes cluster domain', 'cluster.local')
    .addOption(new Option('--fail-on <severity>', 'lowest severity that makes the exit code 1').choices(FAIL_ON).default('error'))
    .option('--profile <name>', 'enable an opt-in rule profile (repeatable), e.g. production', (v: string, p: string[]) => [...p, v], [] as string[])
    .option('--rule <id=severity>', 'override a rule: RULE_ID=off|error|warning|info (repeatable)', parseRuleOverride, new Map())
    .option('--stdin-filepath <path>', 'file name to report for stdin input')
    .option('--sarif-category <id>', 'SARIF automationDetails.id (category/run)')
    .action((paths: string[], o: LintCliOptions) => {
      exitCode = runLint(paths, o, io);
    });

  program
    .command('rules')
    .description('list the rules this binary ships')
    .addOption(new Option('-f, --format <format>', 'output format').choices(['text', 'json']).default('text'))
    .action((o: { format: string }) => {
      exitCode = runRulesCommand(o.format, io);
    });

  program
    .command('explain')
    .description('print the documentation of a rule')
    .argument('<rule-id>')
    .action((id: string) => {
      exitCode = runExplain(id, io);
    });

  try {
    program.parse(argv, { from: 'user' });
    return exitCode;
  } catch (e) {
    if (e instanceof CommanderError) {
      // Help and version are successes; everything else is bad usage.
      return e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.code === 'commander.help' ? 0 : 2;
    }
    if (e instanceof UsageError) {
      io.stderr(`mesh-lint: ${e.message}\n`);
      return 2;
    }
    const err = e as Error;
    io.stderr(`mesh-lint: internal error: ${err.message}${argv.includes('--debug') ? `\n${err.stack}` : ' (run with --debug for details)'}\n`);
    return 2;
  }
}
