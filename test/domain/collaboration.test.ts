import { DateTime } from 'luxon';
import {
  acceptInput,
  acceptReferral,
  dealType,
  editDeal,
  editInvitation,
  grantMicrosoftView,
  inviteMicrosoft,
  inviteOptions,
  invitePartners,
  invitationInput,
  markSalesStage,
  recordMicrosoftResponse,
  recordPartnerResponse,
  type Deal,
} from '../../services/domain';
import { ANA_ON_TEAM, ctx, NOW, OTHER_TENANT, organization, outboundDeal, receivedReferral, RULES, unwrap } from '../support/fixtures';

const consentingCustomer = {
  name: 'Northwind',
  country: 'FR',
  contacts: [{ name: 'Léa Dubois', phone: '+33 1 23 45 67 89', email: 'lea@northwind.example' }],
  contactConsent: true,
};
const partnerInvite = (name = 'Tailspin Toys', tenantId: string | undefined = OTHER_TENANT) =>
  invitationInput(NOW.toISODate()!).parse({
    partner: { ...(tenantId ? { tenantId } : {}), name },
    closeDate: '2027-05-31',
    value: { amount: '40000', currency: 'EUR' },
    team: [ANA_ON_TEAM],
    solutions: [{ kind: 'thirdParty', name: 'Tailspin Backup' }],
    helpWanted: 'Data engineering',
  });

const privateDeal = () => outboundDeal({ customer: consentingCustomer });
const partnerLedDeal = () => outboundDeal({ customer: consentingCustomer, microsoftMayView: 'true' });
const coSellOutbound = () => outboundDeal({ customer: consentingCustomer, help: 'technicalPresales' });
const p2pWithoutMicrosoft = () => unwrap(invitePartners(privateDeal(), [partnerInvite()], ctx(), RULES));
const acceptedInbound = (sender: 'Microsoft' | 'Partner') =>
  unwrap(
    acceptReferral(
      receivedReferral({ sender: { type: sender, organizationName: sender === 'Microsoft' ? 'Microsoft' : 'Tailspin Toys' } }),
      acceptInput(NOW.toISODate()!).parse({ name: 'x', value: { amount: '1', currency: 'EUR' }, closeDate: '2027-01-31', team: [ANA_ON_TEAM] }),
      ctx(),
      RULES,
    ),
  );

