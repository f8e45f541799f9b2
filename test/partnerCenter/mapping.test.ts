import { acceptInput, acceptReferral, declineReferral, expireReferral, markLost, markWon, receiveReferral, type Deal } from '../../services/domain';
import {
  createBody,
  dealStatusOf,
  fieldsOf,
  fieldsOfDeal,
  mergeRemote,
  patchOps,
  PcReferral,
  rebase,
  referralToIntake,
  statusFor,
  syncedLink,
  syncStateOf,
  takeRemote,
} from '../../services/partnerCenter/mapping';
import { toReferralIntake } from '../../services/referrals/intake';
import { ctx, NOW, outboundDeal, RULES, TENANT } from '../support/fixtures';

/*
 * The one mapping between Partner Center's referral resource and our deal: what each status means,
 * what a change sends, and how changes on both sides meet. The choices the documentation leaves open
 * are each named in a test.
 */

function resource(overrides: Record<string, unknown> = {}): PcReferral {
  return PcReferral.parse({
    id: '4111fffc-f9ee-4d53-bba6-569135228642',
    engagementId: '37ef26aa-1d15-4533-9f93-a69bd33ab1e5',
    name: 'Contoso – Azure migration',
    direction: 'Incoming',
    status: 'New',
    substatus: 'Pending',
    customerProfile: { name: 'Contoso SA', address: { city: 'Paris', country: 'FR' }, team: [{ firstName: 'Léa', lastName: 'Dubois', email: 'lea.dubois@contoso.example', phoneNumber: '+33 1 23 45 67 89' }], ids: { duns: '123456789' } },
    details: { notes: 'Leave the data centre by Q2.', dealValue: 250000, currency: 'eur', closingDateTime: '2027-03-31T00:00:00Z', requirements: { solutions: [{ id: 'AzureMigrate', name: 'Azure Migrate', type: 'Category' }] } },
    inviteContext: { notes: 'You did their last migration.', invitedBy: { organizationId: 'msft', organizationName: 'Microsoft' } },
    createdDateTime: '2026-11-20T09:30:00.2931817Z',
    updatedDateTime: '2026-11-20T09:45:00Z',
    expirationDateTime: '2026-12-04T09:30:00Z',
    eTag: '"0001"',
    ...overrides,
  });
}

/** A deal imported from `pc` the way the import does it. */
function imported(pc = resource()): Deal {
  const intake = referralToIntake(TENANT, pc);
  if (!intake.ok) throw new Error(intake.reason);
  const deal = receiveReferral(toReferralIntake(intake.body), NOW, RULES);
  return { ...takeRemote(deal, fieldsOf(pc), ['status'], NOW, RULES), partnerCenter: syncedLink(pc, NOW) };
}

const acceptance = acceptInput('2026-11-20').parse({ name: 'Contoso – Azure migration', value: { amount: '250000', currency: 'EUR' }, closeDate: '2027-03-31', notes: 'Leave the data centre by Q2.', team: [{ name: 'Ana Seller', phone: '+33 1 02 03 04 05', email: 'ana@fabrikam.example' }] });

describe('PARTNER CENTER MAPPING: statuses (our choice, documented in services/partnerCenter/mapping.ts)', () => {
  it.each([
    ['New', 'Pending', 'received'],
    ['New', 'Received', 'received'],
    ['Active', 'Accepted', 'open'],
    ['Closed', 'Won', 'won'],
    ['Closed', 'Lost', 'lost'],
    ['Closed', 'Declined', 'declined'],
    ['closed', 'expired', 'expired'],
  ])('when Partner Center says %s/%s, then the deal is %s', (status, substatus, expected) => {
    expect(dealStatusOf({ status, substatus })).toBe(expected);
  });

  it('when Partner Center closes with a substatus we do not know, then no outcome is guessed and the deal keeps its status', () => {
    expect(dealStatusOf({ status: 'Closed', substatus: 'Withdrawn' })).toBeUndefined();
    const deal = imported();
    expect(mergeRemote(deal, resource({ status: 'Closed', substatus: 'Withdrawn', eTag: '"0009"' }), NOW, RULES).status).toBe('received');
  });

  it('when a seller accepts, declines, wins or loses, then Partner Center is told Active/Accepted, Closed/Declined, Closed/Won, Closed/Lost', () => {
    expect(statusFor('open')).toEqual({ status: 'Active', substatus: 'Accepted' });
    expect(statusFor('declined')).toEqual({ status: 'Closed', substatus: 'Declined' });
    expect(statusFor('won')).toEqual({ status: 'Closed', substatus: 'Won' });
    expect(statusFor('lost')).toEqual({ status: 'Closed', substatus: 'Lost' });
  });

  it('when the referral is still new, then its spelling (New/Pending) is kept and nothing is sent', () => {
    const deal = imported();
    expect(fieldsOfDeal(deal, deal.partnerCenter!.synced)).toEqual(deal.partnerCenter!.synced);
    expect(syncStateOf(deal)).toEqual({ state: 'synced', at: '2026-11-20T10:00:00.000Z' });
  });

  it('when our sweeper expires a referral, then that is not sent: expiry is Partner Center’s', () => {
    const deal = imported();
    const expired = expireReferral(deal, NOW.plus({ days: 15 }), RULES);
    if (!expired.ok) throw new Error(expired.refusal.code);
    expect(patchOps(deal.partnerCenter!.synced!, fieldsOfDeal(expired.value, deal.partnerCenter!.synced))).toEqual([]);
    expect(syncStateOf(expired.value)?.state).toBe('synced');
  });

  it('when a decline has a reason and notes, then they become one statusReason, in English', () => {
    const deal = imported();
    const declined = declineReferral(deal, { reason: 'outsideLocation', notes: 'We serve Belgium only.' }, ctx(), RULES);
    if (!declined.ok) throw new Error(declined.refusal.code);
    const base = deal.partnerCenter!.synced!;
    expect(patchOps(base, fieldsOfDeal(declined.value, base))).toEqual([
      { op: 'replace', path: '/status', value: 'Closed' },
      { op: 'replace', path: '/substatus', value: 'Declined' },
      { op: 'add', path: '/statusReason', value: 'Outside the locations we serve — We serve Belgium only.' },
    ]);
  });
});

