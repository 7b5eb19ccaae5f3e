// Reading one source file safely: never opens anything but a regular file, never reads more
// than the size limit, and classifies what is not text (NUL bytes, invalid UTF-8) up front.
import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import { isUtf8 } from 'node:buffer';
import type { OffsetRange } from '../model/types.js';
import type { SourceFile } from './sources.js';

export interface ReadProblem {
  ruleId: 'input-limit-exceeded' | 'input-not-text';
  message: string;
  range: OffsetRange;
}

export type ReadOutcome =
  | { text: string; problem?: undefined; skip?: undefined }
  /** `textless`: the file must not be read again to locate the finding (too big or binary). */
  | { text?: undefined; problem: ReadProblem; textless: boolean; skip?: undefined }
  /** Could not be read at all (permissions, vanished, not a regular file): a reported skip. */
  | { text?: undefined; problem?: undefined; skip: string };

const O_NONBLOCK = constants.O_NONBLOCK ?? 0;

function describeBytes(n: number): string {
  return n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MiB` : `${n} bytes`;
}

/** Classifies decoded text or raw bytes; returns the text when it is fit to parse. */
export function checkText(buf: Buffer | undefined, text: string | undefined): ReadOutcome {
  if (buf) {
    const nul = buf.indexOf(0);
    if (nul >= 0) {
      const utf16 = buf.length >= 2 && ((buf[0] === 0xff && buf[1] === 0xfe) || (buf[0] === 0xfe && buf[1] === 0xff));
      return {
        problem: {
          ruleId: 'input-not-text',
          message: utf16
            ? 'File is encoded as UTF-16; Kubernetes manifests must be UTF-8. It was not linted'
            : `File contains a NUL byte at byte ${nul}: it is binary, not YAML or JSON. It was not linted`,
          range: [0, 0],
        },
        textless: true,
      };
    }
    const decoded = buf.toString('utf8');
    // Invalid bytes decode to U+FFFD; only then is the (rarer) exact check worth a pass.
    if (decoded.includes('\uFFFD') && !isUtf8(buf)) {
      const at = Math.max(0, decoded.indexOf('\uFFFD'));
      return {
        problem: { ruleId: 'input-not-text', message: 'File is not valid UTF-8 (first invalid byte here); YAML parsers reject it. It was not linted', range: [at, at + 1] },
        textless: false,
      };
    }
    return { text: decoded };
  }
  const t = text ?? '';
  const nul = t.indexOf('\0');
  if (nul >= 0) {
    return { problem: { ruleId: 'input-not-text', message: `Input contains a NUL character at offset ${nul}: it is binary, not YAML or JSON. It was not linted`, range: [0, 0] }, textless: true };
  }
  return { text: t };
}

/** Reads a source file within the size limit. Never blocks on FIFOs or devices. */
export function readSourceChecked(file: SourceFile, maxFileBytes: number): ReadOutcome {
  if (file.text !== undefined) {
    if (file.text.length > maxFileBytes) {
      return {
        problem: { ruleId: 'input-limit-exceeded', message: `Input is larger than the file size limit of ${describeBytes(maxFileBytes)}; it was not linted (raise it with --limit file-bytes=N)`, range: [0, 0] },
        textless: true,
      };
    }
    return checkText(undefined, file.text);
  }
  let fd: number;
  try {
    fd = openSync(file.absPath!, constants.O_RDONLY | O_NONBLOCK);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? (e as Error).message;
    return { skip: `cannot read file: ${code}` };
  }
  try {
    const st = fstatSync(fd);
    if (!st.isFile()) {
      return { skip: 'not a regular file (FIFO, socket or device): not read' };
    }
    if (st.size > maxFileBytes) {
      return {
        problem: {
          ruleId: 'input-limit-exceeded',
          message: `File is ${describeBytes(st.size)}, larger than the file size limit of ${describeBytes(maxFileBytes)}; it was not linted (raise it with --limit file-bytes=N)`,
          range: [0, 0],
        },
        textless: true,
      };
    }
    // Read the size fstat gave (one read call, as readFileSync does); a file growing meanwhile
    // is cut there, so it cannot blow memory either.
    const buf = Buffer.allocUnsafe(st.size);
    let n = 0;
    while (n < buf.length) {
      const r = readSync(fd, buf, n, buf.length - n, null);
      if (r === 0) break;
      n += r;
    }
    return checkText(buf.subarray(0, n), undefined);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? (e as Error).message;
    return { skip: `cannot read file: ${code}` };
  } finally {
    closeSync(fd);
  }
}