describe('DOMAIN: who can be invited later, and upgrades (the invitation table)', () => {
  it.each<[string, () => Deal, { microsoft: boolean; microsoftView: boolean; partners: boolean }]>([
    ['Private', privateDeal, { microsoft: true, microsoftView: true, partners: true }],
    ['Partner-led', partnerLedDeal, { microsoft: true, microsoftView: false, partners: true }],
    ['Co-sell created by this organization', coSellOutbound, { microsoft: false, microsoftView: false, partners: true }],
    ['Co-sell on the Inbound tab', () => acceptedInbound('Microsoft'), { microsoft: false, microsoftView: false, partners: false }],
    ['P2P without Microsoft (a Private deal that invited partners)', p2pWithoutMicrosoft, { microsoft: true, microsoftView: true, partners: true }],
    ['P2P without Microsoft that Microsoft sellers may view (a Partner-led deal that invited partners)', () => unwrap(invitePartners(partnerLedDeal(), [partnerInvite()], ctx(), RULES)), { microsoft: true, microsoftView: false, partners: true }],
    ['inbound P2P without Microsoft', () => acceptedInbound('Partner'), { microsoft: true, microsoftView: false, partners: true }],
    ['received (not yet accepted)', () => receivedReferral(), { microsoft: false, microsoftView: false, partners: false }],
  ])('a %s deal may invite %j', (_label, make, expected) => {
    expect(inviteOptions(make())).toEqual(expected);
  });

  it('Private + Microsoft invited → Co-sell, with Microsoft’s 14-day window', () => {
    const deal = unwrap(inviteMicrosoft(privateDeal(), { help: 'businessValue' }, ctx(), RULES));
    expect(dealType(deal)).toBe('coSell');
    expect(deal.microsoft).toMatchObject({ status: 'invited', helpWanted: 'businessValue', respondBy: '2026-12-04T10:00:00.000Z' });
    expect(deal.history.at(-1)).toMatchObject({ event: 'microsoftInvited' });
  });

  it('Private + Microsoft sellers may view → Partner-led', () => {
    const deal = unwrap(grantMicrosoftView(privateDeal(), ctx(), RULES));
    expect(dealType(deal)).toBe('partnerLed');
    expect(grantMicrosoftView(deal, ctx(), RULES)).toEqual({ ok: false, refusal: { code: 'microsoft_already_can_view' } });
  });

  it('DOMAIN: a Private deal can always be upgraded to Partner-led before it is closed, whatever partners it invited (003): when it invited partners, then "let Microsoft sellers view" is still offered and recorded', () => {
    const p2p = p2pWithoutMicrosoft();
    expect(dealType(p2p)).toBe('p2p');
    const viewed = unwrap(grantMicrosoftView(p2p, ctx(), RULES));
    expect(viewed.microsoft).toMatchObject({ canView: true, status: 'notInvited' });
    expect(viewed.invitations).toHaveLength(1);
    expect(viewed.history.at(-1)).toMatchObject({ event: 'microsoftCanView' });
    expect(grantMicrosoftView(viewed, ctx(), RULES)).toEqual({ ok: false, refusal: { code: 'microsoft_already_can_view' } });
  });

  it('Private + partners → P2P; Partner-led + partners → P2P; Partner-led + Microsoft → Co-sell', () => {
    expect(dealType(unwrap(invitePartners(privateDeal(), [partnerInvite()], ctx(), RULES)))).toBe('p2p');
    expect(dealType(unwrap(invitePartners(partnerLedDeal(), [partnerInvite()], ctx(), RULES)))).toBe('p2p');
    expect(dealType(unwrap(inviteMicrosoft(partnerLedDeal(), { help: 'postSales' }, ctx(), RULES)))).toBe('coSell');
  });

  it('Co-sell created here + other partners → stays Co-sell', () => {
    const deal = unwrap(invitePartners(coSellOutbound(), [partnerInvite()], ctx(), RULES));
    expect(dealType(deal)).toBe('coSell');
    expect(deal.invitations).toHaveLength(1);
  });

  it('Co-sell on the Inbound tab + partners → refused: partners cannot be invited on inbound deals', () => {
    expect(invitePartners(acceptedInbound('Microsoft'), [partnerInvite()], ctx(), RULES)).toEqual({ ok: false, refusal: { code: 'invite_partners_inbound' } });
  });

  it('P2P without Microsoft + Microsoft → Co-sell; + other partners → stays P2P', () => {
    expect(dealType(unwrap(inviteMicrosoft(p2pWithoutMicrosoft(), { help: 'technicalPresales' }, ctx(), RULES)))).toBe('coSell');
    const more = unwrap(invitePartners(p2pWithoutMicrosoft(), [partnerInvite('Wide World Importers', 'tenant-www')], ctx(), RULES));
    expect(dealType(more)).toBe('p2p');
    expect(more.invitations.map((i) => i.id)).toEqual(['1', '2']);
  });

  it('Co-sell + Microsoft again → refused as already engaged', () => {
    expect(inviteMicrosoft(coSellOutbound(), { help: 'postSales' }, ctx(), RULES)).toEqual({ ok: false, refusal: { code: 'microsoft_already_invited' } });
  });

  it('inviting Microsoft needs a kind of help, and the customer’s contact shared with consent', () => {
    expect(inviteMicrosoft(privateDeal(), { help: 'none' }, ctx(), RULES)).toEqual({ ok: false, refusal: { code: 'help_required' } });
    const noContact = outboundDeal();
    expect(inviteMicrosoft(noContact, { help: 'postSales' }, ctx(), RULES)).toEqual({ ok: false, refusal: { code: 'customer_contact_required' } });
    const withContact = unwrap(
      inviteMicrosoft(noContact, { help: 'postSales', contact: consentingCustomer.contacts[0], contactConsent: true }, ctx(), RULES),
    );
    expect(withContact.customer.contacts[0]).toEqual(consentingCustomer.contacts[0]);
  });

  it('invitations are possible at any non-terminal stage', () => {
    const negotiated = unwrap(markSalesStage(privateDeal(), 'negotiated', ctx(), RULES));
    expect(invitePartners(negotiated, [partnerInvite()], ctx(), RULES).ok).toBe(true);
  });
});

