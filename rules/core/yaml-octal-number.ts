import { defineParseProblemRule } from '../../src/engine/builtin.js';

export default defineParseProblemRule(
  'yaml-octal-number',
  "A number with a leading zero (0755) is octal to Kubernetes' YAML 1.1 decoder and decimal to YAML 1.2 tools.",
  'warning',
);
