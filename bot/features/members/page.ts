import { z } from 'zod';
import type { Membership } from '../../../services/members/membership';
import type { Store } from '../../../services/store/ports';
import type { CardActionHandler } from '../../cardActions/router';
import { guarded, whoIsActing, type ActionEnv } from '../../cardActions/support';
import { membersView } from './view';

/** "Next page" on the members card. */
export function membersPage(env: ActionEnv & { membership: Membership; store: Store }): CardActionHandler {
  return {
    verb: 'members.page',
    handle: (request) =>
      guarded(async () => {
        const acting = await whoIsActing(env, request);
        const token = z.object({ token: z.string().max(2000) }).safeParse(request.data);
        return { card: await membersView(env, acting.member, acting.tr, token.success ? token.data.token || undefined : undefined) };
      }),
  };
}