describe('DOMAIN: after creation the inviter can no longer change an invited partner’s close date, value, team or solutions', () => {
  it.each(['closeDate', 'value', 'team', 'solutions'])('when the inviter edits the invitation’s %s, then it is refused', (field) => {
    const deal = p2pWithoutMicrosoft();
    expect(editInvitation(deal, '1', { [field]: 'anything' }, ctx(), RULES)).toEqual({
      ok: false,
      refusal: { code: 'invitation_locked', params: { field, partner: 'Tailspin Toys' } },
    });
  });

  it('when the inviter edits the notes or help wanted, then that is recorded', () => {
    const deal = unwrap(editInvitation(p2pWithoutMicrosoft(), '1', { notes: 'Kick-off on Monday' }, ctx(), RULES));
    expect(deal.invitations[0]!.notes).toBe('Kick-off on Monday');
  });

  it('the invited partner can change them on its own deal once it accepts, not before', () => {
    const received = receivedReferral({ sender: { type: 'Partner', organizationName: 'Fabrikam', tenantId: 'inviter' } });
    expect(editDeal(received, { value: { amount: 1, currency: 'EUR' } }, ctx(), RULES)).toEqual({ ok: false, refusal: { code: 'not_open' } });
    const accepted = acceptedInbound('Partner');
    const edited = unwrap(
      editDeal(accepted, { closeDate: '2027-07-01', value: { amount: 55000, currency: 'EUR' }, team: [ANA_ON_TEAM], solutions: [{ kind: 'own', name: 'Ours' }] }, ctx(), RULES),
    );
    expect(edited).toMatchObject({ closeDate: '2027-07-01', value: { amount: 55000 } });
  });

  it('the invited partner’s answer shows on the inviter’s deal, once', () => {
    const at = DateTime.fromISO('2026-11-22T08:00:00Z');
    const answered = unwrap(recordPartnerResponse(p2pWithoutMicrosoft(), '1', 'accepted', at, RULES, undefined, 'DREMOTE000001'));
    expect(answered.invitations[0]).toMatchObject({ status: 'accepted', respondedAt: '2026-11-22T08:00:00.000Z', remoteDealId: 'DREMOTE000001' });
    expect(recordPartnerResponse(answered, '1', 'declined', at, RULES)).toEqual({ ok: false, refusal: { code: 'invitation_not_pending', params: { status: 'accepted' } } });
  });
});

describe('DOMAIN: a Microsoft seller has 14 days to decide whether to join', () => {
  it('when Microsoft answers within its window, then its participation is recorded', () => {
    const deal = unwrap(recordMicrosoftResponse(coSellOutbound(), 'engaged', DateTime.fromISO('2026-12-01T00:00:00Z'), RULES));
    expect(deal.microsoft.status).toBe('engaged');
    expect(deal.dueAt).toBeNull();
  });

  it('when Microsoft answers after its window, then the answer is refused', () => {
    expect(recordMicrosoftResponse(coSellOutbound(), 'engaged', DateTime.fromISO('2026-12-04T10:00:00Z'), RULES)).toEqual({
      ok: false,
      refusal: { code: 'microsoft_window_closed' },
    });
  });
});

describe('DOMAIN: one Entra tenant is one partner organization — nothing crosses organizations', () => {
  it('an organization is keyed by its tenant id', () => {
    expect(organization().tenantId).toBe(outboundDeal().tenantId);
  });
});
