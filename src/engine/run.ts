// Runs rules over the graph and turns the paths they report into located findings.
import type { ResourceGraph } from '../graph/graph.js';
import type { DocumentSpan, Finding, Location, OffsetRange, Path, RelatedInfo, Resource, Severity } from '../model/types.js';
import type { ParseProblem } from '../parse/parse.js';
import { DocumentLocator, LineIndex } from '../parse/locate.js';
import type { LocateJob, ParsePool } from '../parse/pool.js';
import type { SourceFile } from '../input/sources.js';
import { readSourceText } from '../input/sources.js';
import type { LintSettings, Rule, RuleContext } from './rule.js';
import { ProvenanceMapper } from './provenance.js';

/** A finding as a rule reports it: a resource and a path, not yet a position. */
export interface RawFinding {
  ruleId: string;
  severity: Severity;
  message: string;
  resource?: Resource;
  path?: Path;
  at?: 'key' | 'value';
  fileRange?: { fileId: number; range: OffsetRange };
  related?: Array<{ resource: Resource; path: Path; message: string }>;
}

export interface RuleFailure {
  ruleId: string;
  error: Error;
}

export type SeverityOverrides = ReadonlyMap<string, Severity | 'off'>;

export function selectRules(rules: readonly Rule[], profiles: ReadonlySet<string>, overrides: SeverityOverrides): Rule[] {
  return rules.filter((r) => overrides.get(r.id) !== 'off' && (!r.profile || profiles.has(r.profile)));
}

export function runRules(
  rules: readonly Rule[],
  graph: ResourceGraph,
  settings: LintSettings,
  parseProblems: readonly ParseProblem[],
  overrides: SeverityOverrides,
  ruleOptions: ReadonlyMap<string, Readonly<Record<string, unknown>>> = new Map(),
): { findings: RawFinding[]; failures: RuleFailure[] } {
  const findings: RawFinding[] = [];
  const failures: RuleFailure[] = [];
  for (const rule of rules) {
    const override = overrides.get(rule.id);
    if (rule.inputs.length > 0 && !rule.inputs.some((k) => graph.hasKind(k))) continue;
    const severityFor = (s?: Severity): Severity => (override && override !== 'off' ? override : (s ?? rule.severity));
    const ctx: RuleContext = {
      graph,
      settings,
      options: ruleOptions.get(rule.id) ?? {},
      parseProblems,
      resources: (kindKey) => graph.ofKind(kindKey),
      report: (input) =>
        findings.push({
          ruleId: rule.id,
          severity: severityFor(input.severity),
          message: input.message,
          resource: input.resource,
          path: input.path,
          ...(input.at ? { at: input.at } : {}),
          ...(input.related?.length ? { related: input.related } : {}),
        }),
      reportFile: (fileId, range, message, severity) =>
        findings.push({ ruleId: rule.id, severity: severityFor(severity), message, fileRange: { fileId, range: [range[0], range[1]] } }),
    };
    try {
      rule.check(ctx);
    } catch (error) {
      failures.push({ ruleId: rule.id, error: error as Error });
    }
  }
  return { findings, failures };
}

/** Resolves rule paths to file positions, re-parsing each document with findings once. */
export class FindingLocator {
  private readonly texts = new Map<number, { text: string; lines: LineIndex } | null>();
  private readonly locators = new Map<string, DocumentLocator>();
  /** Ranges worked out in bulk by the parse workers (prefetch), by document then target. */
  private readonly prefetched = new Map<string, Map<string, OffsetRange>>();

  private readonly provenance: ProvenanceMapper;

  /** `sourceRoot`: folder that Helm `# Source:` and kustomize origin paths are relative to. */
  constructor(
    private readonly files: readonly SourceFile[],
    opts: { sourceRoot?: string } = {},
  ) {
    this.provenance = new ProvenanceMapper(opts.sourceRoot);
  }

  /** Stdin documents rendered by Helm or kustomize: the template file it came from, else undefined. */
  private renderedLocation(resource: Resource, path: Path): Location | undefined {
    const file = this.files[resource.origin.span.fileId];
    if (!file || file.absPath !== undefined) return undefined; // only stdin has no file of its own
    return this.provenance.locate(resource, path);
  }

  /**
   * Moves a finding located in rendered stdin input to its source file (see provenance.ts);
   * other findings are returned as they are.
   */
  withProvenance(raw: RawFinding, finding: Finding): Finding {
    let out = finding;
    if (raw.resource) {
      const loc = this.renderedLocation(raw.resource, raw.path ?? []);
      if (loc) out = { ...out, location: loc };
    }
    if (raw.related?.length && out.related?.length === raw.related.length) {
      const related = out.related.map((r, i) => {
        const loc = this.renderedLocation(raw.related![i].resource, raw.related![i].path);
        return loc ? { ...r, location: loc } : r;
      });
      out = { ...out, related };
    }
    return out;
  }

  private source(fileId: number): { text: string; lines: LineIndex } | null {
    let s = this.texts.get(fileId);
    if (s === undefined) {
      try {
        const text = readSourceText(this.files[fileId]);
        s = { text, lines: new LineIndex(text) };
      } catch {
        s = null;
      }
      this.texts.set(fileId, s);
    }
    return s;
  }

