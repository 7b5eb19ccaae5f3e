// Locating in bulk: the paths of one document, resolved from one re-parse of its slice. Runs in
// the parse workers (pool.ts) or in-process; pure apart from reading the file.
import { readFileSync } from 'node:fs';
import type { DocumentSpan, OffsetRange, Path } from '../model/types.js';
import type { FileTask } from './file.js';
import { DocumentLocator } from './locate.js';

export interface LocateRequest {
  file: FileTask;
  span: DocumentSpan;
  targets: Array<{ path: Path; at?: 'key' | 'value' }>;
}

/** File ranges of the request's targets; undefined when the file can no longer be read. */
export function locateInDocument(req: LocateRequest): OffsetRange[] | undefined {
  let text: string;
  try {
    text = req.file.text ?? readFileSync(req.file.absPath!, 'utf8');
  } catch {
    return undefined;
  }
  try {
    const locator = new DocumentLocator(text, req.span);
    return req.targets.map((t) => locator.locate(t.path, t.at ? { at: t.at } : {}));
  } catch {
    return undefined;
  }
}
