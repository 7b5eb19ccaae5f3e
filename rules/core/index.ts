import type { Rule } from '../../src/engine/rule.js';
import apiVersionDeprecated from './api-version-deprecated.js';
import apiVersionRemoved from './api-version-removed.js';
import duplicateResource from './duplicate-resource.js';
import helmUnrendered from './helm-unrendered.js';
import inputLimitExceeded from './input-limit-exceeded.js';
import inputNotText from './input-not-text.js';
import schemaInvalid from './schema-invalid.js';
import unusedSuppression from './unused-suppression.js';
import yamlAmbiguousBoolean from './yaml-ambiguous-boolean.js';
import yamlDuplicateKey from './yaml-duplicate-key.js';
import yamlOctalNumber from './yaml-octal-number.js';
import yamlSyntax from './yaml-syntax.js';
import yamlTab from './yaml-tab.js';
import yamlUnsafeTag from './yaml-unsafe-tag.js';

export const CORE_RULES: readonly Rule[] = [
  apiVersionDeprecated,
  apiVersionRemoved,
  duplicateResource,
  helmUnrendered,
  inputLimitExceeded,
  inputNotText,
  schemaInvalid,
  unusedSuppression,
  yamlAmbiguousBoolean,
  yamlDuplicateKey,
  yamlOctalNumber,
  yamlSyntax,
  yamlTab,
  yamlUnsafeTag,
];
