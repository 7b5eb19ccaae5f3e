import { defineParseProblemRule } from '../../src/engine/builtin.js';

export default defineParseProblemRule('yaml-tab', 'A tab is used for indentation; YAML forbids it and kubectl cannot read the document.');
