// One file through the parse stage: read safely, then parse. Used in-process and by the workers.
import { readSourceChecked } from '../input/read.js';
import type { SourceFile } from '../input/sources.js';
import { parseSource, type ParseLimits, type ParsedDocument, type ParseProblem } from './parse.js';

/** What crosses from a parse worker to the main thread: plain data only, no yaml nodes. */
export interface FileResult {
  fileId: number;
  documents: ParsedDocument[];
  problems: ParseProblem[];
  /** The file must not be read again to locate findings (too large, binary, unreadable). */
  textless?: boolean;
  /** The file could not be read at all: why (reported as a skip). */
  skipped?: string;
  /** See ParseResult.jsonSafe. */
  jsonSafe?: boolean;
  /** The text holds an inline suppression comment (read again later, only for such files). */
  hasSuppressionComments?: boolean;
}

/** Marks inline suppression comments (`# mesh-lint-disable-next-line`, `-file`). */
export const SUPPRESSION_MARK = 'mesh-lint-disable-';

/** The part of a SourceFile a worker needs. */
export type FileTask = Pick<SourceFile, 'id' | 'absPath' | 'text' | 'displayPath'>;

export function parseFile(file: FileTask, limits: ParseLimits): FileResult {
  try {
    const read = readSourceChecked(file, limits.maxFileBytes);
    if (read.skip !== undefined) return { fileId: file.id, documents: [], problems: [], textless: true, skipped: read.skip };
    if (read.problem) {
      return { fileId: file.id, documents: [], problems: [{ fileId: file.id, ...read.problem }], ...(read.textless ? { textless: true } : {}) };
    }
    return {
      fileId: file.id,
      ...parseSource(file.id, read.text, limits),
      ...(read.text.includes(SUPPRESSION_MARK) ? { hasSuppressionComments: true } : {}),
    };
  } catch (e) {
    // Last line of defence: one file never stops the run.
    const err = e as Error;
    return {
      fileId: file.id,
      documents: [],
      problems: [{ fileId: file.id, ruleId: 'yaml-syntax', message: `cannot parse: ${err instanceof RangeError ? 'input too deeply nested' : (err.message ?? String(e)).split('\n')[0]}`, range: [0, 0] }],
    };
  }
}