describe('PARTNER CENTER MAPPING: a referral becomes an intake, validated as the intake validates', () => {
  it('when Partner Center sends a referral, then it carries the intake’s fields: sender from invitedBy, location from the customer’s country, Category solutions as Microsoft’s', () => {
    const result = referralToIntake(TENANT, resource());
    if (!result.ok) throw new Error(result.reason);
    expect(result.body).toMatchObject({
      id: '4111fffc-f9ee-4d53-bba6-569135228642',
      tenantId: TENANT,
      location: 'FR',
      sender: { type: 'Microsoft', organizationName: 'Microsoft' },
      customerProfile: { name: 'Contoso SA', address: { city: 'Paris', country: 'FR' }, duns: '123456789' },
      details: { dealValue: 250000, currency: 'EUR', closingDateTime: '2027-03-31', requirements: { solutions: [{ name: 'Azure Migrate', publisher: 'Microsoft' }] } },
    });
    const partner = referralToIntake(TENANT, resource({ inviteContext: { invitedBy: { organizationId: 'a1b2', organizationName: 'Tailspin Toys' } } }));
    expect(partner.ok && partner.body.sender).toEqual({ type: 'Partner', organizationName: 'Tailspin Toys' });
  });

  it('when a referral misses what the intake requires, then it is refused with the intake’s per-field reasons', () => {
    const result = referralToIntake(TENANT, resource({ details: { dealValue: null, currency: 'EURO', closingDateTime: 'soon' }, customerProfile: { name: '', address: { country: 'XX' } } }));
    expect(result).toEqual({ ok: false, reason: expect.stringContaining('details.currency: Enter an ISO 4217 currency code') });
    if (!result.ok) {
      for (const path of ['location:', 'customerProfile.name:', 'details.dealValue:', 'details.closingDateTime:']) expect(result.reason).toContain(path);
      expect(result.reason.length).toBeLessThanOrEqual(500);
    }
  });

  it('when its notes are longer than the intake takes, then they are cut rather than the referral refused', () => {
    const result = referralToIntake(TENANT, resource({ details: { dealValue: 1, currency: 'EUR', closingDateTime: '2027-01-01', notes: 'n'.repeat(50_000) } }));
    expect(result.ok && result.body.details.notes?.length).toBe(4000);
  });

  it('when a field is larger than anything Partner Center sends, then the resource itself is refused before it is looked at', () => {
    expect(PcReferral.safeParse({ ...resource(), statusReason: 'x'.repeat(20_001) }).success).toBe(false);
    expect(PcReferral.safeParse({ ...resource(), id: '../../admin' }).success).toBe(false);
  });
});

