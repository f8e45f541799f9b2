import { invitationFormData, renderInvitationForm } from '../../../cards/dealInvitation';
import { guardOpen } from '../../../services/domain/change';
import { refuse } from '../../../services/domain/result';
import type { CardActionHandler } from '../../cardActions/router';
import { guarded } from '../../cardActions/support';
import { actingOnDeal, dealForForm, type DealActionEnv } from './views';

/** "Edit invitation" on a partner of the deal card: its notes and help wanted, its locked fields shown. */
export function showInvitationForm(env: DealActionEnv): CardActionHandler {
  return {
    verb: 'deal.invitationForm',
    handle: (request) =>
      guarded(async () => {
        const { acting, ref } = await actingOnDeal(env, request);
        const invitationId = String(request.data.invitationId ?? '');
        const found = await dealForForm(env, acting, ref, request.verb, (deal) => {
          const open = guardOpen(deal);
          if (!open.ok) return open;
          return deal.invitations.some((i) => i.id === invitationId) ? open : refuse('invitation_not_found');
        });
        if ('result' in found) return found.result;
        const invitation = found.deal.invitations.find((i) => i.id === invitationId)!;
        return { card: renderInvitationForm(invitationFormData(found.deal, invitation, acting.tr)) };
      }),
  };
}
