import type { Rule } from '../../src/engine/rule.js';
import mtlsModeConflict from './mtls-mode-conflict.js';
import vsGatewayNotFound from './vs-gateway-not-found.js';

export const ISTIO_RULES: readonly Rule[] = [mtlsModeConflict, vsGatewayNotFound];
