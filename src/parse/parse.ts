// Parse stage: YAML/JSON text → plain documents with their spans. Documents are not kept:
// a finding's position is recovered later by re-parsing only its document (see locate.ts).
// Runs in the worker pool (pool.ts) or in-process: everything here is pure and bounded.
import { LineCounter, parseAllDocuments, type Document } from 'yaml';
import type { DocumentSpan, JsonObject, OffsetRange, Path } from '../model/types.js';
import { DocumentLocator } from './locate.js';
import { findScalarTraps, findUnrenderedHelm, mayHaveScalarTraps, tabProblem } from './traps.js';
import { fastCompose, type FastDocument } from './fast-compose.js';

export interface ParsedDocument {
  span: DocumentSpan;
  value: unknown;
  /** `# Source: chart/templates/x.yaml` header written by `helm template`. */
  helmSource?: string;
  /**
   * The text holds a `toString` or `valueOf` key somewhere: a mapping with such a key cannot be
   * turned into a string by String() or a template literal (the model stage guards it).
   */
  conversionKeys?: true;
}

export interface ParseProblem {
  fileId: number;
  /** Built-in rule that reports it: `yaml-syntax` and friends. */
  ruleId: string;
  message: string;
  range: OffsetRange;
}

/** Resource limits: input over one of them is a located `input-limit-exceeded` finding. */
export interface ParseLimits {
  /** Largest file read, in bytes; larger files are not read at all. */
  maxFileBytes: number;
  /** Maximum alias expansions per document (alias bombs, "billion laughs"). */
  maxAliasCount: number;
  /** Deepest nesting of mappings and sequences in one document. */
  maxDepth: number;
  /** Most documents linted in one file; the rest of the file is not linted. */
  maxDocuments: number;
}

export const DEFAULT_PARSE_LIMITS: ParseLimits = {
  maxFileBytes: 64 * 1024 * 1024,
  maxAliasCount: 10_000,
  maxDepth: 200,
  maxDocuments: 100_000,
};

/** Names accepted by `--limit NAME=VALUE`. */
export const LIMIT_NAMES: Record<string, keyof ParseLimits> = {
  'file-bytes': 'maxFileBytes',
  aliases: 'maxAliasCount',
  depth: 'maxDepth',
  documents: 'maxDocuments',
};

export interface ParseResult {
  documents: ParsedDocument[];
  problems: ParseProblem[];
  /** The documents survive a JSON round trip unchanged (no aliases, hence no shared or cyclic
   *  values; no .inf/.nan): the parse workers then send them as JSON, which is cheaper to copy. */
  jsonSafe?: boolean;
}

export const YAML_PARSE_OPTIONS = { merge: true, prettyErrors: false } as const;

export const LIMIT_RULE = 'input-limit-exceeded';
export const UNSAFE_TAG_RULE = 'yaml-unsafe-tag';

const HELM_SOURCE = /^#\s*Source:\s*(\S.*?)\s*$/m;
/** Keys that break String(mapping): see ParsedDocument.conversionKeys. */
const CONVERSION_KEY = /toString|valueOf/;
/** Tags that js-yaml (unsafe schema), PyYAML, Psych, SnakeYAML and friends turn into code or objects. */
const EXECUTABLE_TAG = /^(?:tag:yaml\.org,2002:|!)(?:js|python|ruby|perl|php|java|javascript)\/|^(?:tag:yaml\.org,2002:|!)(?:java|javax|com|org|net)\./;

/** First line of a yaml error message: the rest is a code excerpt. */
function firstLine(message: string): string {
  const nl = message.indexOf('\n');
  const line = nl < 0 ? message : message.slice(0, nl);
  return line.replace(/ at line \d+, column \d+:?$/, '');
}

function shortTag(tag: string): string {
  return tag.replace(/^tag:yaml\.org,2002:/, '!!');
}

type DepthCheck = { kind: 'ok' } | { kind: 'deep' | 'cycle'; path: Path };

/**
 * Checks the nesting depth of a plain value. Recursion is bounded by `maxDepth` (a few hundred
 * frames). Aliases give shared references, walked once per path (the alias limit bounds that);
 * with `aliases`, a recursive alias (a value containing itself) is detected and reported rather
 * than handed to rules that would recurse forever.
 */
