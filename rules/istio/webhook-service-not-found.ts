import { defineRule } from '../../src/engine/rule.js';
import { objects } from '../../src/graph/istio-gateways.js';
import { injectorConfigurations, MUTATING } from '../../src/graph/istio-webhooks.js';
import { isObject } from '../../src/parse/parse.js';

export default defineRule({
  id: 'istio-webhook-service-not-found',
  severity: 'error',
  category: 'istio',
  description: 'An Istio sidecar injector webhook points at a control-plane Service that is not in the inputs.',
  equivalents: ['IST0139'],
  inputs: [MUTATING],
  precision: 'medium',
  tags: ['injection', 'control-plane', 'reference'],
  check(ctx) {
    for (const cfg of injectorConfigurations(ctx.graph)) {
      for (const [wh, i] of objects(cfg.body.webhooks)) {
        const svc = isObject(wh.clientConfig) && isObject(wh.clientConfig.service) ? wh.clientConfig.service : undefined;
        if (!svc || typeof svc.name !== 'string') continue;
        const ns = typeof svc.namespace === 'string' ? svc.namespace : 'default';
        if (ctx.graph.get('Service', ns, svc.name)) continue;
        ctx.report({
          resource: cfg,
          path: ['webhooks', i, 'clientConfig', 'service', 'name'],
          message: `Webhook "${String(wh.name)}" of MutatingWebhookConfiguration ${cfg.name} calls Service ${ns}/${svc.name}, which is not in the inputs: if it does not exist, pod creation ${wh.failurePolicy === 'Ignore' ? 'silently skips injection' : 'fails'}`,
        });
      }
    }
  },
});
