import { defineParseProblemRule } from '../../src/engine/builtin.js';

export default defineParseProblemRule(
  'yaml-unsafe-tag',
  'A YAML tag such as !!python/object/apply or !!js/function asks other loaders to build objects or run code; it is read as plain data here.',
  'warning',
);
