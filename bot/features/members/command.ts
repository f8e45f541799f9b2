import { CardFactory, type TurnContext } from 'botbuilder';
import { renderErrorCard } from '../../../cards/notice';
import { translator } from '../../../services/i18n';
import type { Membership } from '../../../services/members/membership';
import type { Store } from '../../../services/store/ports';
import { membersView } from './view';
import { memberOf, readerOfTurn } from '../../middleware/presence';

/** `members`: the members card for referral admins; everyone else is told only admins can manage members. */
export function membersCommand(deps: { membership: Membership; store: Store }) {
  return async (context: TurnContext): Promise<void> => {
    const member = memberOf(context);
    const tr = translator(readerOfTurn(context));
    const card = member ? await membersView(deps, member, tr) : renderErrorCard(tr.t('error.title'), tr.t('refusal.not_permitted'));
    await context.sendActivity({ attachments: [CardFactory.adaptiveCard(card)] });
  };
}
