// Built-in rules that report what the parse stage found (syntax errors, duplicate keys, ...).
import type { Severity } from '../model/types.js';
import { defineRule, type Rule } from './rule.js';

export function defineParseProblemRule(id: string, description: string, severity: Severity = 'error'): Rule {
  return defineRule({
    id,
    severity,
    category: 'core',
    description,
    equivalents: [],
    inputs: [],
    precision: 'very-high',
    check(ctx) {
      for (const p of ctx.parseProblems) if (p.ruleId === id) ctx.reportFile(p.fileId, p.range, p.message);
    },
  });
}
