import { DateTime } from 'luxon';
import {
  createDeal,
  dealDraftInput,
  receiveReferral,
  type ActionContext,
  type Deal,
  type DealDraftInput,
  type Member,
  type Organization,
  type ReferralIntake,
  type TimeRules,
} from '../../services/domain';
import { parseLeadTimes } from '../../services/domain/schedule';

/** The fixed "now" of domain tests: the contract's sample referral was created half an hour earlier. */
export const NOW = DateTime.fromISO('2026-11-20T10:00:00Z', { zone: 'utc' });
export const RULES: TimeRules = { reminderLeadTimes: parseLeadTimes('P7D,P3D,P1D') };
export const TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';
export const OTHER_TENANT = 'a1b2c3d4-0000-4000-8000-000000000002';

export function member(overrides: Partial<Member> = {}): Member {
  return {
    tenantId: TENANT,
    userId: 'user-ana',
    name: 'Ana Seller',
    email: 'ana@fabrikam.example',
    role: 'user',
    locationScopes: ['FR'],
    installed: true,
    joinedAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    ...overrides,
  };
}

export const admin = (overrides: Partial<Member> = {}) =>
  member({ userId: 'user-adam', name: 'Adam Admin', email: 'adam@fabrikam.example', role: 'admin', locationScopes: [], ...overrides });

export function organization(overrides: Partial<Organization> = {}): Organization {
  return {
    tenantId: TENANT,
    name: 'Fabrikam',
    solutions: [{ kind: 'own', name: 'Fabrikam Migrate', incentive: 'azureIpCoSell' }],
    assessmentVetted: false,
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    ...overrides,
  };
}

export function ctx(overrides: Partial<ActionContext> = {}): ActionContext {
  return { actor: { kind: 'user', id: 'user-ana', name: 'Ana Seller' }, now: NOW, ...overrides };
}

export const ANA_ON_TEAM = { name: 'Ana Seller', phone: '+33 1 02 03 04 05', email: 'ana@fabrikam.example', userId: 'user-ana' };

export function intake(overrides: Partial<ReferralIntake> = {}): ReferralIntake {
  return {
    tenantId: TENANT,
    externalId: 'pc-7f3c2a',
    engagementId: 'eng-18e2',
    name: 'Contoso – Azure migration',
    location: 'FR',
    sender: { type: 'Microsoft', organizationName: 'Microsoft', name: 'Camille Martin', email: 'camille.martin@microsoft.example' },
    customer: {
      name: 'Contoso SA',
      country: 'FR',
      city: 'Paris',
      duns: '123456789',
      contacts: [{ name: 'Léa Dubois', email: 'lea.dubois@contoso.example', phone: '+33 1 23 45 67 89' }],
      contactConsent: false,
    },
    value: { amount: 250000, currency: 'EUR' },
    closeDate: '2027-03-31',
    notes: 'Customer wants to leave its data centre by Q2.',
    solutions: [{ kind: 'microsoft', name: 'Azure Migrate', publisher: 'Microsoft' }],
    inviteContext: { notes: 'You did their last migration.', helpWanted: 'Technical pre-sales' },
    createdAt: DateTime.fromISO('2026-11-20T09:30:00Z', { zone: 'utc' }),
    ...overrides,
  };
}

export function receivedReferral(overrides: Partial<ReferralIntake> = {}, now = NOW): Deal {
  return receiveReferral(intake(overrides), now, RULES);
}

export function draft(overrides: Record<string, unknown> = {}): DealDraftInput {
  return dealDraftInput(NOW.toISODate()!).parse({
    customer: { name: 'Northwind Traders', country: 'FR', city: 'Lyon', duns: '987654321', contacts: [], contactConsent: false },
    name: 'Northwind – data platform',
    location: 'FR',
    value: { amount: '120000', currency: 'EUR' },
    closeDate: '2027-06-30',
    team: [ANA_ON_TEAM],
    solutions: [{ kind: 'own', name: 'Fabrikam Migrate', incentive: 'azureIpCoSell' }],
    help: 'none',
    microsoftMayView: 'false',
    ...overrides,
  });
}

/** An outbound deal created now from a draft; throws if the draft is refused (a broken fixture). */
export function outboundDeal(overrides: Record<string, unknown> = {}, org = organization()): Deal {
  const result = createDeal(draft(overrides), org, ctx(), RULES, seq());
  if (!result.ok) throw new Error(`fixture refused: ${result.refusal.code}`);
  return result.value;
}

/** A deterministic "random" source so that ids in tests are stable. */
export function seq(seed = 1): () => number {
  let x = seed;
  return () => {
    x = (x * 48271) % 2147483647;
    return x / 2147483647;
  };
}

export function unwrap<T>(result: { ok: true; value: T } | { ok: false; refusal: { code: string } }): T {
  if (!result.ok) throw new Error(`unexpected refusal: ${result.refusal.code}`);
  return result.value;
}
