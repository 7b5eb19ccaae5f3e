import type { Rule } from '../../src/engine/rule.js';
import inputLimitExceeded from './input-limit-exceeded.js';
import inputNotText from './input-not-text.js';
import yamlDuplicateKey from './yaml-duplicate-key.js';
import yamlSyntax from './yaml-syntax.js';
import yamlUnsafeTag from './yaml-unsafe-tag.js';

export const CORE_RULES: readonly Rule[] = [inputLimitExceeded, inputNotText, yamlDuplicateKey, yamlSyntax, yamlUnsafeTag];
