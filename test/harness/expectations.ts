// Reads `# expect: <rule-id>[, <rule-id>…]` (on the offending line) and
// `# expect-next-line: <rule-id>` (own line, for block scalars) from fixture text.

export interface Expectation {
  line: number;
  ruleId: string;
}

const TRAILING = /(?:^|\s)#\s*expect:\s*([a-z0-9-]+(?:\s*,\s*[a-z0-9-]+)*)\s*$/;
const NEXT_LINE = /^\s*#\s*expect-next-line:\s*([a-z0-9-]+(?:\s*,\s*[a-z0-9-]+)*)\s*$/;

export function readExpectations(text: string): Expectation[] {
  const out: Expectation[] = [];
  const lines = text.split(/\r?\n/);
  lines.forEach((raw, i) => {
    const next = NEXT_LINE.exec(raw);
    if (next) {
      for (const id of next[1].split(',')) out.push({ line: i + 2, ruleId: id.trim() });
      return;
    }
    const m = TRAILING.exec(raw);
    if (m) for (const id of m[1].split(',')) out.push({ line: i + 1, ruleId: id.trim() });
  });
  return out;
}

/** `# fixture-options: {"clusterDomain": "example.org", "profiles": ["production"]}` on any line. */
export interface FixtureOptions {
  clusterDomain?: string;
  defaultNamespace?: string;
  profiles?: string[];
  /** A mesh config file next to the fixture. */
  meshConfig?: string;
  /** Input limits (`maxFileBytes`, `maxAliasCount`, `maxDepth`, `maxDocuments`). */
  limits?: Record<string, number>;
}

export function readFixtureOptions(text: string): FixtureOptions {
  const m = /^#\s*fixture-options:\s*(\{.*\})\s*$/m.exec(text);
  return m ? (JSON.parse(m[1]) as FixtureOptions) : {};
}
