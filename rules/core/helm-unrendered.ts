import { defineParseProblemRule } from '../../src/engine/builtin.js';

export default defineParseProblemRule('helm-unrendered', 'A file is an unrendered Helm (Go) template: render it with helm template first; it is reported once and not linted further.');
