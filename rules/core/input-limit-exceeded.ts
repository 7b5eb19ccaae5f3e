import { defineParseProblemRule } from '../../src/engine/builtin.js';

export default defineParseProblemRule(
  'input-limit-exceeded',
  'An input is over a safety limit (file size, alias expansion, nesting depth, documents per file) and was not linted.',
);
