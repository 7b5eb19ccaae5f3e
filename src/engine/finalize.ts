// After the rules ran: locate findings, apply suppressions (in the linted text), move findings on
// rendered stdin to their source files (provenance), apply per-file severity overrides.
import type { SourceFile } from '../input/sources.js';
import type { Finding, Resource, Severity } from '../model/types.js';
import type { Rule } from './rule.js';
import type { FindingLocator, RawFinding, SeverityOverrides } from './run.js';
import { applySuppressions, UNUSED_SUPPRESSION, type CliSuppression, type Located } from './suppress.js';

export interface FinalizeOptions {
  /** `--suppress` and config `suppress:` entries (istioctl syntax). */
  suppressions?: readonly CliSuppression[];
  /** Folder that Helm `# Source:` / kustomize origin paths are relative to (default: cwd). */
  sourceRoot?: string;
  /** Severity for a rule in one reported file (config `overrides` by glob); 'off' drops the finding. */
  fileSeverity?: (file: string, ruleId: string) => Severity | 'off' | undefined;
}

export interface FinalizeContext {
  files: readonly SourceFile[];
  /** Ids of the files whose text holds suppression comments (seen while parsing). */
  directiveFiles: ReadonlySet<number>;
  resources: readonly Resource[];
  /** Rules that ran. */
  rules: readonly Rule[];
  /** Every rule the caller knows (suppressions naming others are reported as unknown). */
  allRules: readonly Rule[];
  overrides: SeverityOverrides;
  locator: FindingLocator;
}

export function finalizeFindings(raw: readonly RawFinding[], ctx: FinalizeContext, opts: FinalizeOptions): { findings: Finding[]; unusedCli: CliSuppression[] } {
  const { locator } = ctx;
  const located: Located[] = raw.map((r) => ({ raw: r, finding: locator.toFinding(r) }));
  const unusedRule = ctx.rules.find((r) => r.id === UNUSED_SUPPRESSION);
  const override = ctx.overrides.get(UNUSED_SUPPRESSION);
  const unusedSeverity = unusedRule ? (override && override !== 'off' ? override : unusedRule.severity) : undefined;
  const s = applySuppressions(located, {
    files: ctx.files.filter((f) => ctx.directiveFiles.has(f.id)),
    allRules: ctx.allRules,
    ranRules: new Set(ctx.rules.map((r) => r.id)),
    cli: opts.suppressions ?? [],
    resources: ctx.resources,
    ...(unusedSeverity ? { unusedSeverity } : {}),
  });
  const all: Finding[] = located.map(({ raw: r, finding }, i) => {
    const f = locator.withProvenance(r, finding);
    const sup = s.suppressed[i];
    return sup ? { ...f, suppressed: sup } : f;
  });
  for (const r of s.findings) all.push(locator.withProvenance(r, locator.toFinding(r)));
  if (!opts.fileSeverity) return { findings: all, unusedCli: s.unusedCli };
  const out: Finding[] = [];
  for (const f of all) {
    const sev = opts.fileSeverity(f.location.file, f.ruleId);
    if (sev === 'off') continue;
    out.push(sev ? { ...f, severity: sev } : f);
  }
  return { findings: out, unusedCli: s.unusedCli };
}
