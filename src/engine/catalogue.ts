// The rule catalogue as data: what reporters, `rules` and `explain` show. Reporters get
// descriptors, never rule modules.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Severity } from '../model/types.js';
import { helpUri, type Rule, type RuleCategory } from './rule.js';

export interface RuleDescriptor {
  id: string;
  severity: Severity;
  category: RuleCategory;
  description: string;
  helpUri: string;
  equivalents: readonly string[];
  precision: string;
  tags: readonly string[];
  /** The rule's docs page (docs/rules/<id>.md), or a generated stub when it is missing. */
  helpMarkdown: string;
}

let root: string | undefined;
/** The package root (folder holding package.json), from the built or source location. */
export function packageRoot(): string {
  if (root) return root;
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json')) && dirname(dir) !== dir) dir = dirname(dir);
  root = dir;
  return dir;
}

export function docsPath(ruleId: string): string {
  return join(packageRoot(), 'docs', 'rules', `${ruleId}.md`);
}

export function ruleDocs(ruleId: string): string | undefined {
  try {
    return readFileSync(docsPath(ruleId), 'utf8');
  } catch {
    return undefined;
  }
}

export function describeRule(rule: Rule, withDocs = true): RuleDescriptor {
  const uri = helpUri(rule.id);
  const docs = withDocs ? ruleDocs(rule.id) : undefined;
  return {
    id: rule.id,
    severity: rule.severity,
    category: rule.category,
    description: rule.description,
    helpUri: uri,
    equivalents: rule.equivalents,
    precision: rule.precision ?? 'high',
    tags: [rule.category, ...(rule.tags ?? [])],
    helpMarkdown: docs ?? `${rule.description}\n\nSee ${uri}`,
  };
}
