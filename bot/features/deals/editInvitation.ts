import { invitationFormData, renderInvitationForm } from '../../../cards/dealInvitation';
import type { CardActionHandler } from '../../cardActions/router';
import { errorResult, guarded } from '../../cardActions/support';
import { actingOnDeal, dealOutcomeView, type DealActionEnv } from './views';

/** Save an invitation's notes and help wanted; anything locked is refused by the domain, by name. */
export function editInvitation(env: DealActionEnv): CardActionHandler {
  return {
    verb: 'deal.editInvitation',
    handle: (request) =>
      guarded(async () => {
        const { acting, ref } = await actingOnDeal(env, request);
        const invitationId = String(request.data.invitationId ?? '').slice(0, 64);
        const { verb: _verb, dealId: _dealId, tenantId: _tenantId, invitationId: _id, ...typed } = request.data;
        const outcome = await env.deals.editInvitation(acting.member, ref, invitationId, typed);
        return dealOutcomeView(
          env,
          outcome,
          acting,
          request.verb,
          (deal) => acting.tr.t('deal.done.invitationEdited', { partner: deal.invitations.find((i) => i.id === invitationId)?.partner.name ?? '' }),
          (deal, error) => {
            const invitation = deal.invitations.find((i) => i.id === invitationId);
            return invitation ? { card: renderInvitationForm(invitationFormData(deal, invitation, acting.tr, request.data, error)) } : errorResult(acting.tr, acting.tr.t('error.badCardData'));
          },
        );
      }),
  };
}
