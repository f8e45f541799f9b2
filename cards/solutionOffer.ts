import type { DateTime } from 'luxon';
import { ALL_COUNTRIES, type CoSellContact, type ReadinessGap } from '../services/domain/coSellReadiness';
import { engagementFor, rewardsContactExpectedBy, shouldLookForOfferOwner } from '../services/domain/marketplaceRewards';
import type { Member } from '../services/domain/model';
import { isAdmin } from '../services/domain/visibility';
import { documentKey, liveDay, offerReadiness, ownSolutionOf, rewardsOfferOf, type Offer } from '../services/domain/offers';
import { countryName, formatDate, formatDateTime, type Translator } from '../services/i18n';
import { renderCompactCard } from './compact';
import { listLine, NAME_SHOWN, noticeFields, type CardColor } from './dealText';
import type { Fact } from './referral';
import { renderCard, type AdaptiveCardJson } from './render';
import template from './templates/solution-offer.json';
import { oneLine, shorten } from './untrusted';

/** Contacts the offer card lists; the rest are counted (all of them are in the CSV export). */
export const CONTACTS_SHOWN = 10;
/** What the card keeps of long lists when the offer does not fit otherwise. */
const GAPS_KEPT = 8;
const BENEFITS_KEPT = 5;

/**
 * One offer: whether it is Co-sell ready and what is missing (per region), whether it meets the extra
 * requirement of Azure IP co-sell incentivized, what is only recommended, whether deals offer it, its
 * Co-sell with Microsoft tab (000, 004), its documents and contacts, and its marketplace rewards
 * (002). Referral admins get the buttons that change it; everyone else reads it.
 */
export interface OfferCardData {
  offerId: string;
  tenantId: string;
  refreshUserIds: string[];
  notice: string;
  noticeColor: CardColor;
  title: string;
  subtitle: string;
  readiness: {
    status: string;
    color: CardColor;
    missing: { text: string }[];
    missingMore: string;
    ip: string;
    ipColor: CardColor;
    recommended: { text: string }[];
    onDeals: string;
  };
  facts: Fact[];
  documents: { index: number; text: string; url: string; key: string }[];
  documentsEmpty: string;
  contacts: { text: string }[];
  contactsSummary: string;
  rewards: {
    engagement: string;
    contact: string;
    benefits: { id: string; text: string; canRecord: boolean }[];
    benefitsMore: string;
    message: string;
    ownerHint: string;
    canRecordMessage: boolean;
  };
  canEdit: boolean;
  /** Said when the card had to leave things out to fit in one Teams card (`shortenedText` otherwise unused). */
  shortened: string;
  shortenedText: string;
  /** How many gaps and benefits a shortened card leaves out, said in the reader's words. */
  leftOut: { missing: string; benefits: string };
  labels: Record<
    | 'readiness'
    | 'missing'
    | 'recommended'
    | 'tab'
    | 'documents'
    | 'contacts'
    | 'rewards'
    | 'openDocument'
    | 'removeDocument'
    | 'edit'
    | 'editTab'
    | 'addDocument'
    | 'importContacts'
    | 'exportContacts'
    | 'marketingContact'
    | 'activateBenefit'
    | 'benefitName'
    | 'benefitHint'
    | 'activate'
    | 'contactMade'
    | 'messageReceived'
    | 'remove'
    | 'removeConfirm'
    | 'confirm'
    | 'allOffers',
    string
  >;
  tooLarge: string;
}

export function renderOfferCard(data: OfferCardData): AdaptiveCardJson {
  return renderCard(template, data, {
    // An offer at the seeds' limits (2,000 contacts, eleven long links, five areas of five) does not fit whole.
    shrink: [
      (d) => ({ ...d, shortened: d.shortenedText, contacts: [], facts: d.facts.map((f) => ({ ...f, value: shorten(f.value, 300) })) }),
      (d) => ({
        ...d,
        documents: d.documents.map((doc) => ({ ...doc, url: '', text: shorten(doc.text, 120) })),
        rewards: { ...d.rewards, benefits: d.rewards.benefits.map((b) => ({ ...b, text: shorten(b.text, 150) })) },
      }),
      (d) => ({
        ...d,
        documents: d.documents.map((doc) => ({ ...doc, text: shorten(doc.text, 60) })),
        readiness: { ...d.readiness, missing: d.readiness.missing.slice(0, GAPS_KEPT), missingMore: d.leftOut.missing },
        rewards: { ...d.rewards, benefits: d.rewards.benefits.slice(0, BENEFITS_KEPT), benefitsMore: d.leftOut.benefits },
      }),
    ],
    compact: (d) =>
      renderCompactCard({ title: d.title, message: d.tooLarge, action: { title: d.labels.allOffers, verb: 'solutions.list', data: { tenantId: d.tenantId } } }),
  });
}

