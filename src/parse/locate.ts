// Turns a JSON path inside a document into a source range, by re-parsing only that
// document's slice of text. Rules report paths; positions are worked out here, once per
// document that has findings.
import { isAlias, isCollection, isMap, isPair, isScalar, isSeq, parseDocument, type Document, type Node } from 'yaml';
import type { DocumentSpan, OffsetRange, Path } from '../model/types.js';
import { YAML_PARSE_OPTIONS } from './parse.js';

export interface LocateOptions {
  /** Point at the key of the last path element instead of its value (unknown fields, duplicates). */
  at?: 'key' | 'value';
}

/** Offsets of line starts, for offset → (line, column) conversion in UTF-16 units. */
export class LineIndex {
  private readonly starts: number[] = [0];
  constructor(readonly text: string) {
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) this.starts.push(i + 1);
  }
  /** 1-based line and column of an offset. */
  position(offset: number): { line: number; column: number } {
    const o = Math.max(0, Math.min(offset, this.text.length));
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= o) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: o - this.starts[lo] + 1 };
  }
  /** Offset of the end of the line holding `offset` (before `\r\n`). */
  lineEnd(offset: number): number {
    let e = this.text.indexOf('\n', offset);
    if (e < 0) e = this.text.length;
    if (e > 0 && this.text[e - 1] === '\r') e--;
    return e;
  }
  lineText(line: number): string {
    const start = this.starts[line - 1] ?? this.text.length;
    return this.text.slice(start, this.lineEnd(start));
  }
  get lineCount(): number {
    return this.starts.length;
  }
}

/** A parsed document slice kept only while findings are being located. */
export class DocumentLocator {
  private readonly doc: Document.Parsed;
  constructor(
    private readonly text: string,
    private readonly span: DocumentSpan,
  ) {
    this.doc = parseDocument(text.slice(span.sliceStart, span.sliceEnd), YAML_PARSE_OPTIONS);
  }

  /** Range of the node at `path`, or of its closest existing ancestor. */
  locate(path: Path, opts: LocateOptions = {}): OffsetRange {
    const base = this.span.sliceStart;
    let node: unknown = this.doc.contents;
    let keyRange: OffsetRange | undefined;
    let reached = 0;
    for (const seg of path) {
      node = this.deref(node);
      let next: unknown;
      let nextKey: OffsetRange | undefined;
      if (isMap(node)) {
        for (const pair of node.items) {
          if (!isPair(pair)) continue;
          const k = pair.key;
          const kv = isScalar(k) ? k.value : k;
          if (kv !== null && kv !== undefined && String(kv) === String(seg)) {
            next = pair.value ?? null;
            nextKey = isScalar(k) && k.range ? [k.range[0], k.range[1]] : undefined;
          }
        }
      } else if (isSeq(node) && typeof seg === 'number') {
        next = node.items[seg];
      }
      if (next === undefined) break;
      node = next;
      keyRange = nextKey;
      reached++;
    }
    const exact = reached === path.length;
    const resolved = this.deref(node) as Node | null;
    let range: OffsetRange;
    if (keyRange && (opts.at === 'key' || !exact || !resolved || isCollection(resolved))) {
      range = keyRange;
    } else if (resolved && (resolved as Node).range) {
      const r = (resolved as Node).range!;
      range = [r[0], r[1]];
      if (isCollection(resolved)) range = this.firstLine(range);
    } else if (keyRange) {
      range = keyRange;
    } else {
      const r = this.doc.contents?.range;
      range = r ? this.firstLine([r[0], r[1]]) : [0, 0];
    }
    return [range[0] + base, range[1] + base];
  }

  private deref(node: unknown): unknown {
    if (isAlias(node)) return node.resolve(this.doc) ?? node;
    return node;
  }

  /** Clip a multi-line range to its first line, trimming trailing blanks. */
  private firstLine(range: OffsetRange): OffsetRange {
    const slice = this.text.slice(this.span.sliceStart + range[0], this.span.sliceStart + range[1]);
    const nl = slice.search(/\r?\n/);
    let end = nl < 0 ? range[1] : range[0] + nl;
    while (end > range[0] && /\s/.test(this.text[this.span.sliceStart + end - 1] ?? '')) end--;
    return [range[0], Math.max(end, range[0] + 1)];
  }
}
