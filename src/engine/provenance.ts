// Provenance of rendered input: `helm template … | mesh-lint -` writes `# Source: chart/templates/x.yaml`
// before each document (captured by the parser in `origin.sourceFile`); `kustomize build` with
// `buildMetadata: [originAnnotations]` adds the `config.kubernetes.io/origin` annotation
// (`path: base/deployment.yaml`). Findings on such stdin documents are reported in that file:
// at the line where the field's key is found in it when the file exists, else on its first line.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { isAbsolute, join, normalize } from 'node:path';
import { parse } from 'yaml';
import type { Location, Path, Resource } from '../model/types.js';

export const KUSTOMIZE_ORIGIN = 'config.kubernetes.io/origin';

/** The source file a rendered resource came from, as written by Helm or kustomize. */
export function renderedSource(resource: Resource): string | undefined {
  if (resource.origin.sourceFile) return resource.origin.sourceFile;
  const origin = resource.annotations[KUSTOMIZE_ORIGIN];
  if (!origin) return undefined;
  try {
    // `path` for resources read from a file; generated ones (configMapGenerator, helmCharts)
    // name the kustomization that configured them in `configuredIn`.
    const v = parse(origin) as { path?: unknown; configuredIn?: unknown } | null;
    if (v && typeof v === 'object') {
      if (typeof v.path === 'string' && v.path) return v.path;
      if (typeof v.configuredIn === 'string' && v.configuredIn) return v.configuredIn;
    }
  } catch {
    /* not YAML: no provenance */
  }
  return undefined;
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Where the key of `path` is written in a (possibly templated) source file, found by indentation
 * rather than parsing, since Helm templates are not YAML. Returns the deepest key found.
 */
export function findKeyPosition(text: string, path: Path): { line: number; column: number; endColumn: number } | undefined {
  const lines = text.split(/\r?\n/);
  const indentOf = (l: string) => l.length - l.trimStart().length;
  const contentCol = (l: string) => /^(\s*(?:-\s+)*)/.exec(l)![1].length;
  const ignorable = (l: string) => {
    const t = l.trim();
    return t === '' || t.startsWith('#') || t.startsWith('{{');
  };
  let from = 0;
  let parentIndent = -1;
  let afterItem = false;
  let best: { line: number; column: number; endColumn: number } | undefined;
  for (const seg of path) {
    let found = -1;
    if (typeof seg === 'number') {
      let count = -1;
      let itemIndent = -1;
      for (let i = afterItem ? from : from; i < lines.length; i++) {
        const l = lines[i];
        if (ignorable(l)) continue;
        const ind = indentOf(l);
        const dash = /^\s*-(\s|$)/.test(l);
        // A list may sit at its key's indentation (`key:\n- a`).
        if (ind < parentIndent || (ind === parentIndent && !dash)) break;
        if (!dash || (itemIndent >= 0 && ind !== itemIndent)) continue;
        itemIndent = ind;
        if (++count === seg) {
          found = i;
          break;
        }
      }
      if (found < 0) break;
      parentIndent = indentOf(lines[found]);
      from = found;
      afterItem = true;
      best = { line: found + 1, column: parentIndent + 1, endColumn: lines[found].trimEnd().length + 1 };
      continue;
    }
    const re = new RegExp(`^(\\s*(?:-\\s+)*)(["']?)${escapeRe(String(seg))}\\2\\s*:(\\s|$)`);
    let childIndent = -1;
    for (let i = from; i < lines.length; i++) {
      const l = lines[i];
      if (ignorable(l)) continue;
      const itemLine = afterItem && i === from;
      if (indentOf(l) <= parentIndent && !itemLine) break;
      const col = itemLine ? contentCol(l) : indentOf(l);
      if (childIndent < 0) childIndent = col;
      if (col !== childIndent) continue;
      const m = re.exec(l);
      if (m && contentCol(l) === childIndent) {
        found = i;
        break;
      }
    }
    if (found < 0) break;
    const l = lines[found];
    parentIndent = contentCol(l);
    from = found + 1;
    afterItem = false;
    best = { line: found + 1, column: parentIndent + 1, endColumn: l.trimEnd().length + 1 };
  }
  return best;
}

/**
 * The document of a multi-document source that a resource came from: the one declaring its kind
 * and, when several do, the one whose `name:` is written literally. Returns the document's lines
 * and the number of lines before it; the whole text when it cannot tell.
 */
export function documentOf(text: string, kind: string, name: string): { lines: string[]; offset: number } {
  const all = text.split(/\r?\n/);
  const docs: Array<{ start: number; end: number }> = [];
  let start = 0;
  all.forEach((l, i) => {
    if (/^---(\s|$)/.test(l)) {
      docs.push({ start, end: i });
      start = i + 1;
    }
  });
  docs.push({ start, end: all.length });
  if (docs.length === 1) return { lines: all, offset: 0 };
  const kindRe = new RegExp(`^kind:\\s*["']?${escapeRe(kind)}["']?\\s*(#.*)?$`);
  const nameRe = new RegExp(`^\\s+name:\\s*["']?${escapeRe(name)}["']?\\s*(#.*)?$`);
  const ofKind = docs.filter((d) => all.slice(d.start, d.end).some((l) => kindRe.test(l)));
  const pick = ofKind.find((d) => all.slice(d.start, d.end).some((l) => nameRe.test(l))) ?? (ofKind.length === 1 ? ofKind[0] : undefined);
  if (!pick) return { lines: all, offset: 0 };
  return { lines: all.slice(pick.start, pick.end), offset: pick.start };
}

const SKIP_DIRS = new Set(['.git', 'node_modules']);
let dirsCache: { cwd: string; dirs: string[] } | undefined;

/** Folders one and two levels below the working directory (where charts and bases usually sit). */
function searchDirs(): string[] {
  const cwd = process.cwd();
  if (dirsCache?.cwd === cwd) return dirsCache.dirs;
  const list = (d: string) => {
    try {
      return readdirSync(d, { withFileTypes: true })
        .filter((e) => e.isDirectory() && !SKIP_DIRS.has(e.name) && !e.name.startsWith('.'))
        .map((e) => (d === '.' ? e.name : join(d, e.name)))
        .sort();
    } catch {
      return [];
    }
  };
  const first = list('.');
  const dirs = [...first, ...first.flatMap(list)];
  dirsCache = { cwd, dirs };
  return dirs;
}

export class ProvenanceMapper {
  private readonly texts = new Map<string, string | null>();
  constructor(private readonly sourceRoot?: string) {}

  private text(display: string): string | null {
    let t = this.texts.get(display);
    if (t === undefined) {
      try {
        t = existsSync(display) ? readFileSync(display, 'utf8') : null;
      } catch {
        t = null;
      }
      this.texts.set(display, t);
    }
    return t;
  }

  private readonly found = new Map<string, string>();

  /**
   * The display path of a rendered source: under --source-root when given; else relative to the
   * working directory, or, when it is not there, the one folder up to two levels down that holds
   * it (`charts/` for `helm template charts/shop`); else as written.
   */
  displayPath(source: string): string {
    const slash = (p: string) => normalize(p).split('\\').join('/');
    if (this.sourceRoot) return slash(join(this.sourceRoot, source));
    let p = this.found.get(source);
    if (p === undefined) {
      p = slash(source);
      if (!isAbsolute(source) && !existsSync(source)) {
        const hits = searchDirs().filter((d) => existsSync(join(d, source)));
        if (hits.length === 1) p = slash(join(hits[0], source));
      }
      this.found.set(source, p);
    }
    return p;
  }

  locate(resource: Resource, path: Path): Location | undefined {
    const source = renderedSource(resource);
    if (!source) return undefined;
    const file = this.displayPath(source);
    const text = this.text(file);
    if (text === null) return { file, startLine: 1, startColumn: 1, endLine: 1, endColumn: 2 };
    const doc = documentOf(text, resource.kind, resource.name);
    const pos = findKeyPosition(doc.lines.join('\n'), path.length ? path : ['kind']);
    if (!pos) {
      // The document's first line that is not a separator, comment or template directive.
      let i = doc.lines.findIndex((l) => l.trim() !== '' && !/^(---|#|\{\{)/.test(l.trim()));
      if (i < 0) i = 0;
      return { file, startLine: doc.offset + i + 1, startColumn: 1, endLine: doc.offset + i + 1, endColumn: Math.max(2, (doc.lines[i] ?? '').trimEnd().length + 1) };
    }
    const line = doc.offset + pos.line;
    return { file, startLine: line, startColumn: pos.column, endLine: line, endColumn: Math.max(pos.endColumn, pos.column + 1) };
  }
}
