// Command line: `lint` (default), `rules`, `explain`. Exit 0 clean, 1 findings at or above
// --fail-on, 2 when it could not run (usage, missing path, internal error).
import { Command, CommanderError, Option } from 'commander';
import { ALL_RULES } from '../../rules/index.js';
import { describeRule, ruleDocs } from '../engine/catalogue.js';
import { UsageError, toolVersion, type CliIO } from './io.js';
import { addGraphCommand } from './graph-command.js';
import { addLintCommand } from './lint-command.js';

export { UsageError, type CliIO } from './io.js';

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

  addLintCommand(program, io, (code) => (exitCode = code));
  addGraphCommand(program, io, (code) => (exitCode = code));

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
