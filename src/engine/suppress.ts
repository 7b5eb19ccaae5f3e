// Suppressions, applied once after the rules ran and before provenance mapping (inline comments
// live in the linted text). A suppressed finding is kept with `suppressed` set (SARIF shows it
// under `suppressions`; other reports drop it). A suppression that matched nothing is reported
// by the `unused-suppression` rule (info), when that rule is enabled.
//
// Sources:
//   # mesh-lint-disable-next-line [rule[, rule]] [-- reason]   the next line
//   # mesh-lint-disable-line [rule[, rule]] [-- reason]        its own line (trailing comment)
//   # mesh-lint-disable-file [rule[, rule]] [-- reason]        the whole file
//   metadata.annotations["mesh-lint.io/ignore"]: "rule,rule" | "*"
//   metadata.annotations["galley.istio.io/analyze-suppress"]: "IST0101,IST0002" | "*" (istioctl's)
//   metadata.annotations["kiali.io/ignore-validations"]: "KIA1101,KIA0201" | "" (Kiali's; empty = all)
//   --suppress / config `suppress:` in istioctl's syntax "CODE=Kind name[.namespace]" (`*` globs)
// Codes (ISTnnnn, KIAnnnn) map to rules through their `equivalents`.
import { readSourceText, type SourceFile } from '../input/sources.js';
import type { Finding, Resource } from '../model/types.js';
import type { Rule } from './rule.js';
import type { RawFinding } from './run.js';

export const UNUSED_SUPPRESSION = 'unused-suppression';
/** Text every suppression comment contains: files without it are not read again. */
export { SUPPRESSION_MARK as DIRECTIVE_MARK } from '../parse/file.js';
import { SUPPRESSION_MARK as DIRECTIVE_MARK } from '../parse/file.js';
export const IGNORE_ANNOTATION = 'mesh-lint.io/ignore';
export const GALLEY_ANNOTATION = 'galley.istio.io/analyze-suppress';
export const KIALI_ANNOTATION = 'kiali.io/ignore-validations';

export interface Located {
  raw: RawFinding;
  finding: Finding;
}

/** `CODE=Kind name[.namespace]` as istioctl analyze --suppress takes it. */
export interface CliSuppression {
  code: string;
  pattern: RegExp;
  text: string;
  /** Where it came from, for the unused notice: `--suppress` or the config file. */
  origin: string;
}

export function parseCliSuppression(text: string, origin = '--suppress'): CliSuppression {
  const m = /^\s*([^=\s]+)\s*=\s*(\S.*?)\s*$/.exec(text);
  if (!m) throw new Error(`${origin} expects CODE=Kind name[.namespace] (for example "IST0102=Namespace frod"), got "${text}"`);
  const pattern = new RegExp(`^${m[2].split('*').map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);
  return { code: m[1], pattern, text, origin };
}

/** `Kind name.namespace` (namespaced) or `Kind name`, as istioctl names resources. */
export function istioResourceName(r: { kind: string; name: string; namespace?: string }): string {
  return `${r.kind} ${r.name}${r.namespace ? `.${r.namespace}` : ''}`;
}

interface Directive {
  kind: 'next-line' | 'line' | 'file';
  /** Rule ids; empty = every rule. */
  rules: string[];
  reason?: string;
  fileId: number;
  /** Line the directive applies to (next-line, line); 0 for file. */
  line: number;
  range: [number, number];
  text: string;
  used: Set<string>;
}

const DIRECTIVE = /(?:^|\s)#\s*mesh-lint-disable-(next-line|line|file)\b([^\n]*)$/;

/** Reads the directives of one text (lines holding `mesh-lint-disable-`). */
export function readDirectives(fileId: number, text: string): Directive[] {
  if (!text.includes(DIRECTIVE_MARK)) return [];
  const out: Directive[] = [];
  let offset = 0;
  let lineNo = 0;
  for (const rawLine of text.split('\n')) {
    lineNo++;
    const line = rawLine.replace(/\r$/, '');
    const m = line.includes(DIRECTIVE_MARK) ? DIRECTIVE.exec(line) : null;
    if (m) {
      const [body, reason] = splitReason(m[2]);
      const hash = line.indexOf('#', m.index);
      const kind = m[1] as Directive['kind'];
      out.push({
        kind,
        rules: body.split(/[\s,]+/).filter(Boolean),
        ...(reason ? { reason } : {}),
        fileId,
        line: kind === 'next-line' ? lineNo + 1 : kind === 'line' ? lineNo : 0,
        range: [offset + hash, offset + line.length],
        text: `# mesh-lint-disable-${kind}${body ? ` ${body.split(/[\s,]+/).filter(Boolean).join(', ')}` : ''}`,
        used: new Set(),
      });
    }
    offset += rawLine.length + 1;
  }
  return out;
}

