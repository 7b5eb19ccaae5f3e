// Markdown report: a summary by area and a findings table; the GitHub Action writes it to
// $GITHUB_STEP_SUMMARY, and it reads well as a pull-request comment.
import type { Finding } from '../model/types.js';
import { countWords, summarizeAreas } from './areas.js';
import { countBySeverity } from './json.js';
import type { ReportData } from './types.js';

/** GitHub caps a step summary at 1 MiB: past this many rows the table says how many were left out. */
export const MAX_MARKDOWN_ROWS = 1000;

function cell(s: string): string {
  return s.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, ' ').replace(/</g, '&lt;');
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

export function formatMarkdown(data: ReportData): string {
  const shown = data.findings.filter((f) => !f.suppressed);
  const suppressed = data.findings.length - shown.length;
  const n = countBySeverity(shown);
  const total = n.error + n.warning + n.info;
  const scope = `${plural(data.files, 'file')}, ${plural(data.resources, 'resource')}, ${plural(data.rules.length, 'rule')}`;
  const helpOf = new Map(data.rules.map((r) => [r.id, r.helpUri]));
  const out: string[] = ['## mesh-lint', ''];
  if (total === 0) out.push(`✅ **No problems** in ${scope}.`);
  else out.push(`${n.error ? '❌' : '⚠️'} **${plural(total, 'problem')}** (${plural(n.error, 'error')}, ${plural(n.warning, 'warning')}, ${n.info} info) in ${scope}.`);
  if (suppressed) out.push('', `${plural(suppressed, 'finding')} suppressed (inline, annotation, config or baseline).`);
  const areas = summarizeAreas(data);
  if (areas.length) {
    out.push('', '| Area | Rules | Result |', '| --- | ---: | --- |');
    for (const a of areas) {
      const c = countWords(a.counts);
      out.push(`| ${a.label} | ${a.rules} | ${c ? `${a.counts.error ? '❌' : a.counts.warning ? '⚠️' : 'ℹ️'} ${c} ([rules](${a.hint}))` : '✅ no findings'} |`);
    }
  }
  if (shown.length) {
    out.push('', '### Findings', '', '| Severity | Location | Rule | Message |', '| --- | --- | --- | --- |');
    for (const f of shown.slice(0, MAX_MARKDOWN_ROWS) as Finding[]) {
      const l = f.location;
      const rule = helpOf.has(f.ruleId) ? `[${f.ruleId}](${helpOf.get(f.ruleId)})` : f.ruleId;
      out.push(`| ${f.severity} | \`${cell(`${l.file}:${l.startLine}:${l.startColumn}`)}\` | ${rule} | ${cell(f.message)} |`);
    }
    if (shown.length > MAX_MARKDOWN_ROWS) out.push('', `… and ${shown.length - MAX_MARKDOWN_ROWS} more: see the SARIF or JSON report.`);
  }
  return `${out.join('\n')}\n`;
}
