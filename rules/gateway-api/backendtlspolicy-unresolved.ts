import { defineRule } from '../../src/engine/rule.js';
import { K } from '../../src/model/kinds.js';
import { isObject } from '../../src/parse/parse.js';
import { normalizeGroup, resolveTlsObjectRef } from '../../src/graph/gateway-api.js';

const REASON = { InvalidKind: 'ResolvedRefs=False (InvalidKind)', NotFound: 'ResolvedRefs=False (InvalidCACertificateRef)', Malformed: 'ResolvedRefs=False (InvalidCACertificateRef)', RefNotPermitted: 'ResolvedRefs=False (RefNotPermitted)' };

export default defineRule({
  id: 'gateway-api-backendtlspolicy-unresolved',
  severity: 'error',
  category: 'gateway-api',
  description:
    'A BackendTLSPolicy would not be accepted: its target Service or section is not in the inputs, or a CA certificate reference is missing, malformed or of an unsupported kind (Accepted=False, NoValidCACertificate).',
  equivalents: [],
  inputs: [K.BackendTLSPolicy],
  precision: 'high',
  tags: ['reference', 'tls'],
  check(ctx) {
    for (const pol of ctx.resources(K.BackendTLSPolicy)) {
      const spec = isObject(pol.body.spec) ? pol.body.spec : {};
      const who = `BackendTLSPolicy ${pol.namespace}/${pol.name}`;
      if (Array.isArray(spec.targetRefs)) {
        spec.targetRefs.forEach((t, i) => {
          if (!isObject(t) || typeof t.name !== 'string') return;
          const group = normalizeGroup(typeof t.group === 'string' ? t.group : '');
          if (group !== '' || t.kind !== 'Service') return; // other targets are implementation-specific
          const svc = ctx.graph.get(K.Service, pol.namespace, t.name);
          if (!svc) {
            ctx.report({
              resource: pol,
              path: ['spec', 'targetRefs', i, 'name'],
              severity: 'warning',
              message: `${who} targets Service ${pol.namespace}/${t.name}, which is not in the inputs: Accepted=False (TargetNotFound) if it does not exist in the cluster`,
            });
            return;
          }
          if (typeof t.sectionName === 'string' && t.sectionName !== '') {
            const ports = isObject(svc.body.spec) && Array.isArray(svc.body.spec.ports) ? svc.body.spec.ports.filter(isObject) : [];
            if (!ports.some((p) => p.name === t.sectionName)) {
              ctx.report({
                resource: pol,
                path: ['spec', 'targetRefs', i, 'sectionName'],
                message: `${who} targets port "${t.sectionName}" of Service ${svc.namespace}/${svc.name}, which has no port of that name (${ports.map((p) => p.name).filter(Boolean).join(', ') || 'no named ports'}): the policy applies to nothing`,
                related: [{ resource: svc, path: ['spec', 'ports'], message: `Service ${svc.namespace}/${svc.name}` }],
              });
            }
          }
        });
      }
      const validation = isObject(spec.validation) ? spec.validation : {};
      if (!Array.isArray(validation.caCertificateRefs)) continue;
      const refs = validation.caCertificateRefs.map((r, i) => ({ r, i })).filter((x) => isObject(x.r));
      const problems = refs.map(({ r, i }) => ({ i, p: resolveTlsObjectRef(ctx.graph, pol, { ...(r as Record<string, unknown>), namespace: undefined }, ['spec', 'validation', 'caCertificateRefs', i], 'ConfigMap', ['ConfigMap', 'Secret'], 'ca') }));
      const allBad = problems.length > 0 && problems.every((x) => x.p);
      for (const { p } of problems) {
        if (!p) continue;
        ctx.report({
          resource: pol,
          path: p.path,
          ...(p.certain ? {} : { severity: p.reason === 'NotFound' ? ('info' as const) : ('warning' as const) }),
          message: `${who} CA certificate reference: ${p.detail}: ${REASON[p.reason]}${allBad ? '; with no usable CA the policy is not accepted (NoValidCACertificate) and TLS to the backend fails' : ''}`,
        });
      }
    }
  },
});
