import { generateKeyPairSync, sign, X509Certificate, type KeyObject } from 'node:crypto';

/*
 * Just enough DER to issue X.509 v3 certificates for the Partner Center stand-in's test CA: node:crypto
 * reads certificates but cannot make them, and the tests must not depend on an openssl binary. RSA
 * keys, SHA-256 signatures, the extensions a chain check looks at (basic constraints, key usage) and
 * the AIA "CA Issuers" address.
 */

function length(n: number): Buffer {
  if (n < 0x80) return Buffer.from([n]);
  const bytes: number[] = [];
  for (let v = n; v > 0; v >>= 8) bytes.unshift(v & 0xff);
  return Buffer.from([0x80 | bytes.length, ...bytes]);
}

const tlv = (tag: number, ...content: Buffer[]): Buffer => {
  const body = Buffer.concat(content);
  return Buffer.concat([Buffer.from([tag]), length(body.length), body]);
};
const seq = (...items: Buffer[]) => tlv(0x30, ...items);
const set = (...items: Buffer[]) => tlv(0x31, ...items);

/** DER integers are minimal: no leading zero bytes, except one that keeps a positive value positive. */
function integer(value: Buffer): Buffer {
  let start = 0;
  while (start < value.length - 1 && value[start] === 0) start++;
  const trimmed = value.subarray(start);
  return tlv(0x02, trimmed[0]! & 0x80 ? Buffer.concat([Buffer.from([0]), trimmed]) : trimmed);
}

function oid(dotted: string): Buffer {
  const [a, b, ...rest] = dotted.split('.').map(Number);
  const bytes = [a! * 40 + b!];
  for (const arc of rest) {
    const chunk = [arc & 0x7f];
    for (let v = arc >> 7; v > 0; v >>= 7) chunk.unshift(0x80 | (v & 0x7f));
    bytes.push(...chunk);
  }
  return tlv(0x06, Buffer.from(bytes));
}

const utf8 = (s: string) => tlv(0x0c, Buffer.from(s, 'utf8'));
const bitString = (bytes: Buffer, unused = 0) => tlv(0x03, Buffer.from([unused]), bytes);
const octets = (bytes: Buffer) => tlv(0x04, bytes);
const bool = (v: boolean) => tlv(0x01, Buffer.from([v ? 0xff : 0]));

function time(d: Date): Buffer {
  const iso = d.toISOString();
  const digits = iso.slice(0, 19).replace(/[-:T]/g, '');
  return d.getUTCFullYear() < 2050 ? tlv(0x17, Buffer.from(`${digits.slice(2)}Z`)) : tlv(0x18, Buffer.from(`${digits}Z`));
}

/** A distinguished name, e.g. { C: 'US', O: 'Microsoft Corporation', CN: '…' }. */
export type Name = Readonly<Partial<Record<'C' | 'O' | 'CN', string>>>;
const NAME_OIDS = { C: '2.5.4.6', O: '2.5.4.10', CN: '2.5.4.3' } as const;

function name(n: Name): Buffer {
  const parts = (Object.keys(NAME_OIDS) as (keyof typeof NAME_OIDS)[])
    .filter((k) => n[k] !== undefined)
    .map((k) => set(seq(oid(NAME_OIDS[k]), k === 'C' ? tlv(0x13, Buffer.from(n[k]!)) : utf8(n[k]!))));
  return seq(...parts);
}

const SHA256_RSA = seq(oid('1.2.840.113549.1.1.11'), Buffer.from([0x05, 0x00]));

export interface IssuedCertificate {
  readonly der: Buffer;
  readonly pem: string;
  readonly certificate: X509Certificate;
  readonly privateKey: KeyObject;
  readonly subject: Name;
}

export interface IssueOptions {
  readonly subject: Name;
  /** Self-signed when absent. */
  readonly issuer?: IssuedCertificate;
  readonly ca: boolean;
  readonly notBefore: Date;
  readonly notAfter: Date;
  /** AIA "CA Issuers": where the issuer's certificate can be fetched. */
  readonly caIssuersUrl?: string;
  readonly serial?: number;
}

export function rsaKeys(): { publicKey: KeyObject; privateKey: KeyObject } {
  return generateKeyPairSync('rsa', { modulusLength: 2048 });
}

/** Issue a certificate for a fresh RSA key, signed by `issuer` (or by itself). */
export function issueCertificate(options: IssueOptions, keys = rsaKeys()): IssuedCertificate {
  const extensions = [
    seq(oid('2.5.29.19'), bool(true), octets(options.ca ? seq(bool(true)) : seq())),
    // keyCertSign + cRLSign for a CA, digitalSignature for a signer.
    seq(oid('2.5.29.15'), bool(true), octets(options.ca ? bitString(Buffer.from([0x06]), 1) : bitString(Buffer.from([0x80]), 7))),
    ...(options.caIssuersUrl ? [seq(oid('1.3.6.1.5.5.7.1.1'), octets(seq(seq(oid('1.3.6.1.5.5.7.48.2'), tlv(0x86, Buffer.from(options.caIssuersUrl))))))] : []),
  ];
  const serial = Buffer.alloc(8);
  serial.writeUInt32BE(options.serial ?? Math.floor(Math.random() * 0x7fffffff), 4);
  const tbs = seq(
    tlv(0xa0, integer(Buffer.from([2]))),
    integer(serial),
    SHA256_RSA,
    name(options.issuer?.subject ?? options.subject),
    seq(time(options.notBefore), time(options.notAfter)),
    name(options.subject),
    keys.publicKey.export({ type: 'spki', format: 'der' }),
    tlv(0xa3, seq(...extensions)),
  );
  const signature = sign('sha256', tbs, options.issuer?.privateKey ?? keys.privateKey);
  const der = seq(tbs, SHA256_RSA, bitString(signature));
  const pem = `-----BEGIN CERTIFICATE-----\n${der.toString('base64').replace(/(.{64})/g, '$1\n').trim()}\n-----END CERTIFICATE-----\n`;
  return { der, pem, certificate: new X509Certificate(der), privateKey: keys.privateKey, subject: options.subject };
}
