// Parse stage: YAML/JSON text → plain documents with their spans. Documents are not kept:
// a finding's position is recovered later by re-parsing only its document (see locate.ts).
import { LineCounter, parseAllDocuments, type Document } from 'yaml';
import type { DocumentSpan, JsonObject, OffsetRange } from '../model/types.js';
import { findScalarTraps, findUnrenderedHelm, mayHaveScalarTraps, tabProblem } from './traps.js';

export interface ParsedDocument {
  span: DocumentSpan;
  value: unknown;
  /** `# Source: chart/templates/x.yaml` header written by `helm template`. */
  helmSource?: string;
}

export interface ParseProblem {
  fileId: number;
  /** Built-in rule that reports it: `yaml-syntax` and friends. */
  ruleId: string;
  message: string;
  range: OffsetRange;
}

export interface ParseLimits {
  /** Maximum alias expansions per document (alias bombs). */
  maxAliasCount: number;
}

export const DEFAULT_PARSE_LIMITS: ParseLimits = { maxAliasCount: 10_000 };

export interface ParseResult {
  documents: ParsedDocument[];
  problems: ParseProblem[];
}

export const YAML_PARSE_OPTIONS = { merge: true, prettyErrors: false } as const;

const HELM_SOURCE = /^#\s*Source:\s*(\S.*?)\s*$/m;

/** First line of a yaml error message: the rest is a code excerpt. */
function firstLine(message: string): string {
  const nl = message.indexOf('\n');
  const line = nl < 0 ? message : message.slice(0, nl);
  return line.replace(/ at line \d+, column \d+:?$/, '');
}

export function parseSource(fileId: number, rawText: string, limits: ParseLimits = DEFAULT_PARSE_LIMITS): ParseResult {
  const documents: ParsedDocument[] = [];
  const problems: ParseProblem[] = [];
  const helm = findUnrenderedHelm(fileId, rawText); // YAML traps (traps.ts): one finding, no cascade
  if (helm) return { documents, problems: [helm] };
  const scanScalars = mayHaveScalarTraps(rawText);
  // A BOM is one UTF-16 unit; `yaml` skips it and keeps offsets relative to the full text.
  let docs: Document.Parsed[];
  try {
    docs = parseAllDocuments(rawText, { ...YAML_PARSE_OPTIONS, lineCounter: new LineCounter() }) as Document.Parsed[];
  } catch (e) {
    problems.push({ fileId, ruleId: 'yaml-syntax', message: `cannot parse: ${(e as Error).message}`, range: [0, 0] });
    return { documents, problems };
  }
  if (!Array.isArray(docs)) docs = [docs as unknown as Document.Parsed]; // EmptyStream
  const lastContent = Math.max(0, rawText.trimEnd().length - 1);
  let sliceStart = 0;
  docs.forEach((doc, index) => {
    const sliceEnd = doc.range[2];
    const contentStart = doc.contents?.range?.[0] ?? doc.range[0];
    const span: DocumentSpan = { fileId, sliceStart, sliceEnd, contentStart, index };
    const start = sliceStart;
    sliceStart = sliceEnd;

    let fatal = false;
    for (const err of doc.errors) {
      const tab = tabProblem(fileId, err);
      if (tab) {
        fatal = true;
        problems.push(tab);
      } else if (err.code === 'DUPLICATE_KEY') {
        problems.push({ fileId, ruleId: 'yaml-duplicate-key', message: `duplicate key: ${firstLine(err.message)}`, range: [err.pos[0], err.pos[1]] });
      } else {
        fatal = true;
        // Errors found at the end of input (an unclosed bracket or quote) point at the last real character.
        const at = Math.min(err.pos[0], lastContent);
        problems.push({ fileId, ruleId: 'yaml-syntax', message: firstLine(err.message), range: [at, Math.max(at, Math.min(err.pos[1], lastContent + 1))] });
      }
    }
    if (fatal) return; // a broken document is reported, never half-linted
    if (scanScalars) problems.push(...findScalarTraps(fileId, rawText, doc));
    let value: unknown;
    try {
      value = doc.toJS({ maxAliasCount: limits.maxAliasCount });
    } catch (e) {
      problems.push({ fileId, ruleId: 'yaml-syntax', message: firstLine((e as Error).message), range: [contentStart, contentStart] });
      return;
    }
    if (value === null || typeof value !== 'object') return; // comment-only, `---` or scalar documents
    const header = rawText.slice(start, contentStart);
    const helm = header.includes('Source:') ? HELM_SOURCE.exec(header)?.[1] : undefined;
    documents.push({ span, value, ...(helm ? { helmSource: helm } : {}) });
  });
  return { documents, problems };
}

export function isObject(v: unknown): v is JsonObject {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}
