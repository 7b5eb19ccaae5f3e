import type { Rule } from '../../src/engine/rule.js';
import unusedSuppression from './unused-suppression.js';
import yamlDuplicateKey from './yaml-duplicate-key.js';
import yamlSyntax from './yaml-syntax.js';

export const CORE_RULES: readonly Rule[] = [unusedSuppression, yamlDuplicateKey, yamlSyntax];
