import { randomBytes } from 'node:crypto';

/*
 * The inbound referral of the intake contract's example (a Microsoft seller referring Contoso's Azure
 * migration), with dates moved to "now" so that it is never expired or already closed on arrival.
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
  return {
    id,
    engagementId: `eng-${id}`,
    tenantId,
    name: 'Contoso – Azure migration',
    location: 'FR',
    sender: {
      type: 'Microsoft',
      organizationName: 'Microsoft',
      name: 'Camille Martin',
      email: 'camille.martin@microsoft.example',
    },
    customerProfile: {
      name: 'Contoso SA',
      address: { city: 'Paris', country: 'FR' },
      duns: '123456789',
      team: [{ firstName: 'Léa', lastName: 'Dubois', email: 'lea.dubois@contoso.example', phoneNumber: '+33 1 23 45 67 89' }],
    },
    details: {
      dealValue: 250000,
      currency: 'EUR',
      closingDateTime: closing,
      notes: 'Customer wants to leave its data centre by Q2.',
      requirements: { solutions: [{ name: 'Azure Migrate', publisher: 'Microsoft' }] },
    },
    inviteContext: { notes: 'You did their last migration.', helpWanted: 'Technical pre-sales' },
    createdDateTime: created,
    expirationDateTime: expires,
  };
}
