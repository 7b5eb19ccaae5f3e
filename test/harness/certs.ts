// A tiny X.509 builder for tests: DER-encodes a TBSCertificate and signs it with node:crypto, so
// certificate fixtures are made at test time with validity relative to now (no test depends on the date).
import { createPublicKey, generateKeyPairSync, sign, type KeyObject } from 'node:crypto';

const len = (n: number): Buffer => {
  if (n < 0x80) return Buffer.from([n]);
  const bytes: number[] = [];
  for (let v = n; v > 0; v >>= 8) bytes.unshift(v & 0xff);
  return Buffer.from([0x80 | bytes.length, ...bytes]);
};
const tlv = (tag: number, body: Buffer): Buffer => Buffer.concat([Buffer.from([tag]), len(body.length), body]);
const seq = (...items: Buffer[]) => tlv(0x30, Buffer.concat(items));
const set = (...items: Buffer[]) => tlv(0x31, Buffer.concat(items));
const int = (n: number) => tlv(0x02, Buffer.from([n]));
const bool = (b: boolean) => tlv(0x01, Buffer.from([b ? 0xff : 0]));
const octets = (b: Buffer) => tlv(0x04, b);
const bits = (b: Buffer) => tlv(0x03, Buffer.concat([Buffer.from([0]), b]));
const utf8 = (s: string) => tlv(0x0c, Buffer.from(s, 'utf8'));
const oid = (dotted: string): Buffer => {
  const parts = dotted.split('.').map(Number);
  const out = [parts[0] * 40 + parts[1]];
  for (const p of parts.slice(2)) {
    const stack = [p & 0x7f];
    for (let v = p >> 7; v > 0; v >>= 7) stack.unshift(0x80 | (v & 0x7f));
    out.push(...stack);
  }
  return tlv(0x06, Buffer.from(out));
};
const time = (d: Date): Buffer => {
  const iso = d.toISOString().replace(/[-:T]/g, '').slice(0, 14) + 'Z';
  return d.getUTCFullYear() < 2050 ? tlv(0x17, Buffer.from(iso.slice(2))) : tlv(0x18, Buffer.from(iso));
};
const name = (cn: string) => seq(set(seq(oid('2.5.4.3'), utf8(cn))));

export interface TestCert {
  pem: string;
  key: KeyObject;
  cn: string;
}

export interface CertOptions {
  cn: string;
  /** Validity relative to now, in days (negative = in the past). */
  fromDays?: number;
  toDays: number;
  ca?: boolean;
  /** Signs with this certificate's key (default: self-signed). */
  issuer?: TestCert;
  keyType?: 'ec-p256' | 'ec-p384' | 'rsa';
}

export function makeCert(o: CertOptions): TestCert {
  const type = o.keyType ?? 'ec-p256';
  const { privateKey, publicKey } =
    type === 'rsa' ? generateKeyPairSync('rsa', { modulusLength: 2048 }) : generateKeyPairSync('ec', { namedCurve: type === 'ec-p384' ? 'secp384r1' : 'prime256v1' });
  const signer = o.issuer?.key ?? privateKey;
  const signerIsRsa = createPublicKey(signer).asymmetricKeyType === 'rsa';
  const sigAlg = signerIsRsa ? seq(oid('1.2.840.113549.1.1.11'), tlv(0x05, Buffer.alloc(0))) : seq(oid('1.2.840.10045.4.3.2'));
  const now = Date.now();
  const spki = publicKey.export({ type: 'spki', format: 'der' });
  const extensions = o.ca
    ? tlv(0xa3, seq(seq(oid('2.5.29.19'), bool(true), octets(seq(bool(true)))), seq(oid('2.5.29.15'), bool(true), octets(bits(Buffer.from([0x06]))))))
    : Buffer.alloc(0);
  const tbs = seq(
    tlv(0xa0, int(2)),
    int(Math.floor(Math.random() * 100) + 1),
    sigAlg,
    name(o.issuer?.cn ?? o.cn),
    seq(time(new Date(now + (o.fromDays ?? -1) * 86_400_000)), time(new Date(now + o.toDays * 86_400_000))),
    name(o.cn),
    spki,
    extensions,
  );
  const signature = sign('sha256', tbs, signer);
  const der = seq(tbs, sigAlg, bits(signature));
  const b64 = der.toString('base64').replace(/.{64}/g, '$&\n');
  return { pem: `-----BEGIN CERTIFICATE-----\n${b64}${b64.endsWith('\n') ? '' : '\n'}-----END CERTIFICATE-----\n`, key: privateKey, cn: o.cn };
}
