import { defineRule } from '../../src/engine/rule.js';
import { K } from '../../src/model/kinds.js';
import type { Path } from '../../src/model/types.js';
import { isObject } from '../../src/parse/parse.js';

/** Envoy's removed "envoy.xxx" names and their replacements. */
const LEGACY_NAMES: Record<string, string> = {
  'envoy.http_connection_manager': 'envoy.filters.network.http_connection_manager',
  'envoy.tcp_proxy': 'envoy.filters.network.tcp_proxy',
  'envoy.router': 'envoy.filters.http.router',
  'envoy.lua': 'envoy.filters.http.lua',
  'envoy.cors': 'envoy.filters.http.cors',
  'envoy.fault': 'envoy.filters.http.fault',
  'envoy.ext_authz': 'envoy.filters.http.ext_authz',
  'envoy.rate_limit': 'envoy.filters.http.ratelimit',
  'envoy.ratelimit': 'envoy.filters.network.ratelimit',
  'envoy.gzip': 'envoy.filters.http.compressor',
  'envoy.buffer': 'envoy.filters.http.buffer',
  'envoy.health_check': 'envoy.filters.http.health_check',
  'envoy.grpc_web': 'envoy.filters.http.grpc_web',
  'envoy.grpc_json_transcoder': 'envoy.filters.http.grpc_json_transcoder',
  'envoy.ip_tagging': 'envoy.filters.http.ip_tagging',
  'envoy.mongo_proxy': 'envoy.filters.network.mongo_proxy',
  'envoy.redis_proxy': 'envoy.filters.network.redis_proxy',
  'envoy.client_ssl_auth': 'envoy.filters.network.client_ssl_auth',
  'envoy.echo': 'envoy.filters.network.echo',
  'envoy.listener.tls_inspector': 'envoy.filters.listener.tls_inspector',
  'envoy.listener.original_dst': 'envoy.filters.listener.original_dst',
  'envoy.listener.http_inspector': 'envoy.filters.listener.http_inspector',
  'envoy.listener.proxy_protocol': 'envoy.filters.listener.proxy_protocol',
};

const V2_TYPE = /^type\.googleapis\.com\/envoy\.(api\.v2\.|config\.filter\.|config\.[a-z_.]+\.v2(alpha\d*)?\.|extensions\.[a-z_.]+\.v2(alpha\d*)?\.)/;

export default defineRule({
  id: 'istio-prod-envoyfilter-deprecated',
  severity: 'warning',
  category: 'istio',
  description: 'Production checklist: an EnvoyFilter uses removed Envoy v2 xDS type URLs or legacy filter names, so the patch no longer applies (or is rejected) on current proxies.',
  equivalents: [],
  inputs: [K.EnvoyFilter],
  precision: 'very-high',
  tags: ['upgrade', 'production'],
  profile: 'production',
  check(ctx) {
    for (const ef of ctx.resources(K.EnvoyFilter)) {
      const spec = isObject(ef.body.spec) ? ef.body.spec : {};
      if (!Array.isArray(spec.configPatches)) continue;
      const visit = (v: unknown, path: Path, key: string | number | undefined, parent?: Record<string, unknown>): void => {
        if (typeof v === 'string') {
          // Envoy finds an extension by its typed_config type; the name beside it is then only a label.
          const labelOnly = key === 'name' && parent !== undefined && (parent.typed_config !== undefined || parent.typedConfig !== undefined);
          if (key === 'name' && LEGACY_NAMES[v] && !labelOnly) {
            ctx.report({
              resource: ef,
              path,
              message: `EnvoyFilter ${ef.namespace}/${ef.name} uses the legacy filter name "${v}", removed from Envoy: use "${LEGACY_NAMES[v]}" (the match or patch no longer applies)`,
            });
          } else if ((key === '@type' || key === 'type_url' || key === 'typeUrl') && V2_TYPE.test(v)) {
            ctx.report({
              resource: ef,
              path,
              message: `EnvoyFilter ${ef.namespace}/${ef.name} uses the Envoy v2 type URL "${v}": v2 xDS was removed (Envoy 1.18, Istio 1.9+), so the proxy rejects the patch; use the v3 type`,
            });
          }
          return;
        }
        if (Array.isArray(v)) v.forEach((x, i) => visit(x, [...path, i], i));
        else if (isObject(v)) for (const [k, x] of Object.entries(v)) visit(x, [...path, k], k, v);
      };
      visit(spec.configPatches, ['spec', 'configPatches'], undefined);
    }
  },
});
