import { DateTime } from 'luxon';
import { dealEditFormData, renderDealEditForm } from '../../cards/dealEdit';
import { microsoftFormData, partnerFormData, renderMicrosoftForm, renderPartnerForm } from '../../cards/dealInvite';
import { invitationFormData, renderInvitationForm } from '../../cards/dealInvitation';
import { dealListCardData, renderDealListCard } from '../../cards/dealList';
import { dealStatusCardData, renderDealStatusCard, HISTORY_SHOWN, TEAM_SHOWN } from '../../cards/dealStatus';
import { allowedActions, type Deal, type HistoryEntry } from '../../services/domain';
import { translator } from '../../services/i18n';
import { admin, outboundDeal } from '../support/fixtures';
import { cardProblems, cardText } from './support';

/*
 * Deal cards stay valid Adaptive Cards 1.5 (the official parser reports nothing) and under Teams'
 * 28 KB even at their largest: a team of 30 with long names, 10 invited partners with long notes,
 * 4000 characters of notes and 60 history events. Long lists are capped on the card, which says so.
 */

const NOW = DateTime.fromISO('2026-11-20T10:00:00Z');
const tr = translator();
const viewer = admin();

function largest(): Deal {
  const team = Array.from({ length: 30 }, (_, i) => ({ name: `Team member number ${i} with a long name`, phone: '+33 1 00 00 00 00', email: `team.member.number.${i}@fabrikam-long-domain.example` }));
  const invitations = Array.from({ length: 10 }, (_, i) => ({
    partner: { name: `Partner ${i} with a rather long company name, Ltd.` },
    closeDate: '2027-05-31',
    value: { amount: '40000', currency: 'EUR' },
    solutions: [{ kind: 'thirdParty', name: 'A third-party solution with a long name', publisher: 'Publisher' }],
    notes: 'n'.repeat(4000),
    helpWanted: 'h'.repeat(200),
  }));
  const deal = outboundDeal({ team, invitations, notes: 'x'.repeat(4000), name: 'N'.repeat(200), crmId: 'C'.repeat(100), campaignId: 'K'.repeat(100) });
  const history: HistoryEntry[] = Array.from({ length: 60 }, (_, i) => ({ event: 'edited', at: deal.createdAt, by: { kind: 'user', id: 'u', name: `Someone ${i}` }, detail: 'name,value,closeDate,notes,crmId,campaignId,team,solutions' }));
  return { ...deal, history };
}

describe('deal cards at their largest', () => {
  it.each<[string, () => Record<string, unknown>]>([
    ['the deal status card', () => renderDealStatusCard(dealStatusCardData(largest(), viewer, tr, NOW, { allowed: allowedActions(largest(), viewer, NOW), refreshFor: viewer.userId, notice: { text: 'x'.repeat(300), color: 'Good' } }))],
    ['the edit form', () => renderDealEditForm(dealEditFormData(largest(), tr, '2026-11-20', Array.from({ length: 20 }, (_, i) => ({ kind: 'own' as const, name: `Own solution ${i}` }))))],
    ['the invite-partner form', () => renderPartnerForm(partnerFormData(largest(), tr, '2026-11-20', { results: Array.from({ length: 10 }, (_, i) => ({ tenantId: `t${i}`, name: `Found partner ${i}` })), searched: true }))],
    ['the invite-Microsoft form', () => renderMicrosoftForm(microsoftFormData(largest(), tr))],
    ['the invitation form', () => renderInvitationForm(invitationFormData(largest(), largest().invitations[0]!, tr))],
    ['a list page', () => renderDealListCard(dealListCardData(Array.from({ length: 8 }, () => largest()), viewer, tr, NOW, '2026-11-20', { title: 'Outbound deals · Open', list: 'outbound', filter: 'open', pageToken: 't'.repeat(200), nextToken: 't'.repeat(200), empty: '' }))],
  ])('%s is valid and under 28 KB', (_label, render) => {
    expect(cardProblems(render())).toEqual([]);
  });

  it('the status card caps the team and the history, and says so', () => {
    const text = cardText(renderDealStatusCard(dealStatusCardData(largest(), viewer, tr, NOW, { allowed: [] })));
    expect(text).toContain(`and ${30 - TEAM_SHOWN} more people`);
    expect(text).toContain(`Showing the last ${HISTORY_SHOWN} of 60 events.`);
    expect(text).toContain('Someone 59');
    expect(text).toContain('Someone 50,');
    expect(text).not.toContain('Someone 49,');
  });

  it('the edit form shows at most 20 team rows and keeps the others as they are', () => {
    const form = renderDealEditForm(dealEditFormData(largest(), tr, '2026-11-20', []));
    expect(cardText(form)).toContain('The form shows the first 20 of 30 team members; the others stay as they are.');
  });
});
