import { X509Certificate, createPrivateKey, createPublicKey } from 'node:crypto';
import { defineRule, type RuleContext } from '../../src/engine/rule.js';
import { K } from '../../src/model/kinds.js';
import type { Path, Resource } from '../../src/model/types.js';
import { isObject } from '../../src/parse/parse.js';

const DAY = 86_400_000;
const WARN_DAYS = 60;
const TRUST_ROOTS = 'linkerd-identity-trust-roots';
const ISSUER = 'linkerd-identity-issuer';
const HELM_VALUES: ReadonlyArray<readonly [string, Path]> = [
  ['helm.toolkit.fluxcd.io/HelmRelease', ['spec', 'values']],
  ['argoproj.io/Application', ['spec', 'source', 'helm', 'valuesObject']],
];

interface Pem {
  resource: Resource;
  path: Path;
  what: string;
  certs: X509Certificate[];
  /** The issuer's private key (PEM) and where it sits, when the inputs hold it. */
  key?: { pem: string; path: Path };
}

function decode(r: Resource, key: string): { text: string; path: Path } | undefined {
  for (const field of ['stringData', 'data'] as const) {
    const d = r.body[field];
    if (!isObject(d) || typeof d[key] !== 'string') continue;
    const raw = d[key] as string;
    const text = field === 'data' && r.kindKey === K.Secret ? Buffer.from(raw, 'base64').toString('utf8') : raw;
    return { text, path: [field, key] };
  }
  return undefined;
}

/** Every certificate of a PEM bundle; undefined when a block does not parse. */
function parsePem(text: string): X509Certificate[] | string {
  const blocks = text.match(/-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/g);
  if (!blocks) return 'no PEM CERTIFICATE block';
  const out: X509Certificate[] = [];
  for (const b of blocks) {
    try {
      out.push(new X509Certificate(b));
    } catch (e) {
      return `a certificate does not parse (${(e as Error).message})`;
    }
  }
  return out;
}

function algoProblem(c: X509Certificate): string | undefined {
  const k = c.publicKey;
  if (k.asymmetricKeyType !== 'ec') return `uses a ${String(k.asymmetricKeyType).toUpperCase()} key; Linkerd requires ECDSA P-256`;
  const curve = k.asymmetricKeyDetails?.namedCurve;
  if (curve !== 'prime256v1') return `uses the ${String(curve)} curve; Linkerd requires ECDSA P-256`;
  return undefined;
}

/** Why the issuer's private key does not go with its certificate, or undefined when it does. */
function keyMismatch(c: X509Certificate, keyPem: string): string | undefined {
  let key;
  try {
    key = createPrivateKey(keyPem);
  } catch {
    return 'the issuer private key does not parse as a PEM private key';
  }
  const a = createPublicKey(key).export({ type: 'spki', format: 'der' });
  const b = c.publicKey.export({ type: 'spki', format: 'der' });
  return a.equals(b) ? undefined : `the issuer private key does not match the public key of the issuer certificate "${subject(c)}"`;
}

function subject(c: X509Certificate): string {
  return c.subject.replace(/\n/g, ', ') || c.serialNumber;
}

