// SARIF 2.1.0 for GitHub code scanning (facts: ../shared/reference/notes/ecosystem.md §a).
import { createHash } from 'node:crypto';
import type * as Sarif from 'sarif';
import type { Finding, Severity } from '../model/types.js';
import type { ReportData } from './types.js';

const LEVEL: Record<Severity, Sarif.ReportingConfiguration.level> = { error: 'error', warning: 'warning', info: 'note' };
const PROBLEM_SEVERITY: Record<Severity, string> = { error: 'error', warning: 'warning', info: 'recommendation' };

export interface SarifOptions {
  /** `automationDetails.id`: the category is everything before the last `/`. */
  category?: string;
  /** Reads a file's text for `primaryLocationLineHash`; undefined when unavailable. */
  readText?: (file: string) => string | undefined;
}

/** Hash of the normalised text from the start line on (first 100 non-blank characters), as a stable fingerprint. */
function lineHash(text: string | undefined, line: number): string | undefined {
  if (text === undefined) return undefined;
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  if (line < 1 || line > lines.length) return undefined;
  let acc = '';
  for (let i = line - 1; i < lines.length && acc.length < 100; i++) acc += lines[i].replace(/[ \t]/g, '');
  return createHash('sha256').update(acc.slice(0, 100)).digest('hex').slice(0, 16);
}

function escapeMarkdownLinkText(s: string): string {
  return s.replace(/[[\]\\]/g, (ch) => `\\${ch}`);
}

/** Relative URIs must not start with `/` (SARIF1004); absolute paths become file:// URIs. */
function artifactUri(file: string): string {
  if (file.startsWith('/')) return `file://${encodeURI(file)}`;
  return encodeURI(file.replace(/^\.\//, ''));
}

function region(f: { startLine: number; startColumn: number; endLine: number; endColumn: number }): Sarif.Region {
  return { startLine: f.startLine, startColumn: f.startColumn, endLine: f.endLine, endColumn: f.endColumn };
}

export function buildSarif(data: ReportData, opts: SarifOptions = {}): Sarif.Log {
  const ruleIndex = new Map(data.rules.map((r, i) => [r.id, i]));
  const texts = new Map<string, string | undefined>();
  const textOf = (file: string) => {
    if (!texts.has(file)) texts.set(file, opts.readText?.(file));
    return texts.get(file);
  };
  const seenHashes = new Map<string, number>();
  const results: Sarif.Result[] = data.findings.map((f: Finding) => {
    const related = f.related ?? [];
    const links = related.map((r, i) => `[${escapeMarkdownLinkText(r.message)}](${i + 1})`);
    const text = links.length ? `${f.message}. Related: ${links.join(', ')}.` : f.message;
    const result: Sarif.Result = {
      ruleId: f.ruleId,
      ...(ruleIndex.has(f.ruleId) ? { ruleIndex: ruleIndex.get(f.ruleId)! } : {}),
      level: LEVEL[f.severity],
      message: { text },
      locations: [{ physicalLocation: { artifactLocation: { uri: artifactUri(f.location.file) }, region: region(f.location) } }],
    };
    const hash = lineHash(textOf(f.location.file), f.location.startLine);
    if (hash) {
      const key = `${f.location.file}\u0000${f.ruleId}\u0000${hash}`;
      const n = (seenHashes.get(key) ?? 0) + 1;
      seenHashes.set(key, n);
      result.partialFingerprints = { primaryLocationLineHash: `${hash}:${n}` };
    }
    if (related.length) {
      result.relatedLocations = related.map((r, i) => ({
        id: i + 1,
        message: { text: r.message },
        physicalLocation: { artifactLocation: { uri: artifactUri(r.location.file) }, region: region(r.location) },
      }));
    }
    if (f.suppressed) {
      result.suppressions = [{ kind: f.suppressed.kind, ...(f.suppressed.justification ? { justification: f.suppressed.justification } : {}) }];
    }
    return result;
  });

  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'mesh-lint',
            semanticVersion: data.toolVersion,
            version: data.toolVersion,
            informationUri: 'https://github.com/mesh-lint/mesh-lint',
            rules: data.rules.map((r) => ({
              id: r.id,
              name: r.id
                .split('-')
                .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
                .join(''),
              shortDescription: { text: r.description },
              fullDescription: { text: r.equivalents.length ? `${r.description} Same check upstream: ${r.equivalents.join(', ')}.` : r.description },
              help: { text: `${r.description} Documentation: ${r.helpUri}`, markdown: `${r.helpMarkdown.trim()}\n\n[Documentation](${r.helpUri})` },
              helpUri: r.helpUri,
              defaultConfiguration: { level: LEVEL[r.severity] },
              properties: { tags: [...r.tags], precision: r.precision, 'problem.severity': PROBLEM_SEVERITY[r.severity] },
            })),
          },
        },
        automationDetails: { id: opts.category ?? 'mesh-lint/' },
        columnKind: 'utf16CodeUnits',
        results,
      },
    ],
  };
}

export function formatSarif(data: ReportData, opts: SarifOptions = {}): string {
  return `${JSON.stringify(buildSarif(data, opts), null, 2)}\n`;
}
