import { defineRule, type RuleContext } from '../../src/engine/rule.js';
import { K } from '../../src/model/kinds.js';
import type { Path, Resource } from '../../src/model/types.js';
import { isObject } from '../../src/parse/parse.js';
import { listenersOf, resolveTlsObjectRef, type ObjectRefProblem } from '../../src/graph/gateway-api.js';

const LISTENER_REASON: Record<ObjectRefProblem['reason'], string> = {
  InvalidKind: 'InvalidCertificateRef',
  NotFound: 'InvalidCertificateRef',
  Malformed: 'InvalidCertificateRef',
  RefNotPermitted: 'RefNotPermitted',
};
const CA_REASON: Record<ObjectRefProblem['reason'], string> = {
  InvalidKind: 'InvalidCACertificateKind',
  NotFound: 'InvalidCACertificateRef',
  Malformed: 'InvalidCACertificateRef',
  RefNotPermitted: 'RefNotPermitted',
};
const CLIENT_REASON: Record<ObjectRefProblem['reason'], string> = {
  InvalidKind: 'InvalidClientCertificateRef',
  NotFound: 'InvalidClientCertificateRef',
  Malformed: 'InvalidClientCertificateRef',
  RefNotPermitted: 'RefNotPermitted',
};

function report(ctx: RuleContext, owner: Resource, p: ObjectRefProblem, subject: string, condition: string) {
  ctx.report({
    resource: owner,
    path: p.path,
    // Certificates are usually provisioned outside git (cert-manager, vaults): absent from the
    // inputs is only a hint, unless the namespace's other Secrets/ConfigMaps are here.
    ...(p.certain ? {} : { severity: p.reason === 'NotFound' ? ('info' as const) : ('warning' as const) }),
    message: `${owner.kind} ${owner.namespace}/${owner.name} ${subject}: ${p.detail}: ${condition}`,
  });
}

function caRefs(v: unknown, path: Path): Array<{ raw: Record<string, unknown>; path: Path }> {
  if (!isObject(v) || !isObject(v.validation) || !Array.isArray(v.validation.caCertificateRefs)) return [];
  return v.validation.caCertificateRefs.flatMap((r, i) => (isObject(r) ? [{ raw: r, path: [...path, 'validation', 'caCertificateRefs', i] }] : []));
}

export default defineRule({
  id: 'gateway-api-certificate-ref-unresolved',
  severity: 'error',
  category: 'gateway-api',
  description:
    'A TLS certificate or CA reference of a Gateway or ListenerSet would not resolve: missing or malformed Secret/ConfigMap, unsupported kind, or cross-namespace without a ReferenceGrant (ResolvedRefs=False).',
  equivalents: [],
  inputs: [K.Gateway, K.ListenerSet],
  precision: 'high',
  tags: ['reference', 'tls'],
  check(ctx) {
    for (const owner of [...ctx.resources(K.Gateway), ...ctx.resources(K.ListenerSet)]) {
      for (const l of listenersOf(ctx.graph, owner)) {
        const tls = isObject(l.raw.tls) ? l.raw.tls : undefined;
        if (!tls && l.protocol === 'HTTPS') {
          ctx.report({
            resource: owner,
            path: [...l.path, 'protocol'],
            message: `${owner.kind} ${owner.namespace}/${owner.name} listener ${l.name} uses protocol HTTPS without a tls block, which HTTPS requires: with no certificate to serve the listener is not programmed`,
          });
          continue;
        }
        if (!tls || (l.protocol !== 'HTTPS' && l.protocol !== 'TLS') || l.tlsMode === 'Passthrough') continue;
        if (!Array.isArray(tls.certificateRefs)) continue;
        tls.certificateRefs.forEach((c, ci) => {
          if (!isObject(c)) return;
          const p = resolveTlsObjectRef(ctx.graph, owner, c, [...l.path, 'tls', 'certificateRefs', ci], 'Secret', ['Secret'], 'tls');
          if (p) report(ctx, owner, p, `listener ${l.name}`, `ResolvedRefs=False (${LISTENER_REASON[p.reason]}); the listener serves no TLS`);
        });
      }
      if (owner.kindKey !== K.Gateway) continue;
      const spec = isObject(owner.body.spec) ? owner.body.spec : {};
      const tls = isObject(spec.tls) ? spec.tls : {};
      const frontend = isObject(tls.frontend) ? tls.frontend : {};
      const refs = caRefs(frontend.default, ['spec', 'tls', 'frontend', 'default']);
      if (Array.isArray(frontend.perPort)) {
        frontend.perPort.forEach((pp, i) => {
          if (isObject(pp)) refs.push(...caRefs(pp.tls, ['spec', 'tls', 'frontend', 'perPort', i, 'tls']));
        });
      }
      for (const r of refs) {
        // ConfigMap is the portable CA kind; Secret is implementation-specific and accepted.
        const p = resolveTlsObjectRef(ctx.graph, owner, r.raw, r.path, 'ConfigMap', ['ConfigMap', 'Secret'], 'ca');
        if (p) report(ctx, owner, p, 'client certificate validation', `ResolvedRefs=False (${CA_REASON[p.reason]}) and Accepted=False (NoValidCACertificate) on the HTTPS listeners it applies to`);
      }
      const backend = isObject(tls.backend) ? tls.backend : {};
      if (isObject(backend.clientCertificateRef)) {
        const p = resolveTlsObjectRef(ctx.graph, owner, backend.clientCertificateRef, ['spec', 'tls', 'backend', 'clientCertificateRef'], 'Secret', ['Secret'], 'tls');
        if (p) report(ctx, owner, p, 'backend client certificate', `ResolvedRefs=False (${CLIENT_REASON[p.reason]}); connections to TLS backends carry no client certificate`);
      }
    }
  },
});
