// JUnit XML: one <testsuite> per linted file, one failing <testcase> per finding, one passing
// <testcase> for a file without findings (CI test tabs then show clean files too).
import type { Finding } from '../model/types.js';
import type { ReportData } from './types.js';

export function escapeXml(s: string): string {
  // Characters XML 1.0 forbids (control characters other than tab, LF, CR) are dropped.
  // eslint-disable-next-line no-control-regex
  return s.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '').replace(/[&<>"']/g, (c) => `&${{ '&': 'amp', '<': 'lt', '>': 'gt', '"': 'quot', "'": 'apos' }[c]};`);
}

export function formatJunit(data: ReportData): string {
  const byFile = new Map<string, Finding[]>();
  for (const name of data.fileNames ?? []) byFile.set(name, []);
  for (const f of data.findings) {
    if (f.suppressed) continue;
    const list = byFile.get(f.location.file) ?? [];
    list.push(f);
    byFile.set(f.location.file, list);
  }
  const files = [...byFile.keys()].sort();
  let tests = 0;
  let failures = 0;
  const suites: string[] = [];
  for (const file of files) {
    const list = byFile.get(file)!;
    const cases: string[] = [];
    if (list.length === 0) {
      cases.push(`    <testcase classname="${escapeXml(file)}" name="mesh-lint" time="0"/>`);
    }
    for (const f of list) {
      const l = f.location;
      const what = f.resource ? `${f.resource.kind} ${f.resource.namespace ? `${f.resource.namespace}/` : ''}${f.resource.name}` : file;
      cases.push(
        `    <testcase classname="${escapeXml(file)}" name="${escapeXml(`${f.ruleId} ${l.startLine}:${l.startColumn}`)}" time="0">\n` +
          `      <failure message="${escapeXml(f.message)}" type="${f.severity}">${escapeXml(`${f.severity}: ${f.message}\nrule: ${f.ruleId}\nresource: ${what}\nat ${file}:${l.startLine}:${l.startColumn}`)}</failure>\n` +
          `    </testcase>`,
      );
    }
    const n = Math.max(list.length, 1);
    tests += n;
    failures += list.length;
    suites.push(`  <testsuite name="${escapeXml(file)}" tests="${n}" failures="${list.length}" errors="0" skipped="0" time="0">\n${cases.join('\n')}\n  </testsuite>`);
  }
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="mesh-lint" tests="${tests}" failures="${failures}" errors="0" time="0">\n${suites.join('\n')}${suites.length ? '\n' : ''}</testsuites>\n`;
}
