import type { Rule } from '../../src/engine/rule.js';
import schemaInvalid from './schema-invalid.js';
import yamlDuplicateKey from './yaml-duplicate-key.js';
import yamlSyntax from './yaml-syntax.js';

export const CORE_RULES: readonly Rule[] = [schemaInvalid, yamlDuplicateKey, yamlSyntax];
