// GitHub Actions workflow commands: one `::error file=…,line=…::message` line per finding, so
// private repositories without code scanning still get annotations on the changed lines.
// Escaping follows the runner's rules (actions/toolkit `command.ts`): data escapes `%`, CR, LF;
// property values additionally `:` and `,`.
import type { Severity } from '../model/types.js';
import type { ReportData } from './types.js';

const COMMAND: Record<Severity, string> = { error: 'error', warning: 'warning', info: 'notice' };
export const ANNOTATION_LIMIT = 10;

export function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

export function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

export function formatGithub(data: ReportData): string {
  const lines: string[] = [];
  for (const f of data.findings) {
    if (f.suppressed) continue;
    const l = f.location;
    const props = [
      `file=${escapeProperty(l.file)}`,
      `line=${l.startLine}`,
      `col=${l.startColumn}`,
      `endLine=${l.endLine}`,
      `endColumn=${l.endColumn}`,
      `title=${escapeProperty(`mesh-lint ${f.ruleId}`)}`,
    ];
    lines.push(`::${COMMAND[f.severity]} ${props.join(',')}::${escapeData(f.message)}`);
  }
  // GitHub shows only 10 error and 10 warning annotations per step: say so when some are hidden.
  const counts = { error: 0, warning: 0, notice: 0 };
  for (const f of data.findings) if (!f.suppressed) counts[COMMAND[f.severity] as keyof typeof counts]++;
  if (counts.error > ANNOTATION_LIMIT || counts.warning > ANNOTATION_LIMIT || counts.notice > ANNOTATION_LIMIT) {
    lines.push(
      `::notice title=mesh-lint::${escapeData(`${counts.error} errors, ${counts.warning} warnings, ${counts.notice} notices: GitHub shows ${ANNOTATION_LIMIT} annotations of each kind per step; the job log lists them all (upload SARIF to see every one on the pull request)`)}`,
    );
  }
  return lines.length ? `${lines.join('\n')}\n` : '';
}
