import { defineRule } from '../../src/engine/rule.js';
import { MUTATING, overlappingInjectors } from '../../src/graph/istio-webhooks.js';

export default defineRule({
  id: 'istio-webhook-overlap',
  severity: 'error',
  category: 'istio',
  description: 'Two Istio sidecar injector webhooks match the same pods, so pods are injected twice or by the wrong revision.',
  equivalents: ['IST0139'],
  inputs: [MUTATING],
  precision: 'high',
  tags: ['injection', 'control-plane'],
  check(ctx) {
    for (const [cfg, others] of overlappingInjectors(ctx.graph)) {
      ctx.report({
        resource: cfg,
        path: ['webhooks'],
        message: `MutatingWebhookConfiguration ${cfg.name} injects pods that other injector webhooks also match (${[...others].sort().join(', ')}): pods get injected twice or by the wrong revision; make the namespace/object selectors disjoint`,
      });
    }
  },
});
