import { membersCardData, renderMembersCard } from '../../../cards/members';
import type { Member } from '../../../services/domain/model';
import { describeRefusal, type Translator } from '../../../services/i18n';
import type { Membership } from '../../../services/members/membership';
import type { Store } from '../../../services/store/ports';
import type { AdaptiveCardJson } from '../../../cards/render';
import { renderErrorCard } from '../../../cards/notice';

/** One page of the members card for an admin (with the form for `edit`, a member of that page), or the refusal for anyone else. */
export async function membersView(
  deps: { membership: Membership; store: Store },
  viewer: Member,
  tr: Translator,
  continuationToken?: string,
  notice?: { text: string; color: 'Good' | 'Attention' },
  edit?: string,
): Promise<AdaptiveCardJson> {
  const page = await deps.membership.listMembers(viewer, continuationToken);
  if (!page.ok) return renderErrorCard(tr.t('error.title'), describeRefusal(page.refusal, tr));
  const org = (await deps.store.organizations.get(viewer.tenantId))?.value.name ?? viewer.tenantId;
  return renderMembersCard(
    membersCardData(
      org,
      page.value.members.map((m) => m.value),
      viewer,
      tr,
      {
        ...(continuationToken ? { pageToken: continuationToken } : {}),
        ...(page.value.continuationToken ? { nextToken: page.value.continuationToken } : {}),
        ...(notice ? { notice } : {}),
        ...(edit ? { edit } : {}),
        isConfigured: (m) => deps.membership.isConfiguredAdmin(m),
      },
    ),
  );
}
