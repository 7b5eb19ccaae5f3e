// Baselines: `--write-baseline FILE` records today's findings; `--baseline FILE` hides the ones
// recorded, so only new findings are reported (and fail the run). Entries are keyed by rule,
// resource (group/kind, namespace, name) and field path, not by line: they survive edits that
// shift lines. Findings without a resource (YAML syntax) are keyed by file and message.
import { readFileSync } from 'node:fs';
import type { Finding, Path } from '../model/types.js';

export const BASELINE_VERSION = 1;

export interface BaselineEntry {
  ruleId: string;
  /** `group/Kind namespace/name` (`Kind name` for core cluster-scoped ones). */
  resource?: string;
  /** Field path in the resource, `spec.gateways[1]`. */
  path?: string;
  /** For findings without a resource: the file and message. */
  file?: string;
  message?: string;
  /** Identical findings (same key) recorded. */
  count: number;
}

export interface Baseline {
  version: number;
  tool: 'mesh-lint';
  entries: BaselineEntry[];
}

export class BaselineError extends Error {}

export function pathString(path: Path): string {
  let s = '';
  for (const seg of path) {
    if (typeof seg === 'number') s += `[${seg}]`;
    else if (/^[A-Za-z_][A-Za-z0-9_-]*$/.test(seg)) s += s ? `.${seg}` : seg;
    else s += `[${JSON.stringify(seg)}]`;
  }
  return s;
}

function resourceKey(f: Finding): string | undefined {
  const r = f.resource;
  if (!r) return undefined;
  const slash = r.apiVersion.lastIndexOf('/');
  const group = slash < 0 ? '' : r.apiVersion.slice(0, slash);
  return `${group ? `${group}/` : ''}${r.kind} ${r.namespace ? `${r.namespace}/` : ''}${r.name}`;
}

function entryOf(f: Finding): Omit<BaselineEntry, 'count'> {
  const resource = resourceKey(f);
  if (resource) return { ruleId: f.ruleId, resource, path: pathString(f.path ?? []) };
  return { ruleId: f.ruleId, file: f.location.file, message: f.message };
}

function keyOf(e: Omit<BaselineEntry, 'count'>): string {
  return JSON.stringify([e.ruleId, e.resource ?? null, e.path ?? null, e.file ?? null, e.message ?? null]);
}

/** The baseline of the given (unsuppressed) findings, sorted for stable diffs. */
export function buildBaseline(findings: readonly Finding[]): Baseline {
  const byKey = new Map<string, BaselineEntry>();
  for (const f of findings) {
    if (f.suppressed) continue;
    const e = entryOf(f);
    const k = keyOf(e);
    const cur = byKey.get(k);
    if (cur) cur.count++;
    else byKey.set(k, { ...e, count: 1 });
  }
  const entries = [...byKey.entries()].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)).map(([, e]) => e);
  return { version: BASELINE_VERSION, tool: 'mesh-lint', entries };
}

export function formatBaseline(b: Baseline): string {
  return `${JSON.stringify(b, null, 2)}\n`;
}

export function readBaseline(path: string): Baseline {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new BaselineError(`cannot read baseline ${path}`);
  }
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch (e) {
    throw new BaselineError(`baseline ${path} is not JSON: ${(e as Error).message}`);
  }
  const b = v as Partial<Baseline>;
  if (!b || typeof b !== 'object' || b.version !== BASELINE_VERSION || !Array.isArray(b.entries) || b.entries.some((e) => !e || typeof e.ruleId !== 'string' || typeof e.count !== 'number')) {
    throw new BaselineError(`baseline ${path} is not a mesh-lint baseline (version ${BASELINE_VERSION}); write one with --write-baseline`);
  }
  return b as Baseline;
}

/**
 * Marks findings recorded in the baseline as suppressed (kind external). Returns the findings
 * and how many baseline entries matched nothing any more (fixed since).
 */
export function applyBaseline(findings: readonly Finding[], baseline: Baseline, label: string): { findings: Finding[]; stale: number } {
  const remaining = new Map<string, number>();
  for (const e of baseline.entries) remaining.set(keyOf(e), (remaining.get(keyOf(e)) ?? 0) + e.count);
  const out = findings.map((f) => {
    if (f.suppressed) return f;
    const k = keyOf(entryOf(f));
    const n = remaining.get(k) ?? 0;
    if (n <= 0) return f;
    remaining.set(k, n - 1);
    return { ...f, suppressed: { kind: 'external' as const, justification: `in baseline ${label}` } };
  });
  let stale = 0;
  for (const n of remaining.values()) stale += n;
  return { findings: out, stale };
}
