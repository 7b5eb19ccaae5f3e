// The rule catalogue. Each area keeps its own list; a meta-test checks the lists match the folders.
import type { Rule } from '../src/engine/rule.js';
import { CORE_RULES } from './core/index.js';
import { ISTIO_RULES } from './istio/index.js';
import { LINKERD_RULES } from './linkerd/index.js';
import { GATEWAY_API_RULES } from './gateway-api/index.js';
import { KUBERNETES_RULES } from './kubernetes/index.js';

export const ALL_RULES: readonly Rule[] = [...CORE_RULES, ...KUBERNETES_RULES, ...ISTIO_RULES, ...LINKERD_RULES, ...GATEWAY_API_RULES].sort((a, b) =>
  a.id < b.id ? -1 : a.id > b.id ? 1 : 0,
);
