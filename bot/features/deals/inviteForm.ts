import { partnerFormData, renderPartnerForm } from '../../../cards/dealInvite';
import { str } from '../../../cards/formParts';
import { checkInvite } from '../../../services/domain/invitations';
import type { CardActionHandler } from '../../cardActions/router';
import { guarded } from '../../cardActions/support';
import { actingOnDeal, dealForForm, type DealActionEnv } from './views';

/** "Invite partners" turns the deal card into the invitation form; its Search finds organizations using this bot by name. */
export function showInviteForm(env: DealActionEnv): CardActionHandler {
  return {
    verb: 'deal.inviteForm',
    handle: (request) =>
      guarded(async () => {
        const { acting, ref } = await actingOnDeal(env, request);
        const found = await dealForForm(env, acting, ref, request.verb, (deal) => checkInvite(deal, 'partners'));
        if ('result' in found) return found.result;
        const searching = request.data.search === 'true' || request.data.search === true;
        const results = searching ? await env.creation.searchPartners(acting.member, str(request.data.partnerQuery)) : [];
        const { partnerPick: _previousPick, ...typed } = request.data;
        return { card: renderPartnerForm(partnerFormData(found.deal, acting.tr, acting.today, { typed: searching ? typed : undefined, results, searched: searching })) };
      }),
  };
}
