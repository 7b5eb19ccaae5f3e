import type { Rule } from '../../src/engine/rule.js';
import serviceSelectorNoMatch from './service-selector-no-match.js';
import serviceTargetPortNotFound from './service-target-port-not-found.js';
import workloadSelectorMismatch from './workload-selector-mismatch.js';

export const KUBERNETES_RULES: readonly Rule[] = [serviceSelectorNoMatch, serviceTargetPortNotFound, workloadSelectorMismatch];
