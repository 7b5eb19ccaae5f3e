// Input stage: turn command-line paths into a sorted list of source files.
import { lstatSync, readdirSync, readFileSync, realpathSync, statSync, type Dirent, type Stats } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';

export interface SourceFile {
  id: number;
  /** Path as reported: as given on the command line (relative stays relative), `/` separators. */
  displayPath: string;
  /** Absolute path on disk; undefined for stdin. */
  absPath?: string;
  /** Text held in memory (stdin); files are read on demand. */
  text?: string;
  /** Size in bytes as seen at discovery (scheduling of the parse pool). */
  size?: number;
  /** Set when the file must not be read again (over the size limit, binary, unreadable). */
  textless?: boolean;
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
  /** Real paths of the folders being walked, to tell a symlink loop from a folder seen twice. */
  const ancestors = new Set<string>();

  /** One entry per real file; reached twice (overlapping arguments, links), the smallest display
   *  path wins, so the order of the arguments never changes the report. */
  const keep = (real: string, file: Omit<SourceFile, 'id'>) => {
    const prev = found.get(real);
    if (!prev || file.displayPath < prev.displayPath) found.set(real, file);
  };

  const inside = (real: string, root: string) => real === root || real.startsWith(root.endsWith(sep) ? root : root + sep);

  const addFile = (display: string, abs: string, size: number, root?: string) => {
    let real = abs;
    try {
      real = realpathSync(abs);
    } catch {
      /* keep abs */
    }
    if (root !== undefined && !inside(real, root)) {
      skipped.push({ path: toDisplay(display), message: 'symbolic link leads outside the given folder: not followed' });
      return;
    }
    keep(real, { displayPath: toDisplay(display), absPath: abs, size });
  };

  const walk = (displayDir: string, absDir: string, roots: string) => {
    let real: string;
    try {
      real = realpathSync(absDir);
    } catch {
      skipped.push({ path: toDisplay(displayDir), message: 'cannot resolve folder' });
      return;
    }
    if (ancestors.has(real)) {
      skipped.push({ path: toDisplay(displayDir), message: 'symbolic link loop: not followed' });
      return;
    }
    if (visitedDirs.has(real)) return; // the same folder reached twice: its files are already in
    if (!inside(real, roots)) {
      skipped.push({ path: toDisplay(displayDir), message: 'symbolic link leads outside the given folder: not followed' });
      return;
    }
    visitedDirs.add(real);
    let entries: Dirent[];
    try {
      entries = readdirSync(absDir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    } catch (e) {
      skipped.push({ path: toDisplay(displayDir), message: `cannot read folder: ${(e as Error).message}` });
      return;
    }
    ancestors.add(real);
    for (const entry of entries) {
      const name = entry.name;
      if (SKIPPED_DIRS.has(name)) continue;
      const abs = join(absDir, name);
      const display = displayDir === '.' ? name : join(displayDir, name);
      if (entry.isFile()) {
        // A plain file inside a real folder: its real path is known without resolving links.
        if (!isManifestFile(name)) continue;
        let size = 0;
        try {
          size = statSync(abs).size;
        } catch {
          /* vanished: reported when read */
        }
        const realFile = join(real, name);
        keep(realFile, { displayPath: toDisplay(display), absPath: abs, size });
        continue;
      }
      if (entry.isDirectory()) {
        walk(display, abs, roots);
        continue;
      }
      if (!entry.isSymbolicLink()) {
        // FIFOs, sockets and devices are never opened.
        if (isManifestFile(name)) skipped.push({ path: toDisplay(display), message: 'not a regular file (FIFO, socket or device): not opened' });
        continue;
      }
      let st: Stats;
      try {
        st = statSync(abs); // follows links
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        if (code === 'ELOOP') skipped.push({ path: toDisplay(display), message: 'symbolic link loop: not followed' });
        else if (isManifestFile(name)) skipped.push({ path: toDisplay(display), message: 'broken symbolic link or unreadable entry' });
        continue;
      }
      if (st.isDirectory()) walk(display, abs, roots);
      else if (isManifestFile(name)) {
        if (st.isFile()) addFile(display, abs, st.size, roots);
        else skipped.push({ path: toDisplay(display), message: 'not a regular file (FIFO, socket or device): not opened' });
      }
    }
    ancestors.delete(real);
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
      addFile(p, abs, st.size);
    } else {
      skipped.push({ path: p, message: 'not a regular file: not read' });
    }
  }

  const sorted = [...found.values()].sort((a, b) => (a.displayPath < b.displayPath ? -1 : a.displayPath > b.displayPath ? 1 : 0));
  const files: SourceFile[] = sorted.map((f, i) => ({ id: i, ...f }));
  if (stdinText !== undefined) files.push({ id: files.length, displayPath: toDisplay(stdinPath), text: stdinText, size: stdinText.length });
  return { files, missing, skipped };
}

/** Reads a source's text; stdin text is held, files are read from disk. Throws for textless files. */
export function readSourceText(file: SourceFile): string {
  if (file.text !== undefined) return file.text;
  if (file.textless) throw new Error(`${file.displayPath} is not read again (too large, binary or unreadable)`);
  return readFileSync(file.absPath!, 'utf8');
}

export function relativeDisplay(abs: string, cwd = process.cwd()): string {
  return toDisplay(relative(cwd, abs));
}
