import type { Rule } from '../../src/engine/rule.js';

export const KUBERNETES_RULES: readonly Rule[] = [];