export default defineRule({
  id: 'linkerd-identity-cert',
  severity: 'error',
  category: 'linkerd',
  description: "Linkerd's identity trust anchors or issuer certificate do not parse, are expired or not yet valid, expire within 60 days, use an unsupported key algorithm, or the issuer is not signed by a trust anchor.",
  equivalents: [],
  inputs: [K.ConfigMap, K.Secret, ...HELM_VALUES.map(([k]) => k)],
  precision: 'very-high',
  check(ctx: RuleContext) {
    const now = Date.now();
    const anchors: Pem[] = [];
    const issuers: Pem[] = [];
    const bad = (p: { resource: Resource; path: Path }, message: string) => ctx.report({ resource: p.resource, path: p.path, message });
    const load = (r: Resource, key: string, what: string, into: Pem[]) => {
      const d = decode(r, key);
      if (!d) return;
      const certs = parsePem(d.text);
      if (typeof certs === 'string') return bad({ resource: r, path: d.path }, `${r.kind} ${r.namespace}/${r.name} ${key} holds no usable ${what}: ${certs}; Linkerd's identity service cannot start`);
      into.push({ resource: r, path: d.path, what, certs });
    };
    const loadText = (r: Resource, path: Path, text: unknown, what: string, into: Pem[]) => {
      if (typeof text !== 'string' || !text.trim()) return;
      const certs = parsePem(text);
      if (typeof certs === 'string') return bad({ resource: r, path }, `${r.kind} ${r.namespace}/${r.name} ${path.join('.')} holds no usable ${what}: ${certs}`);
      into.push({ resource: r, path, what, certs });
    };
    for (const cm of ctx.resources(K.ConfigMap)) if (cm.name === TRUST_ROOTS) load(cm, 'ca-bundle.crt', 'trust anchor', anchors);
    // Helm values of the linkerd-control-plane chart, in a Flux HelmRelease or an Argo CD Application.
    for (const [kindKey, valuesPath] of HELM_VALUES) {
      for (const r of ctx.resources(kindKey)) {
        let values: unknown = r.body;
        for (const p of valuesPath) values = isObject(values) ? values[p] : undefined;
        if (!isObject(values)) continue;
        loadText(r, [...valuesPath, 'identityTrustAnchorsPEM'], values.identityTrustAnchorsPEM, 'trust anchor', anchors);
        const tls = isObject(values.identity) && isObject(values.identity.issuer) && isObject(values.identity.issuer.tls) ? values.identity.issuer.tls : undefined;
        if (tls) {
          const before = issuers.length;
          loadText(r, [...valuesPath, 'identity', 'issuer', 'tls', 'crtPEM'], tls.crtPEM, 'issuer certificate', issuers);
          if (issuers.length > before && typeof tls.keyPEM === 'string') issuers[before].key = { pem: tls.keyPEM, path: [...valuesPath, 'identity', 'issuer', 'tls', 'keyPEM'] };
        }
      }
    }
    for (const s of ctx.resources(K.Secret)) {
      if (s.name !== ISSUER) continue;
      for (const [crt, key] of [['crt.pem', 'key.pem'], ['tls.crt', 'tls.key']]) {
        const before = issuers.length;
        load(s, crt, 'issuer certificate', issuers);
        const k = decode(s, key);
        if (issuers.length > before && k) issuers[before].key = { pem: k.text, path: k.path };
      }
      load(s, 'ca.crt', 'trust anchor', anchors);
    }
    const validity = (p: Pem, c: X509Certificate, role: string) => {
      const id = `${p.resource.kind} ${p.resource.namespace}/${p.resource.name}`;
      const from = Date.parse(c.validFrom);
      const to = Date.parse(c.validTo);
      if (now < from) bad(p, `${id}: the ${role} "${subject(c)}" is not valid before ${c.validFrom}: proxies cannot get or verify identities yet`);
      else if (now > to) bad(p, `${id}: the ${role} "${subject(c)}" expired on ${c.validTo}: mTLS between meshed pods fails`);
      else if (to - now < WARN_DAYS * DAY)
        ctx.report({ resource: p.resource, path: p.path, severity: 'warning', message: `${id}: the ${role} "${subject(c)}" expires on ${c.validTo}, in ${Math.floor((to - now) / DAY)} days (less than ${WARN_DAYS}): rotate it before mTLS breaks` });
    };
    for (const p of anchors) {
      for (const c of p.certs) {
        validity(p, c, 'trust anchor');
        if (!c.ca) bad(p, `${p.resource.kind} ${p.resource.namespace}/${p.resource.name}: the trust anchor "${subject(c)}" is not a CA certificate`);
        const algo = algoProblem(c);
        if (algo) ctx.report({ resource: p.resource, path: p.path, severity: 'warning', message: `${p.resource.kind} ${p.resource.namespace}/${p.resource.name}: the trust anchor "${subject(c)}" ${algo}` });
      }
    }
    const allAnchors = anchors.flatMap((a) => a.certs);
    for (const p of issuers) {
      const c = p.certs[0];
      const id = `${p.resource.kind} ${p.resource.namespace}/${p.resource.name}`;
      validity(p, c, 'issuer certificate');
      if (!c.ca) bad(p, `${id}: the issuer certificate "${subject(c)}" is not a CA certificate, so it cannot sign proxy certificates`);
      const algo = algoProblem(c);
      if (algo) bad(p, `${id}: the issuer certificate "${subject(c)}" ${algo}`);
      if (p.key) {
        const problem = keyMismatch(c, p.key.pem);
        if (problem) bad({ resource: p.resource, path: p.key.path }, `${id}: ${problem}; the identity service cannot issue certificates`);
      }
      if (!allAnchors.length) continue;
      const chain = [...p.certs.slice(1), ...allAnchors];
      const signed = chain.some((a) => {
        try {
          return c.checkIssued(a) && c.verify(a.publicKey);
        } catch {
          return false;
        }
      });
      if (!signed) bad(p, `${id}: the issuer certificate "${subject(c)}" is not signed by any trust anchor in the inputs: proxies reject the identities it issues`);
    }
  },
});
