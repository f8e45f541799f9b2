import { createHash, randomBytes } from 'node:crypto';

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ'; // Crockford base32: no I, L, O, U to misread

function base32(bytes: Uint8Array, length: number): string {
  let out = '';
  let bits = 0;
  let value = 0;
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5 && out.length < length) {
      out += ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
    value &= (1 << bits) - 1;
  }
  return out;
}

/** A new deal id: "D" and 12 base32 characters (60 random bits). */
export function newDealId(random?: () => number): string {
  const bytes = random ? Uint8Array.from({ length: 8 }, () => Math.floor(random() * 256)) : randomBytes(8);
  return 'D' + base32(bytes, 12);
}

/** A new offer id: "O" and 12 base32 characters, like a deal's. */
export function newOfferId(random?: () => number): string {
  return 'O' + newDealId(random).slice(1);
}

/**
 * An inbound referral's id is derived from (tenant, sender's id), so receiving the same referral twice
 * lands on the same record in every store: the intake is idempotent by construction.
 */
export function inboundDealId(tenantId: string, externalId: string): string {
  return 'D' + base32(createHash('sha256').update(`${tenantId}\n${externalId}`).digest(), 12);
}