describe('PARTNER CENTER MAPPING: changes on both sides', () => {
  it('when only Partner Center changed fields, then the deal takes them, with Partner Center on its history, and the link moves to the new eTag', () => {
    const deal = imported();
    const merged = mergeRemote(deal, resource({ name: 'Contoso – SAP too', details: { ...resource().details, dealValue: 400000 }, eTag: '"0002"' }), NOW.plus({ minutes: 5 }), RULES);
    expect(merged).toMatchObject({ name: 'Contoso – SAP too', value: { amount: 400000 }, partnerCenter: { eTag: '"0002"', state: 'synced' } });
    expect(merged.history.at(-1)).toMatchObject({ event: 'edited', detail: 'name,value', by: { name: 'Partner Center' } });
  });

  it('when the deal has an answer not yet sent, then a Partner Center change to other fields is taken but the link keeps its base, so the answer still goes', () => {
    const deal = imported();
    const accepted = acceptReferral(deal, acceptance, ctx(), RULES);
    if (!accepted.ok) throw new Error(accepted.refusal.code);
    const merged = mergeRemote(accepted.value, resource({ details: { ...resource().details, notes: 'Budget approved' }, eTag: '"0002"' }), NOW, RULES);
    expect(merged).toMatchObject({ status: 'open', notes: 'Budget approved', partnerCenter: { eTag: '"0001"' } });
    expect(syncStateOf(merged)?.state).toBe('pending');
  });

  it('when Partner Center answered meanwhile (412), then a rebase drops our answer for theirs and records the conflict; a field only we changed is kept to send again', () => {
    const deal = imported();
    const accepted = acceptReferral(deal, { ...acceptance, name: 'Contoso – renamed here' }, ctx(), RULES);
    if (!accepted.ok) throw new Error(accepted.refusal.code);
    const { deal: rebased, dropped } = rebase(accepted.value, resource({ status: 'Closed', substatus: 'Declined', statusReason: 'Customer withdrew', eTag: '"0003"' }), NOW, RULES);
    expect(dropped).toEqual(['status']);
    expect(rebased).toMatchObject({ status: 'declined', name: 'Contoso – renamed here', response: { action: 'declined', reasonText: 'Customer withdrew' } });
    expect(rebased.partnerCenter).toMatchObject({ eTag: '"0003"', state: 'conflict', conflict: { code: 'keptRemote', remoteStatus: 'Closed/Declined' } });
    expect(patchOps(rebased.partnerCenter!.synced!, fieldsOfDeal(rebased, rebased.partnerCenter!.synced))).toEqual([{ op: 'replace', path: '/name', value: 'Contoso – renamed here' }]);
    expect(syncStateOf(rebased)?.state).toBe('conflict');
  });

  it('when Partner Center changed something else (412), then our answer is re-applied on its version', () => {
    const deal = imported();
    const won = (() => {
      const a = acceptReferral(deal, acceptance, ctx(), RULES);
      if (!a.ok) throw new Error(a.refusal.code);
      const synced = { ...a.value, partnerCenter: syncedLink(resource({ status: 'Active', substatus: 'Accepted', eTag: '"0002"' }), NOW) };
      const w = markWon(synced, ctx(), RULES);
      if (!w.ok) throw new Error(w.refusal.code);
      return w.value;
    })();
    const { deal: rebased, dropped } = rebase(won, resource({ status: 'Active', substatus: 'Accepted', details: { ...resource().details, notes: 'New notes' }, eTag: '"0004"' }), NOW, RULES);
    expect(dropped).toEqual([]);
    expect(rebased).toMatchObject({ status: 'won', notes: 'New notes', partnerCenter: { state: 'synced', eTag: '"0004"' } });
    expect(patchOps(rebased.partnerCenter!.synced!, fieldsOfDeal(rebased, rebased.partnerCenter!.synced))).toEqual([
      { op: 'replace', path: '/status', value: 'Closed' },
      { op: 'replace', path: '/substatus', value: 'Won' },
    ]);
  });

  it('when an accepted referral is lost here, then Closed/Lost goes with the loss’s reason as statusReason', () => {
    const a = acceptReferral(imported(), acceptance, ctx(), RULES);
    if (!a.ok) throw new Error(a.refusal.code);
    const base = fieldsOf(resource({ status: 'Active', substatus: 'Accepted' }));
    const lost = markLost({ ...a.value, partnerCenter: { ...a.value.partnerCenter!, synced: base } }, 'Budget cut', ctx(), RULES);
    if (!lost.ok) throw new Error(lost.refusal.code);
    expect(patchOps(base, fieldsOfDeal(lost.value, base))).toEqual([
      { op: 'replace', path: '/status', value: 'Closed' },
      { op: 'replace', path: '/substatus', value: 'Lost' },
      { op: 'add', path: '/statusReason', value: 'Budget cut' },
    ]);
  });
});

describe('PARTNER CENTER MAPPING: a deal created in the bot', () => {
  it('when it is created in Partner Center, then it goes Active/Accepted, Outgoing, with our deal id as externalReferenceId', () => {
    const deal = outboundDeal();
    expect(createBody(deal)).toMatchObject({
      name: deal.name,
      externalReferenceId: deal.id,
      direction: 'Outgoing',
      status: 'Active',
      substatus: 'Accepted',
      type: 'Independent',
      customerProfile: { name: 'Northwind Traders', address: { city: 'Lyon', country: 'FR' }, ids: { duns: '987654321' } },
      details: { dealValue: 120000, currency: 'EUR', closingDateTime: '2027-06-30T00:00:00Z' },
      team: [{ firstName: 'Ana', lastName: 'Seller', email: 'ana@fabrikam.example', phoneNumber: '+33 1 02 03 04 05' }],
    });
  });

  it('when it is waiting to be created there, then its card says so since it was created', () => {
    const deal = { ...outboundDeal(), partnerCenter: { state: 'pending' as const, at: '2026-11-20T10:00:00.000Z' } };
    expect(syncStateOf(deal)).toEqual({ state: 'pending', at: '2026-11-20T10:00:00.000Z' });
  });
});
