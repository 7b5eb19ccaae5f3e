// GitHub Actions workflow commands: one `::error file=…,line=…::message` line per finding, so
// private repositories without code scanning still get annotations on the changed lines.
// Escaping follows the runner's rules (actions/toolkit `command.ts`): data escapes `%`, CR, LF;
// property values additionally `:` and `,`.
import type { Severity } from '../model/types.js';
import type { ReportData } from './types.js';

const COMMAND: Record<Severity, string> = { error: 'error', warning: 'warning', info: 'notice' };

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
  return lines.length ? `${lines.join('\n')}\n` : '';
}
