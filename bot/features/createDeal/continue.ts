import { renderNoticeCard } from '../../../cards/notice';
import type { DialogHost } from '../../../dialogs/host';
import type { CardActionHandler } from '../../cardActions/router';
import { guarded, whoIsActing, type ActionEnv } from '../../cardActions/support';

/**
 * A form of the create-deal dialog was sent (Next, Back, Cancel, Search, Add…): the dialog takes the
 * turn and its next form replaces the one clicked. A form whose dialog is over says so.
 */
export function continueCreateDeal(env: ActionEnv & { dialogs: DialogHost }): CardActionHandler {
  return {
    verb: 'deal.create',
    handle: (request) =>
      guarded(async () => {
        const acting = await whoIsActing(env, request);
        const card = await env.dialogs.onForm(request.context, request.data);
        if (card) return { card };
        env.logger.info('create-deal form sent with no dialog waiting', { userId: acting.member.userId });
        return { card: renderNoticeCard({ title: acting.tr.t('dialog.notActiveTitle'), message: acting.tr.t('dialog.notActive'), color: 'Default' }) };
      }),
  };
}
