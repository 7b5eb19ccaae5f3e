import { defineParseProblemRule } from '../../src/engine/builtin.js';

export default defineParseProblemRule('yaml-duplicate-key', 'A mapping repeats a key; decoders silently keep only one of the values.');
