// Input stage: turn command-line paths into a sorted list of source files.
import { lstatSync, readdirSync, readFileSync, realpathSync, statSync, type Stats } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';

export interface SourceFile {
  id: number;
  /** Path as reported: as given on the command line (relative stays relative), `/` separators. */
  displayPath: string;
  /** Absolute path on disk; undefined for stdin. */
  absPath?: string;
  /** Text held in memory (stdin); files are read on demand. */
  text?: string;
}

export interface InputProblem {
  path: string;
  message: string;
}

export interface DiscoverResult {
  files: SourceFile[];
  /** Paths that could not be read at all: usage errors (exit 2). */
  missing: InputProblem[];
  /** Entries skipped on the way with a reason (symlink loops, special files, unreadable). */
  skipped: InputProblem[];
}

const MANIFEST_EXTENSIONS = ['.yaml', '.yml', '.json'];
const SKIPPED_DIRS = new Set(['.git', 'node_modules']);

export function isManifestFile(name: string): boolean {
  const lower = name.toLowerCase();
  return MANIFEST_EXTENSIONS.some((ext) => lower.endsWith(ext));
}

function toDisplay(p: string): string {
  return sep === '/' ? p : p.split(sep).join('/');
}

/**
 * Expands files and folders (recursively) into manifest files. `-` means stdin and is
 * returned with its text. The result is sorted by display path so that argument order
 * never changes the report.
 */
export function discoverSources(paths: string[], readStdin: () => string, stdinPath = '<stdin>'): DiscoverResult {
  const missing: InputProblem[] = [];
  const skipped: InputProblem[] = [];
  const found = new Map<string, Omit<SourceFile, 'id'>>();
  const visitedDirs = new Set<string>();

  const addFile = (display: string, abs: string) => {
    let real = abs;
    try {
      real = realpathSync(abs);
    } catch {
      /* keep abs */
    }
    if (!found.has(real)) found.set(real, { displayPath: toDisplay(display), absPath: abs });
  };

  const walk = (displayDir: string, absDir: string, roots: string) => {
    let real: string;
    try {
      real = realpathSync(absDir);
    } catch {
      skipped.push({ path: toDisplay(displayDir), message: 'cannot resolve folder' });
      return;
    }
    if (visitedDirs.has(real)) return; // symlink loop or folder given twice
    if (!real.startsWith(roots)) {
      skipped.push({ path: toDisplay(displayDir), message: 'symbolic link leads outside the given folder: not followed' });
      return;
    }
    visitedDirs.add(real);
    let entries: string[];
    try {
      entries = readdirSync(absDir).sort();
    } catch (e) {
      skipped.push({ path: toDisplay(displayDir), message: `cannot read folder: ${(e as Error).message}` });
      return;
    }
    for (const name of entries) {
      if (SKIPPED_DIRS.has(name)) continue;
      const abs = join(absDir, name);
      const display = displayDir === '.' ? name : join(displayDir, name);
      let st: Stats;
      try {
        st = statSync(abs); // follows links
      } catch {
        if (isManifestFile(name)) skipped.push({ path: toDisplay(display), message: 'broken symbolic link or unreadable entry' });
        continue;
      }
      if (st.isDirectory()) walk(display, abs, roots);
      else if (st.isFile() && isManifestFile(name)) addFile(display, abs);
      // FIFOs, sockets and devices are never opened.
    }
  };

  let stdinText: string | undefined;
  for (const p of paths) {
    if (p === '-') {
      if (stdinText === undefined) stdinText = readStdin();
      continue;
    }
    const abs = resolve(p);
    let st: Stats;
    try {
      st = statSync(abs);
      lstatSync(abs);
    } catch {
      missing.push({ path: p, message: 'no such file or folder' });
      continue;
    }
    if (st.isDirectory()) {
      let root = abs;
      try {
        root = realpathSync(abs);
      } catch {
        /* keep */
      }
      walk(p.replace(/[\\/]+$/, '') || p, abs, root);
    } else if (st.isFile()) {
      addFile(p, abs);
    } else {
      skipped.push({ path: p, message: 'not a regular file: not read' });
    }
  }

  const sorted = [...found.values()].sort((a, b) => (a.displayPath < b.displayPath ? -1 : a.displayPath > b.displayPath ? 1 : 0));
  const files: SourceFile[] = sorted.map((f, i) => ({ id: i, ...f }));
  if (stdinText !== undefined) files.push({ id: files.length, displayPath: toDisplay(stdinPath), text: stdinText });
  return { files, missing, skipped };
}

/** Reads a source's text; stdin text is held, files are read from disk. */
export function readSourceText(file: SourceFile): string {
  if (file.text !== undefined) return file.text;
  return readFileSync(file.absPath!, 'utf8');
}

export function relativeDisplay(abs: string, cwd = process.cwd()): string {
  return toDisplay(relative(cwd, abs));
}
