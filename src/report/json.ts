// JSON report, version 1 (../shared/contract/cli-contract.md).
import type { Finding } from '../model/types.js';
import type { ReportData } from './types.js';

export function countBySeverity(findings: readonly Finding[]): { error: number; warning: number; info: number } {
  const c = { error: 0, warning: 0, info: 0 };
  for (const f of findings) if (!f.suppressed) c[f.severity]++;
  return c;
}

export function formatJson(data: ReportData): string {
  const report = {
    version: 1,
    tool: { name: 'mesh-lint', version: data.toolVersion },
    summary: { files: data.files, resources: data.resources, ...countBySeverity(data.findings) },
    findings: data.findings
      .filter((f) => !f.suppressed)
      .map((f) => ({
        ruleId: f.ruleId,
        severity: f.severity,
        message: f.message,
        ...(f.resource ? { resource: f.resource } : {}),
        location: f.location,
        ...(f.related?.length ? { related: f.related } : {}),
      })),
  };
  return `${JSON.stringify(report, null, 2)}\n`;
}