export function checkDepth(value: unknown, maxDepth: number, aliases = true): DepthCheck {
  const path: Array<string | number> = [];
  const onPath = aliases ? new Set<object>() : undefined;
  let found: DepthCheck = { kind: 'ok' };
  const visit = (node: object, depth: number): boolean => {
    onPath?.add(node);
    if (Array.isArray(node)) {
      for (let i = 0; i < node.length; i++) {
        const c: unknown = node[i];
        if (c !== null && typeof c === 'object' && !step(c, i, depth)) return false;
      }
    } else {
      for (const k in node) {
        const c = (node as Record<string, unknown>)[k];
        if (c !== null && typeof c === 'object' && !step(c, k, depth)) return false;
      }
    }
    onPath?.delete(node);
    return true;
  };
  const step = (child: object, key: string | number, depth: number): boolean => {
    path.push(key);
    if (onPath?.has(child)) {
      found = { kind: 'cycle', path: [...path] };
      return false;
    }
    if (depth >= maxDepth) {
      found = { kind: 'deep', path: [...path] };
      return false;
    }
    const ok = visit(child, depth + 1);
    path.pop();
    return ok;
  };
  if (value !== null && typeof value === 'object') visit(value, 1);
  return found;
}

/** Range of a path in one document (re-parsed: only for the rare over-limit document). */
function locateSafely(text: string, span: DocumentSpan, path: Path): OffsetRange {
  try {
    return new DocumentLocator(text, span).locate(path);
  } catch {
    return [span.contentStart, span.contentStart];
  }
}

export function parseSource(fileId: number, rawText: string, limits: ParseLimits = DEFAULT_PARSE_LIMITS): ParseResult {
  const documents: ParsedDocument[] = [];
  const problems: ParseProblem[] = [];
  const unrendered = findUnrenderedHelm(fileId, rawText); // YAML traps (traps.ts): one finding, no cascade
  if (unrendered) return { documents, problems: [unrendered] };
  const scanScalars = mayHaveScalarTraps(rawText);
  // The scalar-trap scan needs yaml nodes; everything else takes the fast path when it applies.
  const fast = scanScalars ? undefined : fastCompose(rawText);
  if (fast) return fromFastDocuments(fileId, rawText, fast, limits);
  // A BOM is one UTF-16 unit; `yaml` skips it and keeps offsets relative to the full text.
  let docs: Document.Parsed[];
  try {
    docs = parseAllDocuments(rawText, { ...YAML_PARSE_OPTIONS, lineCounter: new LineCounter() }) as Document.Parsed[];
  } catch (e) {
    problems.push({ fileId, ruleId: 'yaml-syntax', message: `cannot parse: ${firstLine((e as Error).message)}`, range: [0, 0] });
    return { documents, problems };
  }
  if (!Array.isArray(docs)) docs = [docs as unknown as Document.Parsed]; // EmptyStream
  const lastContent = Math.max(0, rawText.trimEnd().length - 1);
  let nextStar = rawText.indexOf('*');
  let sliceStart = 0;
  for (let index = 0; index < docs.length; index++) {
    const doc = docs[index];
    const sliceEnd = doc.range[2];
    const contentStart = doc.contents?.range?.[0] ?? doc.range[0];
    const span: DocumentSpan = { fileId, sliceStart, sliceEnd, contentStart, index };
    const start = sliceStart;
    sliceStart = sliceEnd;
    if (index >= limits.maxDocuments) {
      problems.push(tooManyDocuments(fileId, docs.length, limits, contentStart));
      break;
    }

    let fatal = false;
    for (const err of doc.errors) {
      const tab = tabProblem(fileId, err);
      if (tab) {
        fatal = true;
        problems.push(tab);
      } else if (err.code === 'DUPLICATE_KEY') {
        problems.push({ fileId, ruleId: 'yaml-duplicate-key', message: `duplicate key: ${firstLine(err.message)}`, range: [err.pos[0], err.pos[1]] });
      } else if (err.code === 'RESOURCE_EXHAUSTION') {
        fatal = true;
        problems.push({
          fileId,
          ruleId: LIMIT_RULE,
          message: `Document ${index + 1} is nested too deeply to be parsed (${firstLine(err.message)}); it was not linted`,
          range: [err.pos[0], err.pos[1]],
        });
      } else {
        fatal = true;
        // Errors found at the end of input (an unclosed bracket or quote) point at the last real character.
        const at = Math.min(err.pos[0], lastContent);
        problems.push({ fileId, ruleId: 'yaml-syntax', message: firstLine(err.message), range: [at, Math.max(at, Math.min(err.pos[1], lastContent + 1))] });
      }
    }
    if (fatal) continue; // a broken document is reported, never half-linted
    if (scanScalars) problems.push(...findScalarTraps(fileId, rawText, doc));
    for (const w of doc.warnings) {
      if (w.code !== 'TAG_RESOLVE_FAILED') continue;
      const tag = w.message.replace(/^Unresolved tag:\s*/, '').split('\n')[0];
      if (!EXECUTABLE_TAG.test(tag)) continue;
      problems.push({
        fileId,
        ruleId: UNSAFE_TAG_RULE,
        message: `Tag ${shortTag(tag)} asks YAML loaders that support it to construct a language object or run code; mesh-lint and Kubernetes read the value as plain data, so this is either an attack or a mistake`,
        range: [w.pos[0], w.pos[1]],
      });
    }
    let value: unknown;
    try {
      value = doc.toJS({ maxAliasCount: limits.maxAliasCount });
    } catch (e) {
      const msg = firstLine((e as Error).message);
      const aliasBomb = /alias count/i.test(msg);
      problems.push({
        fileId,
        ruleId: aliasBomb ? LIMIT_RULE : 'yaml-syntax',
        message: aliasBomb
          ? `Document ${index + 1} expands its aliases more than the limit of ${limits.maxAliasCount} times (an alias bomb?); it was not linted (raise it with --limit aliases=N)`
          : msg,
        range: [contentStart, contentStart],
      });
      continue;
    }
    // Only a document holding a `*` can hold an alias, hence a cycle (linear: starts only grow).
    if (nextStar !== -1 && nextStar < start) nextStar = rawText.indexOf('*', start);
    acceptDocument(rawText, span, start, value, nextStar !== -1 && nextStar < sliceEnd, limits, documents, problems);
  }
  return { documents, problems, ...(isJsonSafe(rawText) ? { jsonSafe: true } : {}) };
}

