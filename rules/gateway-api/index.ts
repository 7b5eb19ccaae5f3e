import type { Rule } from '../../src/engine/rule.js';
import routeParentNotFound from './route-parent-not-found.js';

export const GATEWAY_API_RULES: readonly Rule[] = [routeParentNotFound];
