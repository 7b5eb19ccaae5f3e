import { defineRule } from '../../src/engine/rule.js';
import { objects } from '../../src/graph/istio-gateways.js';
import { istioControlPlaneWebhooks, MUTATING, VALIDATING } from '../../src/graph/istio-webhooks.js';
import { isObject } from '../../src/parse/parse.js';

export default defineRule({
  id: 'istio-webhook-url-invalid',
  severity: 'warning',
  category: 'istio',
  description: 'An Istio injector or validator webhook has neither a service nor a parsable URL to reach the (external) control plane.',
  equivalents: ['IST0163'],
  inputs: [MUTATING, VALIDATING],
  precision: 'very-high',
  tags: ['control-plane'],
  check(ctx) {
    for (const cfg of istioControlPlaneWebhooks(ctx.graph)) {
      for (const [wh, i] of objects(cfg.body.webhooks)) {
        const cc = isObject(wh.clientConfig) ? wh.clientConfig : {};
        const name = typeof wh.name === 'string' ? wh.name : `#${i}`;
        const url = cc.url;
        if (typeof url === 'string' && url.trim() !== '') {
          let ok = false;
          try {
            const u = new URL(url);
            ok = (u.protocol === 'https:' || u.protocol === 'http:') && u.hostname !== '';
          } catch {
            ok = false;
          }
          if (!ok) {
            ctx.report({ resource: cfg, path: ['webhooks', i, 'clientConfig', 'url'], message: `Webhook "${name}" of ${cfg.kind} ${cfg.name} has URL "${url}", which is not a valid URL: the API server cannot reach the control plane and ${cfg.kind.startsWith('Mutating') ? 'injection' : 'validation'} fails` });
          }
          continue;
        }
        if (isObject(cc.service)) continue;
        ctx.report({ resource: cfg, path: ['webhooks', i, 'clientConfig'], message: `Webhook "${name}" of ${cfg.kind} ${cfg.name} has neither clientConfig.url nor clientConfig.service: the API server cannot reach the control plane` });
      }
    }
  },
});