function isJsonSafe(rawText: string): boolean {
  return rawText.indexOf('*') === -1 && !/\.(?:inf|nan)\b/i.test(rawText);
}

/** Documents from the fast path (fast-compose.ts): no errors, warnings or aliases by construction. */
function fromFastDocuments(fileId: number, rawText: string, fast: FastDocument[], limits: ParseLimits): ParseResult {
  const documents: ParsedDocument[] = [];
  const problems: ParseProblem[] = [];
  let sliceStart = 0;
  for (let index = 0; index < fast.length; index++) {
    const { contentStart, end: sliceEnd, value } = fast[index];
    const span: DocumentSpan = { fileId, sliceStart, sliceEnd, contentStart, index };
    const start = sliceStart;
    sliceStart = sliceEnd;
    if (index >= limits.maxDocuments) {
      problems.push(tooManyDocuments(fileId, fast.length, limits, contentStart));
      break;
    }
    acceptDocument(rawText, span, start, value, false, limits, documents, problems);
  }
  return { documents, problems, ...(isJsonSafe(rawText) ? { jsonSafe: true } : {}) };
}

function tooManyDocuments(fileId: number, count: number, limits: ParseLimits, at: number): ParseProblem {
  return {
    fileId,
    ruleId: LIMIT_RULE,
    message: `File holds ${count} documents, more than the limit of ${limits.maxDocuments}; documents after number ${limits.maxDocuments} were not linted (raise it with --limit documents=N)`,
    range: [at, at],
  };
}

/** Keeps a document's plain value, unless it is not a collection or is over the depth limit. */
function acceptDocument(rawText: string, span: DocumentSpan, start: number, value: unknown, mayHaveAliases: boolean, limits: ParseLimits, documents: ParsedDocument[], problems: ParseProblem[]): void {
  if (value === null || typeof value !== 'object') return; // comment-only, `---` or scalar documents
  const depth = checkDepth(value, limits.maxDepth, mayHaveAliases);
  if (depth.kind !== 'ok') {
    problems.push({
      fileId: span.fileId,
      ruleId: LIMIT_RULE,
      message:
        depth.kind === 'deep'
          ? `Document ${span.index + 1} nests mappings and sequences more than ${limits.maxDepth} levels deep; it was not linted (raise it with --limit depth=N)`
          : `Document ${span.index + 1} contains a recursive alias (a value that contains itself); it was not linted`,
      range: locateSafely(rawText, span, depth.path),
    });
    return;
  }
  // Per-document checks that need the plain value go here (they run in the parse workers).
  const header = rawText.slice(start, span.contentStart);
  const helm = header.includes('Source:') ? HELM_SOURCE.exec(header)?.[1] : undefined;
  const conversionKeys = CONVERSION_KEY.test(rawText.slice(start, span.sliceEnd));
  documents.push({ span, value, ...(helm ? { helmSource: helm } : {}), ...(conversionKeys ? { conversionKeys } : {}) });
}

export function isObject(v: unknown): v is JsonObject {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}