/** "Software as a service (SaaS) · Transact · live since Oct 1, 2026" */
export function offerLine(offer: Offer, tr: Translator): string {
  const live = offer.liveSince ? tr.t('solutions.offer.liveSince', { date: formatDate(liveDay(offer), tr.reader) }) : tr.t('solutions.offer.notLive');
  const consulting = offer.consulting ? ` · ${tr.tk(`consultingKind.${offer.consulting}`)}` : '';
  return `${tr.tk(`offerType.${offer.coSell.offerType}`)} · ${tr.tk(`listingType.${offer.listingType}`)}${consulting} · ${live}`;
}

export function gapText(gap: ReadinessGap, tr: Translator): string {
  switch (gap.code) {
    case 'partnerSalesContactMissing':
      return tr.t('readiness.gap.partnerSalesContactMissing', { region: `${countryName(gap.params.region, tr.reader)} (${gap.params.region})` });
    case 'subAreaMissing':
      return tr.t('readiness.gap.subAreaMissing', { area: oneLine(gap.params.area, NAME_SHOWN) });
    default:
      return tr.tk(`readiness.gap.${gap.code}`);
  }
}

export function contactText(contact: CoSellContact, tr: Translator): string {
  const where = contact.countries === ALL_COUNTRIES ? tr.t('solutions.contact.everywhere') : contact.countries.join(', ');
  const states = contact.states.length > 0 ? ` (${contact.states.join(', ')})` : '';
  return tr.t('solutions.contact.line', {
    name: oneLine(contact.name, NAME_SHOWN),
    title: oneLine(contact.title, NAME_SHOWN),
    role: tr.tk(`readiness.contactRole.${contact.role}`),
    email: contact.email,
    where: `${where}${states}`,
  });
}

function rewardsOf(offer: Offer, viewer: Member, tr: Translator, now: DateTime): OfferCardData['rewards'] {
  const admin = isAdmin(viewer);
  const engagement = engagementFor(rewardsOfferOf(offer), now);
  const contact = offer.rewards.marketingContact;
  return {
    engagement:
      engagement.kind === 'notLive'
        ? tr.t('solutions.rewards.notLive')
        : engagement.kind === 'baseline'
          ? tr.t('solutions.rewards.baseline')
          : engagement.until
            ? tr.t('solutions.rewards.dedicatedUntil', { date: formatDateTime(engagement.until, tr.reader) })
            : tr.t('solutions.rewards.dedicated'),
    contact: contact
      ? tr.t('solutions.rewards.contact', { email: contact.email, phone: contact.phone, language: contact.language })
      : tr.t('solutions.rewards.noContact'),
    benefits: offer.rewards.benefits.map((b) => {
      const expectedBy = rewardsContactExpectedBy(b);
      const name = oneLine(b.name, NAME_SHOWN);
      const text = !b.activatedAt
        ? tr.t('solutions.rewards.benefitInactive', { name })
        : b.contactMadeAt
          ? tr.t('solutions.rewards.benefitContacted', { name, activated: formatDateTime(b.activatedAt, tr.reader), contacted: formatDateTime(b.contactMadeAt, tr.reader) })
          : tr.t('solutions.rewards.benefitActive', { name, activated: formatDateTime(b.activatedAt, tr.reader), by: formatDateTime(expectedBy!, tr.reader) });
      return { id: b.id, text, canRecord: admin && Boolean(b.activatedAt) && !b.contactMadeAt };
    }),
    benefitsMore: '',
    message: offer.rewards.messageReceivedAt ? tr.t('solutions.rewards.messageReceived', { date: formatDateTime(offer.rewards.messageReceivedAt, tr.reader) }) : '',
    ownerHint: shouldLookForOfferOwner(rewardsOfferOf(offer), Boolean(offer.rewards.messageReceivedAt), now) ? tr.t('rewards.lookForOfferOwner') : '',
    canRecordMessage: admin && Boolean(offer.liveSince) && !offer.rewards.messageReceivedAt,
  };
}

