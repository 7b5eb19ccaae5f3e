import { defineRule } from '../../src/engine/rule.js';
import { K } from '../../src/model/kinds.js';
import type { Severity } from '../../src/model/types.js';
import { authzPolicies, authzWorkloads, sourceFields, whenConditions, type FieldUse } from '../../src/graph/istio-authz.js';
import { effectiveMtls, sidecarState } from '../../src/graph/istio-mtls.js';
import type { Workload } from '../../src/graph/workloads.js';

const MTLS_SOURCE_FIELDS = ['principals', 'notPrincipals', 'namespaces', 'notNamespaces'] as const;
const MTLS_WHEN_KEYS = new Set(['source.principal', 'source.namespace', 'connection.sni']);

export default defineRule({
  id: 'istio-authz-mtls-required',
  severity: 'error',
  category: 'istio',
  description: 'An AuthorizationPolicy matches on peer identity (principals, namespaces) for workloads that do not receive mTLS, where those attributes are empty.',
  equivalents: ['KIA0105'],
  inputs: [K.AuthorizationPolicy],
  precision: 'high',
  tags: ['security', 'authz', 'mtls'],
  check(ctx) {
    const { graph } = ctx;
    for (const p of authzPolicies(graph)) {
      if (p.action === 'CUSTOM' || p.action === 'AUDIT') continue;
      const fields: FieldUse[] = [...sourceFields(p, MTLS_SOURCE_FIELDS), ...whenConditions(p, (k) => MTLS_WHEN_KEYS.has(k))];
      if (fields.length === 0) continue;
      const workloads = authzWorkloads(graph, p);
      if (!workloads || workloads.length === 0) continue;
      // The weakest server side among the selected workloads decides.
      let plain: { w: Workload; why: string } | undefined;
      let permissive: Workload | undefined;
      for (const w of workloads) {
        const sidecar = sidecarState(graph, w);
        if (sidecar === 'ambient') continue;
        if (sidecar === 'none') {
          plain ??= { w, why: 'runs without an Istio sidecar' };
          continue;
        }
        const m = effectiveMtls(graph, w);
        if (m.mode === 'DISABLE') plain ??= { w, why: `has mTLS disabled by PeerAuthentication ${m.source!.namespace}/${m.source!.name}` };
        else if (m.mode === 'PERMISSIVE') permissive ??= w;
      }
      const ap = p.resource;
      const label = (f: FieldUse) => (f.path.includes('when') ? `condition "${f.key}"` : `source.${f.key}`);
      for (const f of fields) {
        let severity: Severity;
        let message: string;
        if (plain) {
          severity = 'error';
          message = `AuthorizationPolicy ${ap.namespace}/${ap.name} uses ${label(f)}, but ${plain.w.resource.kind} ${plain.w.namespace}/${plain.w.resource.name} ${plain.why}: without mTLS the peer identity is empty, so ${p.action === 'DENY' ? 'this DENY rule never matches' : 'this ALLOW rule never matches and requests are denied'}`;
        } else if (permissive) {
          if (p.action === 'DENY') {
            severity = 'warning';
            message = `AuthorizationPolicy ${ap.namespace}/${ap.name} denies by ${label(f)}, but ${permissive.resource.kind} ${permissive.namespace}/${permissive.resource.name} is PERMISSIVE: plain-text clients carry no identity and bypass this DENY rule; make the workload STRICT`;
          } else {
            severity = 'info';
            message = `AuthorizationPolicy ${ap.namespace}/${ap.name} allows by ${label(f)}, but ${permissive.resource.kind} ${permissive.namespace}/${permissive.resource.name} is PERMISSIVE: plain-text clients carry no identity and are denied`;
          }
        } else continue;
        ctx.report({ resource: ap, path: f.path, severity, message });
      }
    }
  },
});
