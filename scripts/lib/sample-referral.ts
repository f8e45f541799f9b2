import { randomBytes } from 'node:crypto';
import { contractExample } from '../../services/referrals/contractExample';

/*
 * The intake contract's example (a Microsoft seller referring Contoso's Azure migration), with its
 * dates moved to "now" so that it is never expired or already closed on arrival.
 */

const DAY_MS = 24 * 60 * 60 * 1000;
/** The contract's default lifetime of a referral. */
const REFERRAL_LIFETIME_DAYS = 14;
const CLOSING_IN_DAYS = 120;

/** A new sender id each run, so each run is a new referral (the intake treats a repeated id as a repeat). */
export function freshReferralId(): string {
  return `sample-${randomBytes(4).toString('hex')}`;
}

export interface SampleReferralOptions {
  readonly id: string;
  readonly tenantId: string;
  readonly now: Date;
}

export function sampleReferral({ id, tenantId, now }: SampleReferralOptions) {
  const created = now.toISOString();
  const expires = new Date(now.getTime() + REFERRAL_LIFETIME_DAYS * DAY_MS).toISOString();
  const closing = new Date(now.getTime() + CLOSING_IN_DAYS * DAY_MS).toISOString().slice(0, 10);
  const example = contractExample();
  return {
    ...example,
    id,
    engagementId: `eng-${id}`,
    tenantId,
    details: { ...example.details, closingDateTime: closing },
    createdDateTime: created,
    expirationDateTime: expires,
  };
}
