// Gateway TLS credentials: where Istio looks for `credentialName` (the namespace of the gateway's
// workload), what in the inputs can provide such a Secret, and whether a Secret holds a usable
// certificate and key.
import { X509Certificate } from 'node:crypto';
import type { Resource } from '../model/types.js';
import { isObject } from '../parse/parse.js';
import type { ResourceGraph } from './graph.js';

export interface CredentialRef {
  namespace: string;
  name: string;
}

/** `name` in the workload namespace, or `ns/name`. */
export function parseCredentialName(credentialName: string, workloadNamespace: string): CredentialRef {
  const slash = credentialName.indexOf('/');
  return slash >= 0 ? { namespace: credentialName.slice(0, slash), name: credentialName.slice(slash + 1) } : { namespace: workloadNamespace, name: credentialName };
}

/**
 * Resources in the inputs that create a Secret of that name: cert-manager Certificates
 * (`spec.secretName`), External Secrets (`spec.target.name`, default its own name) and Sealed Secrets.
 */
export function secretProvider(graph: ResourceGraph, ref: CredentialRef): Resource | undefined {
  const idx = graph.memo('istio:secret-providers', () => {
    const m = new Map<string, Resource>();
    const add = (ns: string, name: unknown, r: Resource) => {
      if (typeof name === 'string' && name !== '' && !m.has(`${ns}/${name}`)) m.set(`${ns}/${name}`, r);
    };
    for (const r of graph.resources) {
      const spec = isObject(r.body.spec) ? r.body.spec : {};
      if (r.group === 'cert-manager.io' && r.kind === 'Certificate') add(r.namespace, spec.secretName, r);
      else if (r.group === 'external-secrets.io' && r.kind === 'ExternalSecret') add(r.namespace, isObject(spec.target) && typeof spec.target.name === 'string' ? spec.target.name : r.name, r);
      else if (r.group === 'bitnami.com' && r.kind === 'SealedSecret') add(r.namespace, r.name, r);
    }
    return m;
  });
  return idx.get(`${ref.namespace}/${ref.name}`);
}

/** `placeholder`: PEM-framed data that does not parse, as redacted or generated example Secrets hold. */
export type CredentialProblem = { problem: string; placeholder?: boolean } | undefined;

function decode(v: unknown): string | undefined {
  if (typeof v !== 'string' || v === '') return undefined;
  try {
    return Buffer.from(v, 'base64').toString('utf8');
  } catch {
    return undefined;
  }
}

/**
 * Checks a Secret as Istio's gateway credential: `data` must hold a non-empty `tls.crt` + `tls.key`
 * (or `cert` + `key`), and the certificate must be PEM x509 certificates valid at `now`.
 */
export function checkCredentialSecret(secret: Resource, now: Date): CredentialProblem {
  const data = isObject(secret.body.data) ? secret.body.data : {};
  const sd = isObject(secret.body.stringData) ? secret.body.stringData : {};
  const pick = (k: string) => decode(data[k]) ?? (typeof sd[k] === 'string' && sd[k] !== '' ? (sd[k] as string) : undefined);
  let cert = pick('tls.crt');
  let key = pick('tls.key');
  if (!(cert && key)) {
    cert = pick('cert');
    key = pick('key');
  }
  if (!(cert && key)) return { problem: 'it has no non-empty "tls.crt" and "tls.key" (or "cert" and "key") entries' };
  const blocks = cert.match(/-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/g);
  if (!blocks) {
    if (cert.includes('-----BEGIN CERTIFICATE-----')) return { problem: 'its certificate is not complete PEM (a placeholder?)', placeholder: true };
    return { problem: 'its certificate is not PEM-encoded x509' };
  }
  for (const b of blocks) {
    let x: X509Certificate;
    try {
      x = new X509Certificate(b);
    } catch {
      return { problem: 'its certificate cannot be parsed as x509 (a placeholder?)', placeholder: true };
    }
    const from = new Date(x.validFrom);
    const to = new Date(x.validTo);
    if (now < from) return { problem: `its certificate is not valid before ${from.toISOString()}` };
    if (now > to) return { problem: `its certificate expired on ${to.toISOString()}` };
  }
  return undefined;
}
