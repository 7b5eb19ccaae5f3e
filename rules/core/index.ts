import type { Rule } from '../../src/engine/rule.js';
import apiVersionDeprecated from './api-version-deprecated.js';
import apiVersionRemoved from './api-version-removed.js';
import duplicateResource from './duplicate-resource.js';
import schemaInvalid from './schema-invalid.js';
import yamlDuplicateKey from './yaml-duplicate-key.js';
import yamlSyntax from './yaml-syntax.js';

export const CORE_RULES: readonly Rule[] = [apiVersionDeprecated, apiVersionRemoved, duplicateResource, schemaInvalid, yamlDuplicateKey, yamlSyntax];
