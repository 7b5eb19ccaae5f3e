// linkerd-identity-cert on certificates made at test time, with validity relative to now.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import identityCert from '../rules/linkerd/identity-cert.js';
import { ALL_RULES } from '../rules/index.js';
import { makeCert, type TestCert } from './harness/certs.js';
import { lintFixture } from './harness/run-fixture.js';

const dir = mkdtempSync(join(tmpdir(), 'mesh-lint-identity-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let n = 0;
let lastYaml = '';
function lintIdentity(anchors: TestCert[], issuer: TestCert | undefined, rules = [identityCert], keyOf: TestCert | undefined = issuer) {
  const indent = (pem: string) => pem.trimEnd().split('\n').map((l) => `    ${l}`).join('\n');
  let yaml = `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: linkerd-identity-trust-roots, namespace: linkerd}\ndata:\n  ca-bundle.crt: |\n${anchors.map((a) => indent(a.pem)).join('\n')}\n`;
  if (issuer) {
    const keyPem = (keyOf ?? issuer).key.export({ type: 'pkcs8', format: 'pem' }).toString();
    yaml += `---\napiVersion: v1\nkind: Secret\nmetadata: {name: linkerd-identity-issuer, namespace: linkerd}\ntype: Opaque\ndata:\n  crt.pem: ${Buffer.from(issuer.pem).toString('base64')}\n  key.pem: ${Buffer.from(keyPem).toString('base64')}\n`;
  }
  const file = join(dir, `case-${n++}.yaml`);
  writeFileSync(file, yaml);
  lastYaml = yaml;
  return lintFixture(file, rules).map((f) => ({ severity: f.severity, message: f.message, line: f.location.startLine }));
}

describe('linkerd-identity-cert', () => {
  const root = makeCert({ cn: 'root.linkerd.cluster.local', toDays: 3650, ca: true });

  it('stays silent on a valid trust anchor and issuer (with all rules)', () => {
    const issuer = makeCert({ cn: 'identity.linkerd.cluster.local', toDays: 365, ca: true, issuer: root });
    expect(lintIdentity([root], issuer, ALL_RULES).filter((f) => f.severity !== 'info')).toEqual([]);
  });

  it('accepts an issuer signed by the second anchor of a rotation bundle', () => {
    const next = makeCert({ cn: 'root-2.linkerd.cluster.local', toDays: 3650, ca: true });
    const issuer = makeCert({ cn: 'identity.linkerd.cluster.local', toDays: 365, ca: true, issuer: next });
    expect(lintIdentity([root, next], issuer)).toEqual([]);
  });

  it('reports an expired issuer as an error', () => {
    const issuer = makeCert({ cn: 'identity.linkerd.cluster.local', fromDays: -400, toDays: -1, ca: true, issuer: root });
    const f = lintIdentity([root], issuer);
    expect(f).toHaveLength(1);
    expect(f[0].severity).toBe('error');
    expect(f[0].message).toMatch(/issuer certificate .* expired/);
  });

  it('warns when the issuer expires within 60 days, not when 61 days remain', () => {
    const soon = makeCert({ cn: 'identity.linkerd.cluster.local', toDays: 59, ca: true, issuer: root });
    const f = lintIdentity([root], soon);
    expect(f.map((x) => x.severity)).toEqual(['warning']);
    expect(f[0].message).toMatch(/expires .* in 5[89] days/);
    const later = makeCert({ cn: 'identity.linkerd.cluster.local', toDays: 61, ca: true, issuer: root });
    expect(lintIdentity([root], later)).toEqual([]);
  });

  it('reports a trust anchor that is not yet valid or expired', () => {
    const future = makeCert({ cn: 'future-root', fromDays: 5, toDays: 3650, ca: true });
    expect(lintIdentity([future], undefined).map((f) => f.message)).toEqual([expect.stringMatching(/trust anchor "CN=future-root" is not valid before/)]);
    const old = makeCert({ cn: 'old-root', fromDays: -800, toDays: -2, ca: true });
    expect(lintIdentity([old], undefined).map((f) => f.message)).toEqual([expect.stringMatching(/trust anchor "CN=old-root" expired/)]);
  });

  it('reports an issuer not signed by any trust anchor', () => {
    const other = makeCert({ cn: 'other-root', toDays: 3650, ca: true });
    const issuer = makeCert({ cn: 'identity.linkerd.cluster.local', toDays: 365, ca: true, issuer: other });
    const f = lintIdentity([root], issuer);
    expect(f.map((x) => x.message)).toEqual([expect.stringMatching(/not signed by any trust anchor/)]);
    expect(f[0].severity).toBe('error');
  });

  it('reports an issuer private key that does not belong to the issuer certificate', () => {
    const issuer = makeCert({ cn: 'identity.linkerd.cluster.local', toDays: 365, ca: true, issuer: root });
    const f = lintIdentity([root], issuer, [identityCert], root);
    expect(f.map((x) => x.message)).toEqual([expect.stringMatching(/private key does not match the public key/)]);
    expect(f[0].line).toBe(lastYaml.split('\n').findIndex((l) => l.includes('key.pem:')) + 1);
  });

  it('reports an issuer that is not a CA or does not use ECDSA P-256', () => {
    const leaf = makeCert({ cn: 'identity.linkerd.cluster.local', toDays: 365, ca: false, issuer: root });
    expect(lintIdentity([root], leaf).map((x) => x.message)).toEqual([expect.stringMatching(/is not a CA certificate/)]);
    const rsa = makeCert({ cn: 'identity.linkerd.cluster.local', toDays: 365, ca: true, issuer: root, keyType: 'rsa' });
    expect(lintIdentity([root], rsa).map((x) => x.message)).toEqual([expect.stringMatching(/RSA key; Linkerd requires ECDSA P-256/)]);
    const p384 = makeCert({ cn: 'identity.linkerd.cluster.local', toDays: 365, ca: true, issuer: root, keyType: 'ec-p384' });
    expect(lintIdentity([root], p384).map((x) => x.message)).toEqual([expect.stringMatching(/secp384r1 curve/)]);
  });
});

describe('linkerd-identity-cert in Helm values', () => {
  it('reads a Flux HelmRelease: an issuer not signed by the anchor is reported on its crtPEM', () => {
    const root = makeCert({ cn: 'root.linkerd.cluster.local', toDays: 3650, ca: true });
    const other = makeCert({ cn: 'other-root', toDays: 3650, ca: true });
    const good = makeCert({ cn: 'identity.linkerd.cluster.local', toDays: 365, ca: true, issuer: root });
    const bad = makeCert({ cn: 'identity.linkerd.cluster.local', toDays: 365, ca: true, issuer: other });
    const block = (pem: string, indent: string) => pem.trimEnd().split('\n').map((l) => indent + l).join('\n');
    const release = (issuer: TestCert) =>
      `apiVersion: helm.toolkit.fluxcd.io/v2\nkind: HelmRelease\nmetadata: {name: linkerd-control-plane, namespace: linkerd}\nspec:\n  chart:\n    spec: {chart: linkerd-control-plane}\n  values:\n    identityTrustAnchorsPEM: |\n${block(root.pem, '      ')}\n    identity:\n      issuer:\n        tls:\n          crtPEM: |\n${block(issuer.pem, '            ')}\n`;
    const file = join(dir, 'helmrelease-good.yaml');
    writeFileSync(file, release(good));
    expect(lintFixture(file, [identityCert])).toEqual([]);
    const badFile = join(dir, 'helmrelease-bad.yaml');
    writeFileSync(badFile, release(bad));
    const f = lintFixture(badFile, [identityCert]);
    expect(f.map((x) => x.message)).toEqual([expect.stringMatching(/not signed by any trust anchor/)]);
    expect(f[0].location.startLine).toBe(release(bad).split('\n').findIndex((l) => l.includes('crtPEM')) + 1);
  });
});
