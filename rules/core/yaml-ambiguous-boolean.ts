import { defineParseProblemRule } from '../../src/engine/builtin.js';

export default defineParseProblemRule(
  'yaml-ambiguous-boolean',
  "An unquoted yes/no/on/off/y/n is a boolean to kubectl's YAML 1.1 decoder but a string to YAML 1.2 tools.",
  'warning',
);