function splitReason(s: string): [string, string | undefined] {
  // A later `#` starts another comment (`# expect: ...` in fixtures): the rule list ends there.
  const hash = s.search(/\s#/);
  const i = s.indexOf('--');
  if (hash >= 0 && (i < 0 || hash < i)) return [s.slice(0, hash).trim(), undefined];
  if (i < 0) return [s.trim(), undefined];
  const reason = s.slice(i + 2).trim();
  return [s.slice(0, i).trim(), reason || undefined];
}

function list(value: string): string[] {
  return value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

function codesOf(rule: Rule | undefined): Set<string> {
  return new Set((rule?.equivalents ?? []).map((e) => e.split('@')[0]));
}

export interface SuppressOptions {
  /** Files to read suppression comments from (those holding DIRECTIVE_MARK). */
  files: readonly SourceFile[];
  /** Every known rule (to recognise ids), and the ids of the rules that ran. */
  allRules: readonly Rule[];
  ranRules: ReadonlySet<string>;
  cli: readonly CliSuppression[];
  /** Every resource: annotations on resources without findings can be unused too. */
  resources: readonly Resource[];
  /** Severity of `unused-suppression` findings; undefined when that rule is off. */
  unusedSeverity?: Finding['severity'];
}

export interface SuppressResult {
  findings: RawFinding[];
  /** Index-aligned with the input: set when the finding is suppressed. */
  suppressed: Array<Finding['suppressed'] | undefined>;
  /** `--suppress` / config entries that matched nothing. */
  unusedCli: CliSuppression[];
}

/** Marks suppressed findings and builds `unused-suppression` raw findings. */
export function applySuppressions(located: readonly Located[], opts: SuppressOptions): SuppressResult {
  const ruleById = new Map(opts.allRules.map((r) => [r.id, r]));
  const directives = new Map<number, Directive[]>();
  for (const file of opts.files) {
    let text: string;
    try {
      text = readSourceText(file);
    } catch {
      continue;
    }
    const ds = readDirectives(file.id, text);
    if (ds.length) directives.set(file.id, ds);
  }
  const cliUsed = new Set<CliSuppression>();
  // Annotation entries used, keyed by resource uid + annotation + entry.
  const annotationUsed = new Set<string>();

  // Every suppression that covers a finding is marked used (a comment and an annotation may both
  // cover it); the first one, in the order below, gives the SARIF suppression.
  const suppressed = located.map(({ raw, finding }): Finding['suppressed'] | undefined => {
    const rule = ruleById.get(raw.ruleId);
    const codes = codesOf(rule);
    let first: Finding['suppressed'] | undefined;
    const hit = (s: NonNullable<Finding['suppressed']>) => {
      first ??= s;
    };
    const fileId = raw.fileRange?.fileId ?? raw.resource?.origin.span.fileId;
    const line = finding.location.startLine;
    for (const d of (fileId !== undefined && directives.get(fileId)) || []) {
      if (d.kind !== 'file' && d.line !== line) continue;
      if (d.rules.length && !d.rules.includes(raw.ruleId)) continue;
      d.used.add(raw.ruleId);
      hit({ kind: 'inSource', ...(d.reason ? { justification: d.reason } : {}) });
    }
    const res = raw.resource;
    if (res) {
      const a = res.annotations;
      const mark = (key: string, entry: string) => {
        annotationUsed.add(`${res.uid}\u0000${key}\u0000${entry}`);
        hit({ kind: 'inSource', justification: `annotation ${key}` });
      };
      if (a[IGNORE_ANNOTATION] !== undefined) {
        const entries = list(a[IGNORE_ANNOTATION]);
        if (entries.length === 0) mark(IGNORE_ANNOTATION, '*');
        for (const e of entries) if (e === '*' || e === raw.ruleId) mark(IGNORE_ANNOTATION, e);
      }
      if (a[GALLEY_ANNOTATION] !== undefined) {
        // `*` means every istioctl analyzer: rules with an IST code or in the Istio area.
        const istio = [...codes].some((c) => c.startsWith('IST')) || rule?.category === 'istio';
        for (const e of list(a[GALLEY_ANNOTATION])) if (e === '*' ? istio : codes.has(e)) mark(GALLEY_ANNOTATION, e);
      }
      if (a[KIALI_ANNOTATION] !== undefined) {
        // Empty means every Kiali validation: rules with a KIA code.
        const entries = list(a[KIALI_ANNOTATION]);
        if (entries.length === 0 && [...codes].some((c) => c.startsWith('KIA'))) mark(KIALI_ANNOTATION, '');
        for (const e of entries) if (codes.has(e)) mark(KIALI_ANNOTATION, e);
      }
    }
    if (opts.cli.length && finding.resource) {
      const name = istioResourceName(finding.resource);
      for (const s of opts.cli) {
        if (!(s.code === '*' || s.code === raw.ruleId || codes.has(s.code))) continue;
        if (!s.pattern.test(name)) continue;
        cliUsed.add(s);
        hit({ kind: 'external', justification: `${s.origin} ${s.text}` });
      }
    }
    return first;
  });

  const unused: RawFinding[] = [];
  const severity = opts.unusedSeverity;
  if (severity) {
    for (const ds of directives.values()) {
      for (const d of ds) {
        const unknown = d.rules.filter((r) => !ruleById.has(r));
        let message: string | undefined;
        if (unknown.length) {
          message = `Suppression comment "${d.text}" names unknown rule${unknown.length > 1 ? 's' : ''} ${unknown.map((u) => `"${u}"`).join(', ')}; it suppresses nothing (see \`mesh-lint rules\`)`;
        } else if (d.rules.length === 0 ? d.used.size === 0 && opts.ranRules.size > 0 : d.rules.some((r) => opts.ranRules.has(r) && !d.used.has(r))) {
          const idle = d.rules.length ? d.rules.filter((r) => opts.ranRules.has(r) && !d.used.has(r)) : [];
          const what = idle.length ? `no ${idle.map((r) => `"${r}"`).join(' or ')} finding` : 'no finding';
          message = `Suppression comment "${d.text}" matched ${what} ${d.kind === 'file' ? 'in this file' : `on line ${d.line}`}; remove it`;
        }
        if (message) unused.push({ ruleId: UNUSED_SUPPRESSION, severity, message, fileRange: { fileId: d.fileId, range: d.range } });
      }
    }
    const ranCodes = new Set<string>();
    for (const id of opts.ranRules) for (const c of codesOf(ruleById.get(id))) ranCodes.add(c);
    for (const res of opts.resources) {
      const a = res.annotations;
      if (a[IGNORE_ANNOTATION] === undefined && a[GALLEY_ANNOTATION] === undefined && a[KIALI_ANNOTATION] === undefined) continue;
      const who = `${res.kind} ${res.namespace ? `${res.namespace}/` : ''}${res.name}`;
      const used = (key: string, e: string) => annotationUsed.has(`${res.uid}\u0000${key}\u0000${e}`);
      if (a[IGNORE_ANNOTATION] !== undefined) {
        const entries = list(a[IGNORE_ANNOTATION]);
        const path = ['metadata', 'annotations', IGNORE_ANNOTATION];
        const unknown = entries.filter((e) => e !== '*' && !ruleById.has(e));
        const idle = entries.filter((e) => (e === '*' ? opts.ranRules.size > 0 : opts.ranRules.has(e)) && !used(IGNORE_ANNOTATION, e));
        if (entries.length === 0 && opts.ranRules.size > 0 && !used(IGNORE_ANNOTATION, '*')) idle.push('*');
        if (unknown.length) {
          unused.push({ ruleId: UNUSED_SUPPRESSION, severity, resource: res, path, message: `${who} annotation ${IGNORE_ANNOTATION} names unknown rule${unknown.length > 1 ? 's' : ''} ${unknown.map((u) => `"${u}"`).join(', ')}; it suppresses nothing (see \`mesh-lint rules\`)` });
        }
        if (idle.length) {
          unused.push({ ruleId: UNUSED_SUPPRESSION, severity, resource: res, path, message: `${who} annotation ${IGNORE_ANNOTATION} suppresses ${idle.map((u) => (u === '*' ? 'every rule' : `"${u}"`)).join(', ')}, which reported nothing on it; remove ${idle.length > 1 ? 'those entries' : 'the entry'}` });
        }
      }
      // Istio's and Kiali's annotations also serve those tools: only codes mesh-lint checked
      // (a rule that ran has the code as an equivalent) and that matched nothing are reported.
      for (const key of [GALLEY_ANNOTATION, KIALI_ANNOTATION]) {
        if (a[key] === undefined) continue;
        const idle = list(a[key]).filter((e) => ranCodes.has(e) && !used(key, e));
        if (idle.length) {
          unused.push({ ruleId: UNUSED_SUPPRESSION, severity, resource: res, path: ['metadata', 'annotations', key], message: `${who} annotation ${key} suppresses ${idle.join(', ')}, which mesh-lint checked and found nothing for on this resource; remove ${idle.length > 1 ? 'those codes' : 'the code'} unless another tool still needs ${idle.length > 1 ? 'them' : 'it'}` });
        }
      }
    }
  }
  const unusedCli = opts.cli.filter((s) => !cliUsed.has(s));
  return { findings: unused, suppressed, unusedCli };
}
