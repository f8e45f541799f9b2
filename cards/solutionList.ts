import type { Member, Organization } from '../services/domain/model';
import { offerReadiness, type Offer } from '../services/domain/offers';
import { formatDateTime, type Translator } from '../services/i18n';
import { renderCompactCard } from './compact';
import { NAME_SHOWN, noticeFields, type CardColor } from './dealText';
import { renderCard, type AdaptiveCardJson } from './render';
import { offerLine } from './solutionOffer';
import template from './templates/solution-list.json';
import { oneLine } from './untrusted';

/**
 * `solutions`: the organization's marketplace offers, each with whether it is co-sell ready, and its
 * solution-assessment vetting. Referral admins may add offers; a referral admin with global scope may
 * record the vetting; everyone may open an offer.
 */
export interface SolutionListCardData {
  tenantId: string;
  title: string;
  intro: string;
  notice: string;
  noticeColor: CardColor;
  offers: { offerId: string; name: string; line: string; status: string; statusColor: CardColor }[];
  empty: string;
  canAdd: boolean;
  addTitle: string;
  openTitle: string;
  nextToken: string;
  moreTitle: string;
  /** `sets`: what the change button records (the opposite of what is recorded now). */
  vetting: { title: string; status: string; canChange: boolean; sets: 'true' | 'false'; confirm: string; changeTitle: string; confirmTitle: string };
  tooLarge: string;
}

export function renderSolutionListCard(data: SolutionListCardData): AdaptiveCardJson {
  return renderCard(template, data, { compact: (d) => renderCompactCard({ title: d.title, message: d.tooLarge }) });
}

export function solutionListCardData(
  org: Pick<Organization, 'name' | 'tenantId' | 'assessmentVetted' | 'assessmentVettedBy' | 'assessmentVettedAt'>,
  offers: readonly Offer[],
  viewer: Member,
  tr: Translator,
  options: { nextToken?: string; notice?: { text: string; color: CardColor } } = {},
): SolutionListCardData {
  const admin = viewer.role === 'admin' || viewer.role === 'globalAdmin';
  const vettedBy = org.assessmentVettedBy && org.assessmentVettedAt ? { who: oneLine(org.assessmentVettedBy.name, NAME_SHOWN), when: formatDateTime(org.assessmentVettedAt, tr.reader) } : undefined;
  return {
    tenantId: org.tenantId,
    title: tr.t('solutions.list.title', { org: oneLine(org.name, NAME_SHOWN) }),
    intro: tr.t('solutions.list.intro'),
    ...noticeFields(options.notice),
    offers: offers.map((o) => {
      const ready = offerReadiness(o);
      return {
        offerId: o.id,
        name: oneLine(o.name, NAME_SHOWN),
        line: offerLine(o, tr),
        status: ready.coSellReady ? tr.t('solutions.readiness.ready') : tr.t('solutions.readiness.missingCount', { count: ready.missing.length }),
        statusColor: ready.coSellReady ? 'Good' : 'Warning',
      };
    }),
    empty: offers.length > 0 ? '' : admin ? tr.t('solutions.list.emptyAdmin') : tr.t('solutions.list.empty'),
    canAdd: admin,
    addTitle: tr.t('solutions.action.add'),
    openTitle: tr.t('solutions.action.open'),
    nextToken: options.nextToken ?? '',
    moreTitle: tr.t('solutions.list.more'),
    vetting: {
      title: tr.t('solutions.vetting.title'),
      status: org.assessmentVetted
        ? vettedBy
          ? tr.t('solutions.vetting.vettedBy', vettedBy)
          : tr.t('solutions.vetting.vetted')
        : vettedBy
          ? tr.t('solutions.vetting.withdrawnBy', vettedBy)
          : tr.t('solutions.vetting.notVetted'),
      canChange: viewer.role === 'globalAdmin',
      sets: org.assessmentVetted ? 'false' : 'true',
      confirm: org.assessmentVetted ? tr.t('solutions.vetting.withdrawConfirm') : tr.t('solutions.vetting.recordConfirm'),
      changeTitle: org.assessmentVetted ? tr.t('solutions.vetting.withdraw') : tr.t('solutions.vetting.record'),
      confirmTitle: tr.t('deal.action.confirm'),
    },
    tooLarge: tr.t('card.tooLarge'),
  };
}
