// Human report: findings grouped by file, `line:col  severity  message  rule-id`, then a summary.
import type { Finding, Severity } from '../model/types.js';
import { countWords, summarizeAreas } from './areas.js';
import { countBySeverity } from './json.js';
import type { ReportData, TextOptions } from './types.js';

const COLORS: Record<Severity | 'dim' | 'bold' | 'green', [number, number]> = {
  error: [31, 39],
  warning: [33, 39],
  info: [36, 39],
  dim: [2, 22],
  bold: [1, 22],
  green: [32, 39],
};

function paint(on: boolean, style: keyof typeof COLORS, s: string): string {
  return on ? `\u001b[${COLORS[style][0]}m${s}\u001b[${COLORS[style][1]}m` : s;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

export function formatText(data: ReportData, opts: TextOptions): string {
  const c = opts.color;
  const shown = data.findings.filter((f) => !f.suppressed);
  const byFile = new Map<string, Finding[]>();
  for (const f of shown) {
    const list = byFile.get(f.location.file) ?? [];
    list.push(f);
    byFile.set(f.location.file, list);
  }
  const lines: string[] = [];
  for (const [file, list] of byFile) {
    lines.push(paint(c, 'bold', file));
    const posWidth = Math.max(...list.map((f) => `${f.location.startLine}:${f.location.startColumn}`.length));
    for (const f of list) {
      const pos = `${f.location.startLine}:${f.location.startColumn}`.padEnd(posWidth);
      const sev = paint(c, f.severity, f.severity.padEnd(7));
      lines.push(`  ${paint(c, 'dim', pos)}  ${sev}  ${f.message}  ${paint(c, 'dim', f.ruleId)}`);
      for (const r of f.related ?? []) {
        lines.push(`  ${' '.repeat(posWidth)}  ${' '.repeat(7)}  ${paint(c, 'dim', `↳ ${r.message} (${r.location.file}:${r.location.startLine}:${r.location.startColumn})`)}`);
      }
    }
    lines.push('');
  }
  // `linkerd check`-style block: √ for an area with no findings, × with errors (‼ with only
  // warnings or info), the counts per rule and where to read more.
  const areas = summarizeAreas(data);
  const labelWidth = Math.max(0, ...areas.map((a) => a.label.length));
  for (const a of areas) {
    const counts = countWords(a.counts);
    if (!counts) {
      lines.push(`${paint(c, 'green', '√')} ${a.label.padEnd(labelWidth)}  no findings (${plural(a.rules, 'rule')})`);
      continue;
    }
    const style = a.counts.error ? 'error' : a.counts.warning ? 'warning' : 'info';
    const ids = a.byRule.map(([id, k]) => `${id} ×${k}`).join(', ');
    lines.push(`${paint(c, style, a.counts.error ? '×' : '‼')} ${a.label.padEnd(labelWidth)}  ${counts}: ${ids}`);
    lines.push(`  ${' '.repeat(labelWidth)}  ${paint(c, 'dim', `see ${a.hint}`)}`);
  }
  if (areas.length) lines.push('');
  const n = countBySeverity(shown);
  let scope = `${plural(data.files, 'file')}, ${plural(data.resources, 'resource')}, ${plural(data.rules.length, 'rule')}`;
  const total = n.error + n.warning + n.info;
  const hidden = data.findings.length - shown.length;
  if (hidden) scope += `; ${hidden} suppressed`;
  if (total === 0) lines.push(paint(c, 'green', `✔ no problems (${scope})`));
  else {
    const mark = n.error ? paint(c, 'error', '✖') : paint(c, 'warning', '⚠');
    lines.push(`${mark} ${plural(total, 'problem')} (${plural(n.error, 'error')}, ${plural(n.warning, 'warning')}, ${n.info} info) in ${scope}`);
  }
  return `${lines.join('\n')}\n`;
}
