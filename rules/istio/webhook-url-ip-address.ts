import { isIP } from 'node:net';
import { defineRule } from '../../src/engine/rule.js';
import { objects } from '../../src/graph/istio-gateways.js';
import { istioControlPlaneWebhooks, MUTATING, VALIDATING } from '../../src/graph/istio-webhooks.js';
import { isObject } from '../../src/parse/parse.js';

export default defineRule({
  id: 'istio-webhook-url-ip-address',
  severity: 'info',
  category: 'istio',
  description: 'An Istio injector or validator webhook reaches the external control plane by IP address instead of a hostname.',
  equivalents: ['IST0164'],
  inputs: [MUTATING, VALIDATING],
  precision: 'very-high',
  tags: ['control-plane'],
  check(ctx) {
    for (const cfg of istioControlPlaneWebhooks(ctx.graph)) {
      for (const [wh, i] of objects(cfg.body.webhooks)) {
        const url = isObject(wh.clientConfig) ? wh.clientConfig.url : undefined;
        if (typeof url !== 'string') continue;
        let host: string;
        try {
          host = new URL(url).hostname.replace(/^\[|\]$/g, '');
        } catch {
          continue;
        }
        if (!isIP(host)) continue;
        ctx.report({ resource: cfg, path: ['webhooks', i, 'clientConfig', 'url'], message: `Webhook "${String(wh.name)}" of ${cfg.kind} ${cfg.name} reaches the external control plane at IP address ${host}: use a hostname, so the control plane can move and its certificate can name it` });
      }
    }
  },
});
