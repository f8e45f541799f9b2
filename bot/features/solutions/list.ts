import { z } from 'zod';
import type { CardActionHandler } from '../../cardActions/router';
import { guarded } from '../../cardActions/support';
import { actingInOrganization, listView, type SolutionsEnv } from './views';

const Page = z.object({ token: z.string().max(2000).optional() });

/** The offers list: its next page, or back to it from an offer. */
export function listOffers(env: SolutionsEnv): CardActionHandler {
  return {
    verb: 'solutions.list',
    handle: (request) =>
      guarded(async () => {
        const acting = await actingInOrganization(env, request);
        const page = Page.safeParse(request.data);
        return { card: await listView(env, acting, page.success ? page.data.token || undefined : undefined) };
      }),
  };
}
