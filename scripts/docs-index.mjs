// Writes docs/rules/README.md from the built rule registry (run through `npm run docs`).
import { writeFileSync } from 'node:fs';
import { ALL_RULES } from '../dist/rules/index.js';
import { describeRule } from '../dist/src/engine/catalogue.js';
import { renderRulesIndex } from '../dist/src/engine/docs-index.js';

writeFileSync(new URL('../docs/rules/README.md', import.meta.url), renderRulesIndex(ALL_RULES.map((r) => describeRule(r, false))));
console.log(`docs/rules/README.md: ${ALL_RULES.length} rules`);
