// Minimal glob matching for config `ignore` and `overrides[].files`: `**` (any folders), `*`
// (within one path segment), `?`, `{a,b}` and `[...]`. Paths use `/`; a pattern without `/`
// matches the base name anywhere (as .gitignore does); a leading `./` is ignored.
const cache = new Map<string, RegExp>();

function toRegExp(glob: string): RegExp {
  let g = glob.replace(/\\/g, '/').replace(/^\.\//, '');
  // As in .gitignore: a pattern with no `/` but a trailing one matches at any depth.
  if (!g.replace(/\/+$/, '').includes('/')) g = `**/${g}`;
  g = g.replace(/^\/+/, '').replace(/\/+$/, '');
  let re = '';
  let braces = 0;
  for (let i = 0; i < g.length; i++) {
    const ch = g[i];
    if (ch === '*') {
      if (g[i + 1] === '*') {
        const slashAfter = g[i + 2] === '/';
        re += slashAfter ? '(?:.*/)?' : '.*';
        i += slashAfter ? 2 : 1;
      } else re += '[^/]*';
    } else if (ch === '?') re += '[^/]';
    else if (ch === '{') {
      braces++;
      re += '(?:';
    } else if (ch === '}' && braces > 0) {
      braces--;
      re += ')';
    } else if (ch === ',' && braces > 0) re += '|';
    else if (ch === '[') {
      const end = g.indexOf(']', i + 1);
      if (end < 0) re += '\\[';
      else {
        re += `[${g.slice(i + 1, end).replace(/^!/, '^').replace(/\\/g, '\\\\')}]`;
        i = end;
      }
    } else re += ch.replace(/[.+^$()|\\\]]/g, (c) => `\\${c}`);
  }
  // A folder pattern also matches everything below it.
  return new RegExp(`^${re}(?:/.*)?$`);
}

export function matchesGlob(path: string, glob: string): boolean {
  let re = cache.get(glob);
  if (!re) {
    re = toRegExp(glob);
    cache.set(glob, re);
  }
  return re.test(path.replace(/\\/g, '/').replace(/^\.\//, ''));
}

export function matchesAny(path: string, globs: readonly string[]): boolean {
  return globs.some((g) => matchesGlob(path, g));
}
