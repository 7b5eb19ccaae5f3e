import { defineParseProblemRule } from '../../src/engine/builtin.js';

export default defineParseProblemRule('yaml-syntax', 'A document is not valid YAML; Kubernetes cannot read it and it was not linted.');