  displayPath(fileId: number): string {
    return this.files[fileId]?.displayPath ?? '<unknown>';
  }

  rangeToLocation(fileId: number, range: OffsetRange): Location {
    const src = this.source(fileId);
    const file = this.displayPath(fileId);
    if (!src) return { file, startLine: 1, startColumn: 1, endLine: 1, endColumn: 1 };
    const start = src.lines.position(range[0]);
    let endOffset = range[1];
    if (endOffset <= range[0]) {
      // Zero-width: widen to the rest of the line (at least one character) so tools can show it.
      endOffset = Math.max(src.lines.lineEnd(range[0]), range[0] + (range[0] < src.text.length ? 1 : 0));
    }
    const end = src.lines.position(endOffset);
    if (end.line === start.line && end.column <= start.column) end.column = start.column + 1;
    return { file, startLine: start.line, startColumn: start.column, endLine: end.line, endColumn: end.column };
  }

  /**
   * Locates the findings of files on disk in the parse workers, whose `yaml` code is already
   * hot; `locate` then finds the ranges ready. Stdin and anything not prefetched is located here.
   */
  prefetch(raws: readonly RawFinding[], pool: ParsePool): void {
    const jobs = new Map<string, LocateJob & { keys: string[] }>();
    const add = (resource: Resource, path: Path, at?: 'key' | 'value') => {
      const { span, basePath } = resource.origin;
      const file = this.files[span.fileId];
      if (!file || file.absPath === undefined || file.textless) return;
      const full = [...basePath, ...path];
      const doc = docKey(span);
      const key = targetKey(full, at);
      let job = jobs.get(doc);
      if (!job) jobs.set(doc, (job = { file, span, targets: [], keys: [] }));
      if (job.keys.includes(key)) return;
      job.keys.push(key);
      job.targets.push(at ? { path: full, at } : { path: full });
    };
    for (const r of raws) {
      if (r.resource) add(r.resource, r.path ?? [], r.at);
      for (const rel of r.related ?? []) add(rel.resource, rel.path);
    }
    const list = [...jobs.entries()];
    const ranges = pool.locate(list.map(([, job]) => job));
    list.forEach(([doc, job], i) => {
      const found = ranges[i];
      if (!found) return; // located here instead, if asked
      this.prefetched.set(doc, new Map(job.keys.map((k, j) => [k, found[j]])));
    });
  }

  locate(resource: Resource, path: Path, at?: 'key' | 'value'): Location {
    const { span, basePath } = resource.origin;
    const src = this.source(span.fileId);
    if (!src) return this.rangeToLocation(span.fileId, [0, 0]);
    const key = docKey(span);
    const ready = this.prefetched.get(key)?.get(targetKey([...basePath, ...path], at));
    if (ready) return this.rangeToLocation(span.fileId, ready);
    let loc = this.locators.get(key);
    if (!loc) {
      loc = new DocumentLocator(src.text, span);
      this.locators.set(key, loc);
    }
    return this.rangeToLocation(span.fileId, loc.locate([...basePath, ...path], at ? { at } : {}));
  }

  toFinding(raw: RawFinding): Finding {
    let location: Location;
    if (raw.fileRange) location = this.rangeToLocation(raw.fileRange.fileId, raw.fileRange.range);
    else location = this.locate(raw.resource!, raw.path ?? [], raw.at);
    const related: RelatedInfo[] | undefined = raw.related?.map((r) => ({ message: r.message, location: this.locate(r.resource, r.path) }));
    return {
      ruleId: raw.ruleId,
      severity: raw.severity,
      message: raw.message,
      ...(raw.resource
        ? {
            resource: {
              apiVersion: raw.resource.apiVersion,
              kind: raw.resource.kind,
              ...(raw.resource.namespace ? { namespace: raw.resource.namespace } : {}),
              name: raw.resource.name,
            },
          }
        : {}),
      location,
      ...(related?.length ? { related } : {}),
      ...(raw.path ? { path: raw.path } : {}),
    };
  }

  /** The text of a line, for suppression comments and excerpts. */
  lineText(fileId: number, line: number): string | undefined {
    return this.source(fileId)?.lines.lineText(line);
  }
  text(fileId: number): string | undefined {
    return this.source(fileId)?.text;
  }
}

const docKey = (span: DocumentSpan) => `${span.fileId}:${span.sliceStart}`;
const targetKey = (path: Path, at?: 'key' | 'value') => `${at ?? ''}\u0000${JSON.stringify(path)}`;

function cmp(a: string | number, b: string | number): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Total order: file, line, column, rule, then the rest, so output never depends on input order. */
export function compareFindings(a: Finding, b: Finding): number {
  return (
    cmp(a.location.file, b.location.file) ||
    cmp(a.location.startLine, b.location.startLine) ||
    cmp(a.location.startColumn, b.location.startColumn) ||
    cmp(a.ruleId, b.ruleId) ||
    cmp(a.location.endLine, b.location.endLine) ||
    cmp(a.location.endColumn, b.location.endColumn) ||
    cmp(a.message, b.message) ||
    cmp(a.resource?.kind ?? '', b.resource?.kind ?? '') ||
    cmp(a.resource?.namespace ?? '', b.resource?.namespace ?? '') ||
    cmp(a.resource?.name ?? '', b.resource?.name ?? '')
  );
}
