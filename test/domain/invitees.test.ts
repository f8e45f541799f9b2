import { checkInvite, checkInvitees, createDeal, invitationInput, invitePartners, markWon } from '../../services/domain';
import { ANA_ON_TEAM, ctx, draft, NOW, OTHER_TENANT, organization, outboundDeal, receivedReferral, RULES, TENANT, unwrap } from '../support/fixtures';


const invite = (name: string, tenantId?: string) =>
  invitationInput(NOW.toISODate()!).parse({
    partner: { ...(tenantId ? { tenantId } : {}), name },
    closeDate: '2027-05-31',
    value: { amount: '1', currency: 'EUR' },
    team: [ANA_ON_TEAM],
    solutions: [{ kind: 'thirdParty', name: 'Tailspin Backup' }],
  });

describe('DOMAIN: a partner is invited once, and never the inviting organization itself — checked one partner at a time while the form is filled', () => {
  it.each<[string, () => ReturnType<typeof checkInvitees>, ReturnType<typeof checkInvitees>]>([
    ['a new partner of this deployment', () => checkInvitees(TENANT, [], [invite('Tailspin', OTHER_TENANT)]), { ok: true, value: undefined }],
    ['the organization itself', () => checkInvitees(TENANT, [], [invite('Us', TENANT)]), { ok: false, refusal: { code: 'cannot_invite_self' } }],
    ['a partner already added, by tenant', () => checkInvitees(TENANT, [invite('Tailspin', OTHER_TENANT)], [invite('Tailspin Toys Ltd', OTHER_TENANT)]), { ok: false, refusal: { code: 'partner_already_invited', params: { partner: 'Tailspin Toys Ltd' } } }],
    ['a partner outside the deployment already added, by name in any case', () => checkInvitees(TENANT, [invite('Contoso Services')], [invite('CONTOSO services')]), { ok: false, refusal: { code: 'partner_already_invited', params: { partner: 'CONTOSO services' } } }],
    ['two new partners of the same name in one go', () => checkInvitees(TENANT, [], [invite('Contoso'), invite('contoso')]), { ok: false, refusal: { code: 'partner_already_invited', params: { partner: 'contoso' } } }],
  ])('%s', (_label, check, expected) => {
    expect(check()).toEqual(expected);
  });

  it('creation and later invitations apply the same check', () => {
    expect(createDeal(draft({ invitations: [invite('Contoso'), invite('contoso')] }), organization(), ctx(), RULES)).toMatchObject({ ok: false, refusal: { code: 'partner_already_invited' } });
    const p2p = unwrap(invitePartners(outboundDeal(), [invite('Contoso')], ctx(), RULES));
    expect(invitePartners(p2p, [invite('contoso')], ctx(), RULES)).toMatchObject({ ok: false, refusal: { code: 'partner_already_invited' } });
  });
});

describe('DOMAIN: an invitation that is not possible says why (closed deal, not yet accepted, or the invitation table)', () => {
  it.each<[string, () => Parameters<typeof checkInvite>[0], Parameters<typeof checkInvite>[1], ReturnType<typeof checkInvite>]>([
    ['partners on a Private deal', () => outboundDeal(), 'partners', { ok: true, value: undefined }],
    ['Microsoft view on a Partner-led deal', () => outboundDeal({ microsoftMayView: 'true' }), 'microsoftView', { ok: false, refusal: { code: 'microsoft_already_can_view' } }],
    ['partners on a won deal', () => unwrap(markWon(outboundDeal(), ctx(), RULES)), 'partners', { ok: false, refusal: { code: 'deal_closed', params: { status: 'won' } } }],
    ['Microsoft on a referral not yet accepted', () => receivedReferral(), 'microsoft', { ok: false, refusal: { code: 'not_open' } }],
  ])('%s', (_label, deal, what, expected) => {
    expect(checkInvite(deal(), what)).toEqual(expected);
  });
});
