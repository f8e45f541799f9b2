import { microsoftFormData, renderMicrosoftForm } from '../../../cards/dealInvite';
import { checkInvite } from '../../../services/domain/invitations';
import type { CardActionHandler } from '../../cardActions/router';
import { guarded } from '../../cardActions/support';
import { actingOnDeal, dealForForm, type DealActionEnv } from './views';

/** "Invite Microsoft" turns the deal card into its form: the kind of help and the customer's main contact, with consent. */
export function showMicrosoftForm(env: DealActionEnv): CardActionHandler {
  return {
    verb: 'deal.microsoftForm',
    handle: (request) =>
      guarded(async () => {
        const { acting, ref } = await actingOnDeal(env, request);
        const found = await dealForForm(env, acting, ref, request.verb, (deal) => checkInvite(deal, 'microsoft'));
        if ('result' in found) return found.result;
        return { card: renderMicrosoftForm(microsoftFormData(found.deal, acting.tr)) };
      }),
  };
}
