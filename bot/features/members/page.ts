import { z } from 'zod';
import type { Membership } from '../../../services/members/membership';
import type { Store } from '../../../services/store/ports';
import type { CardActionHandler } from '../../cardActions/router';
import { guarded, whoIsActing, type ActionEnv } from '../../cardActions/support';
import { membersView } from './view';

const PageRequest = z.object({ token: z.string().max(2000).optional().catch(undefined), edit: z.string().max(256).optional().catch(undefined) });

/** "Next page" on the members card, and "Change" on a member (the same page, with the form for them). */
export function membersPage(env: ActionEnv & { membership: Membership; store: Store }): CardActionHandler {
  return {
    verb: 'members.page',
    handle: (request) =>
      guarded(async () => {
        const acting = await whoIsActing(env, request);
        const { token, edit } = PageRequest.parse(request.data);
        return { card: await membersView(env, acting.member, acting.tr, token || undefined, undefined, edit || undefined) };
      }),
  };
}
