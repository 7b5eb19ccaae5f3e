// Built-in rules that report what the parse stage found (syntax errors, duplicate keys, ...).
import { defineRule, type Rule } from './rule.js';

export function defineParseProblemRule(id: string, description: string): Rule {
  return defineRule({
    id,
    severity: 'error',
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
