// docs/rules/README.md, generated from the rule registry (`npm run docs`); a test keeps it current.
import type { RuleDescriptor } from './catalogue.js';
import type { RuleCategory } from './rule.js';

const AREAS: Array<[RuleCategory, string, string]> = [
  ['core', 'Core', 'YAML that does not parse, and suppressions that suppress nothing.'],
  ['kubernetes', 'Kubernetes', 'Core Kubernetes objects the mesh depends on (Services, workloads, selectors).'],
  ['istio', 'Istio', 'What `istioctl analyze` and Kiali report, offline.'],
  ['linkerd', 'Linkerd', "What Linkerd's admission webhooks and `linkerd check` would reject or warn about."],
  ['gateway-api', 'Gateway API', 'What a Gateway API controller would set in route and gateway status conditions.'],
];

function cell(s: string): string {
  return s.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

function equivalents(list: readonly string[]): string {
  return list.length ? list.map((e) => { const [code, analyzer] = e.split('@'); return analyzer ? `${code} (${analyzer})` : code; }).join(', ') : '—';
}

export function renderRulesIndex(rules: readonly RuleDescriptor[]): string {
  const out = [
    '# mesh-lint rules',
    '',
    '<!-- Generated from the rule registry by `npm run docs`; do not edit by hand. -->',
    '',
    `${rules.length} rules. \`mesh-lint rules\` lists them, \`mesh-lint explain <id>\` prints a rule's page.`,
    'Severities and options can be changed in `.mesh-lint.yaml` (see [the CLI reference](../cli.md)).',
  ];
  for (const [area, label, blurb] of AREAS) {
    const list = rules.filter((r) => r.category === area).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    out.push('', `## ${label}`, '', blurb, '');
    if (!list.length) {
      out.push('No rules yet.');
      continue;
    }
    out.push('| Rule | Severity | What it finds | Same check upstream |', '| --- | --- | --- | --- |');
    for (const r of list) out.push(`| [${r.id}](${r.id}.md) | ${r.severity} | ${cell(r.description)} | ${equivalents(r.equivalents)} |`);
  }
  return `${out.join('\n')}\n`;
}
