// Findings summarised by area (core YAML, Kubernetes, Istio, Linkerd, Gateway API), as
// `linkerd check` does: the text and Markdown reports print one line per area that ran.
import { DOCS_BASE_URL, type RuleCategory } from '../engine/rule.js';
import type { Severity } from '../model/types.js';
import type { ReportData } from './types.js';

export const AREA_LABEL: Record<RuleCategory, string> = {
  core: 'Core',
  kubernetes: 'Kubernetes',
  istio: 'Istio',
  linkerd: 'Linkerd',
  'gateway-api': 'Gateway API',
};
const AREA_ORDER: RuleCategory[] = ['core', 'kubernetes', 'istio', 'linkerd', 'gateway-api'];

export interface AreaSummary {
  area: RuleCategory;
  label: string;
  rules: number;
  counts: Record<Severity, number>;
  /** Findings per rule id, most first then by id. */
  byRule: Array<[string, number]>;
  /** Where to read about the area's rules. */
  hint: string;
}

export function areaHint(area: RuleCategory): string {
  return `${DOCS_BASE_URL}README.md#${area}`;
}

export function summarizeAreas(data: ReportData): AreaSummary[] {
  const areaOf = new Map(data.rules.map((r) => [r.id, r.category]));
  const out = new Map<RuleCategory, AreaSummary>();
  const ensure = (area: RuleCategory) => {
    let s = out.get(area);
    if (!s) {
      s = { area, label: AREA_LABEL[area], rules: 0, counts: { error: 0, warning: 0, info: 0 }, byRule: [], hint: areaHint(area) };
      out.set(area, s);
    }
    return s;
  };
  for (const r of data.rules) ensure(r.category).rules++;
  const perRule = new Map<string, number>();
  for (const f of data.findings) {
    if (f.suppressed) continue;
    const area = areaOf.get(f.ruleId) ?? 'core';
    ensure(area).counts[f.severity]++;
    perRule.set(f.ruleId, (perRule.get(f.ruleId) ?? 0) + 1);
  }
  for (const [id, n] of perRule) ensure(areaOf.get(id) ?? 'core').byRule.push([id, n]);
  for (const s of out.values()) s.byRule.sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  return AREA_ORDER.filter((a) => out.has(a)).map((a) => out.get(a)!);
}

export function countWords(c: Record<Severity, number>): string {
  const parts: string[] = [];
  if (c.error) parts.push(`${c.error} error${c.error === 1 ? '' : 's'}`);
  if (c.warning) parts.push(`${c.warning} warning${c.warning === 1 ? '' : 's'}`);
  if (c.info) parts.push(`${c.info} info`);
  return parts.join(', ');
}