export function offerCardData(offer: Offer, viewer: Member, tr: Translator, now: DateTime, options: { notice?: { text: string; color: CardColor } } = {}): OfferCardData {
  const readiness = offerReadiness(offer);
  const onDeals = ownSolutionOf(offer, now);
  const tab = offer.coSell;
  const none = tr.t('referral.none');
  const lines = (items: readonly string[]) => (items.length === 0 ? none : items.map((i) => oneLine(i, NAME_SHOWN)).join('\n\n'));
  return {
    offerId: offer.id,
    tenantId: offer.tenantId,
    refreshUserIds: [viewer.userId],
    ...noticeFields(options.notice),
    title: oneLine(offer.name, NAME_SHOWN),
    subtitle: offerLine(offer, tr),
    readiness: {
      status: readiness.coSellReady ? tr.t('solutions.readiness.ready') : tr.t('solutions.readiness.notReady', { count: readiness.missing.length }),
      color: readiness.coSellReady ? 'Good' : 'Warning',
      missing: readiness.missing.map((g) => ({ text: gapText(g, tr) })),
      missingMore: '',
      ip: readiness.ipIncentivized.met ? tr.t('solutions.readiness.ipMet') : readiness.coSellReady ? tr.t('solutions.readiness.ipMissing') : tr.t('solutions.readiness.ipAfterReady'),
      ipColor: readiness.ipIncentivized.met ? 'Good' : 'Default',
      recommended: readiness.recommended.map((g) => ({ text: gapText(g, tr) })),
      onDeals: onDeals
        ? onDeals.incentive
          ? tr.t('solutions.onDeals.withIncentive', { incentive: tr.tk(`incentive.${onDeals.incentive}`) })
          : tr.t('solutions.onDeals.yes')
        : tr.t('solutions.onDeals.no'),
    },
    facts: [
      { title: tr.t('solutions.tab.platforms'), value: lines(tab.platforms) },
      { title: tr.t('solutions.tab.segments'), value: lines(tab.segments) },
      { title: tr.t('solutions.tab.solutionType'), value: tab.solutionType ? tr.tk(`readiness.solutionType.${tab.solutionType}`) : none },
      {
        title: tr.t('solutions.tab.solutionAreas'),
        value: tab.solutionAreas.length === 0 ? none : tab.solutionAreas.map((a) => tr.t('solutions.tab.area', { area: oneLine(a.area, NAME_SHOWN), subAreas: listLine(a.subAreas, tr) })).join('\n\n'),
      },
      { title: tr.t('solutions.tab.regions'), value: tab.regions.length === 0 ? none : tab.regions.map((r) => `${countryName(r, tr.reader)} (${r})`).join(', ') },
      { title: tr.t('solutions.tab.landingPage'), value: tab.productLandingPage ?? none },
      { title: tr.t('solutions.tab.incentive'), value: tab.incentive ? tr.tk(`incentive.${tab.incentive}`) : tr.t('solutions.tab.noIncentive') },
    ],
    documents: tab.documents.map((d, index) => ({
      index,
      text: tr.t('solutions.document.line', { kind: tr.tk(`readiness.documentKind.${d.kind}`), name: oneLine(d.fileName, NAME_SHOWN) }),
      url: d.url ?? '',
      key: documentKey(d),
    })),
    documentsEmpty: tab.documents.length === 0 ? tr.t('solutions.document.none') : '',
    contacts: tab.contacts.slice(0, CONTACTS_SHOWN).map((c) => ({ text: contactText(c, tr) })),
    contactsSummary:
      tab.contacts.length === 0
        ? tr.t('solutions.contact.none')
        : tab.contacts.length > CONTACTS_SHOWN
          ? tr.t('solutions.contact.more', { count: tab.contacts.length, shown: CONTACTS_SHOWN })
          : tr.t('solutions.contact.count', { count: tab.contacts.length }),
    rewards: rewardsOf(offer, viewer, tr, now),
    canEdit: isAdmin(viewer),
    shortened: '',
    shortenedText: tr.t('solutions.offer.shortened'),
    leftOut: {
      missing: readiness.missing.length > GAPS_KEPT ? tr.t('solutions.offer.moreMissing', { count: readiness.missing.length - GAPS_KEPT }) : '',
      benefits: offer.rewards.benefits.length > BENEFITS_KEPT ? tr.t('solutions.offer.moreBenefits', { count: offer.rewards.benefits.length - BENEFITS_KEPT }) : '',
    },
    labels: {
      readiness: tr.t('readiness.title'),
      missing: tr.t('solutions.readiness.missingTitle'),
      recommended: tr.t('solutions.readiness.recommendedTitle'),
      tab: tr.t('solutions.tab.title'),
      documents: tr.t('solutions.document.title'),
      contacts: tr.t('solutions.contact.title'),
      rewards: tr.t('solutions.rewards.title'),
      openDocument: tr.t('solutions.document.open'),
      removeDocument: tr.t('solutions.document.remove'),
      edit: tr.t('solutions.action.edit'),
      editTab: tr.t('solutions.action.editTab'),
      addDocument: tr.t('solutions.action.addDocument'),
      importContacts: tr.t('solutions.action.importContacts'),
      exportContacts: tr.t('solutions.action.exportContacts'),
      marketingContact: tr.t('solutions.action.marketingContact'),
      activateBenefit: tr.t('solutions.action.activateBenefit'),
      benefitName: tr.t('solutions.rewards.benefitName'),
      benefitHint: tr.t('solutions.rewards.benefitHint'),
      activate: tr.t('solutions.rewards.activate'),
      contactMade: tr.t('solutions.rewards.contactMade'),
      messageReceived: tr.t('solutions.rewards.recordMessage'),
      remove: tr.t('solutions.action.remove'),
      removeConfirm: tr.t('solutions.action.removeConfirm'),
      confirm: tr.t('deal.action.confirm'),
      allOffers: tr.t('solutions.action.allOffers'),
    },
    tooLarge: tr.t('card.tooLarge'),
  };
}
