import { defineParseProblemRule } from '../../src/engine/builtin.js';

export default defineParseProblemRule('input-not-text', 'A manifest file is binary, UTF-16 or not valid UTF-8; Kubernetes cannot read it and it was not linted.');
