import type { Rule } from '../../src/engine/rule.js';
import spNameNotFqdn from './sp-name-not-fqdn.js';

export const LINKERD_RULES: readonly Rule[] = [spNameNotFqdn];
