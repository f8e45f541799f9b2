import type { z } from 'zod';
import { CoSellDocumentKind, CoSellOfferType, CoSellSolutionType, MAX_SOLUTION_AREAS, type SolutionArea } from '../services/domain/coSellReadiness';
import { ConsultingKind, ListingType } from '../services/domain/marketplaceRewards';
import { IncentiveProgram, type Member } from '../services/domain/model';
import { liveDay, type Offer } from '../services/domain/offers';
import type { Refusal } from '../services/domain/result';
import type { Translator } from '../services/i18n';
import { renderCompactCard, type CompactAction } from './compact';
import type { Choice } from './dealStatus';
import { NAME_SHOWN } from './dealText';
import { errorsByField, str, type FormValues } from './formParts';
import { renderCard, type AdaptiveCardJson } from './render';
import cosellTemplate from './templates/solution-cosell-form.json';
import documentTemplate from './templates/solution-document-form.json';
import marketingTemplate from './templates/solution-marketing-form.json';
import offerTemplate from './templates/solution-offer-form.json';
import { oneLine } from './untrusted';

/*
 * The forms of an offer: the offer itself (name, type, listing, live since), its Co-sell with
 * Microsoft tab (000, 004), a document (a link, or a file sent in chat), and its rewards marketing
 * contact (002). Each reads what the card sent into the shape the domain's schemas read and puts
 * every error back beside its field; the rules are the domain's.
 */

type Problems = { error?: z.ZodError; refusal?: Refusal };

const backToOffer = (title: string, tenantId: string, offerId: string): CompactAction => ({ title, verb: 'offer.show', data: { tenantId, offerId } });
const backToList = (title: string, tenantId: string): CompactAction => ({ title, verb: 'solutions.list', data: { tenantId } });

function noticeOf(tr: Translator, problems: Problems): string {
  return problems.error || problems.refusal ? tr.t('referral.form.fixErrors') : '';
}

// ---------- the offer: name, type, listing, live since ----------

export interface OfferFormData {
  tenantId: string;
  offerId: string;
  title: string;
  intro: string;
  notice: string;
  labels: Record<'name' | 'offerType' | 'listingType' | 'consulting' | 'consultingHint' | 'liveSince' | 'liveSinceHint', string>;
  typeChoices: Choice[];
  listingChoices: Choice[];
  consultingChoices: Choice[];
  values: Record<'name' | 'offerType' | 'listingType' | 'consulting' | 'liveSince', string>;
  errors: Record<'name' | 'offerType' | 'listingType' | 'consulting' | 'liveSince', string>;
  submitVerb: 'offer.create' | 'offer.edit';
  submitTitle: string;
  cancelVerb: 'solutions.list' | 'offer.show';
  cancelTitle: string;
  tooLarge: string;
}

export function renderOfferForm(data: OfferFormData): AdaptiveCardJson {
  return renderCard(offerTemplate, data, {
    compact: (d) => renderCompactCard({ title: d.title, message: d.tooLarge, action: d.offerId ? backToOffer(d.cancelTitle, d.tenantId, d.offerId) : backToList(d.cancelTitle, d.tenantId) }),
  });
}

/** A new offer (no `offer`) or an existing one, prefilled; after an error, what was typed. */
export function offerFormData(tenantId: string, offer: Offer | undefined, tr: Translator, typed?: FormValues, problems: Problems = {}): OfferFormData {
  const errors = errorsByField(tr, problems.error, (p) => p.split('.')[0], problems.refusal ? { refusal: problems.refusal, field: 'name' } : undefined);
  const value = (key: string, fallback: string) => (typed ? str(typed[key]) : fallback);
  return {
    tenantId,
    offerId: offer?.id ?? '',
    title: offer ? tr.t('solutions.form.editTitle', { name: oneLine(offer.name, NAME_SHOWN) }) : tr.t('solutions.form.newTitle'),
    intro: tr.t('solutions.form.intro'),
    notice: noticeOf(tr, problems),
    labels: {
      name: tr.t('solutions.form.name'),
      offerType: tr.t('solutions.form.offerType'),
      listingType: tr.t('solutions.form.listingType'),
      consulting: tr.t('solutions.form.consulting'),
      consultingHint: tr.t('solutions.form.consultingHint'),
      liveSince: tr.t('solutions.form.liveSince'),
      liveSinceHint: tr.t('solutions.form.liveSinceHint'),
    },
    typeChoices: CoSellOfferType.options.map((v) => ({ value: v, title: tr.tk(`offerType.${v}`) })),
    listingChoices: ListingType.options.map((v) => ({ value: v, title: tr.tk(`listingType.${v}`) })),
    consultingChoices: ConsultingKind.options.map((v) => ({ value: v, title: tr.tk(`consultingKind.${v}`) })),
    values: {
      name: value('name', offer?.name ?? ''),
      offerType: value('offerType', offer?.coSell.offerType ?? ''),
      listingType: value('listingType', offer?.listingType ?? 'list'),
      consulting: value('consulting', offer?.consulting ?? ''),
      liveSince: value('liveSince', offer ? liveDay(offer) : ''),
    },
    errors: {
      name: errors.name ?? '',
      offerType: errors.offerType ?? '',
      listingType: errors.listingType ?? '',
      consulting: errors.consulting ?? '',
      liveSince: errors.liveSince ?? '',
    },
    submitVerb: offer ? 'offer.edit' : 'offer.create',
    submitTitle: offer ? tr.t('solutions.form.save') : tr.t('solutions.form.create'),
    cancelVerb: offer ? 'offer.show' : 'solutions.list',
    cancelTitle: tr.t('referral.form.cancel'),
    tooLarge: tr.t('card.form.tooLarge'),
  };
}

export function readOfferForm(typed: FormValues): Record<string, unknown> {
  return { name: typed.name, offerType: typed.offerType, listingType: typed.listingType, consulting: typed.consulting, liveSince: typed.liveSince };
}

// ---------- the Co-sell with Microsoft tab ----------

export interface CoSellTabFormData {
  tenantId: string;
  offerId: string;
  title: string;
  intro: string;
  notice: string;
  labels: Record<
    | 'platforms'
    | 'platformsHint'
    | 'segments'
    | 'segmentsHint'
    | 'solutionType'
    | 'areas'
    | 'areasHint'
    | 'area'
    | 'subAreas'
    | 'regions'
    | 'regionsHint'
    | 'landingPage'
    | 'landingPageHint'
    | 'incentive'
    | 'noIncentive',
    string
  >;
  solutionTypeChoices: Choice[];
  incentiveChoices: Choice[];
  values: Record<'platforms' | 'segments' | 'solutionType' | 'regions' | 'landingPage' | 'incentive', string>;
  areas: { index: number; area: string; subAreas: string; areaError: string; subAreasError: string }[];
  errors: Record<'platforms' | 'segments' | 'solutionType' | 'areas' | 'regions' | 'landingPage' | 'incentive', string>;
  submitTitle: string;
  cancelTitle: string;
  tooLarge: string;
}

export function renderCoSellTabForm(data: CoSellTabFormData): AdaptiveCardJson {
  return renderCard(cosellTemplate, data, { compact: (d) => renderCompactCard({ title: d.title, message: d.tooLarge, action: backToOffer(d.cancelTitle, d.tenantId, d.offerId) }) });
}

/** The choice for "no incentive": a choice set cannot offer an empty value. */
const NO_INCENTIVE = 'none';

const lines = (v: unknown) =>
  str(v)
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);
const commaList = (v: unknown) =>
  str(v)
    .split(/[,;\n]/)
    .map((l) => l.trim())
    .filter(Boolean);

/** The form's fields in the shape CoSellTabInput reads: one platform or segment per line, sub-areas and countries by commas. */
export function readCoSellTabForm(typed: FormValues): Record<string, unknown> {
  const areas: { area: string; subAreas: string[] }[] = [];
  for (let i = 0; i < MAX_SOLUTION_AREAS; i++) {
    const area = str(typed[`area${i}`]).trim();
    const subAreas = commaList(typed[`subAreas${i}`]);
    // A row with sub-areas but no area name is kept, so the missing name is said beside it.
    if (area || subAreas.length > 0) areas.push({ area, subAreas });
  }
  return {
    platforms: lines(typed.platforms),
    segments: lines(typed.segments),
    solutionType: typed.solutionType,
    solutionAreas: areas,
    regions: commaList(typed.regions).map((c) => c.toUpperCase()),
    productLandingPage: typed.landingPage,
    incentive: typed.incentive === NO_INCENTIVE ? undefined : typed.incentive,
  };
}

function areaRows(typed: FormValues | undefined, saved: readonly SolutionArea[], errors: Record<string, string>): CoSellTabFormData['areas'] {
  // Errors name the position among the rows sent, which skips empty rows: map them back to the row.
  const filled: number[] = [];
  for (let i = 0; i < MAX_SOLUTION_AREAS; i++) {
    const area = typed ? str(typed[`area${i}`]).trim() : (saved[i]?.area ?? '');
    const subAreas = typed ? commaList(typed[`subAreas${i}`]) : (saved[i]?.subAreas ?? []);
    if (area || subAreas.length > 0) filled.push(i);
  }
  return Array.from({ length: MAX_SOLUTION_AREAS }, (_, index) => {
    const position = filled.indexOf(index);
    const err = (field: string) => (position < 0 ? '' : (errors[`solutionAreas.${position}.${field}`] ?? Object.entries(errors).find(([k]) => k.startsWith(`solutionAreas.${position}.${field}.`))?.[1] ?? ''));
    return {
      index,
      area: typed ? str(typed[`area${index}`]) : (saved[index]?.area ?? ''),
      subAreas: typed ? str(typed[`subAreas${index}`]) : (saved[index]?.subAreas.join(', ') ?? ''),
      areaError: err('area'),
      subAreasError: err('subAreas'),
    };
  });
}

export function coSellTabFormData(offer: Offer, tr: Translator, typed?: FormValues, problems: Problems = {}): CoSellTabFormData {
  const all = errorsByField(tr, problems.error, (p) => p);
  const first = (prefix: string) => Object.entries(all).find(([k]) => k === prefix || k.startsWith(`${prefix}.`))?.[1] ?? '';
  const tab = offer.coSell;
  const value = (key: string, fallback: string) => (typed ? str(typed[key]) : fallback);
  return {
    tenantId: offer.tenantId,
    offerId: offer.id,
    title: tr.t('solutions.tabForm.title', { name: oneLine(offer.name, NAME_SHOWN) }),
    intro: tr.t('solutions.tabForm.intro'),
    notice: noticeOf(tr, problems),
    labels: {
      platforms: tr.t('solutions.tab.platforms'),
      platformsHint: tr.t('solutions.tabForm.platformsHint'),
      segments: tr.t('solutions.tab.segments'),
      segmentsHint: tr.t('solutions.tabForm.segmentsHint'),
      solutionType: tr.t('solutions.tab.solutionType'),
      areas: tr.t('solutions.tab.solutionAreas'),
      areasHint: tr.t('solutions.tabForm.areasHint'),
      area: tr.t('solutions.tabForm.area'),
      subAreas: tr.t('solutions.tabForm.subAreas'),
      regions: tr.t('solutions.tab.regions'),
      regionsHint: tr.t('solutions.tabForm.regionsHint'),
      landingPage: tr.t('solutions.tab.landingPage'),
      landingPageHint: tr.t('solutions.tabForm.landingPageHint'),
      incentive: tr.t('solutions.tab.incentive'),
      noIncentive: tr.t('solutions.tab.noIncentive'),
    },
    solutionTypeChoices: CoSellSolutionType.options.map((v) => ({ value: v, title: tr.tk(`readiness.solutionType.${v}`) })),
    incentiveChoices: [{ value: NO_INCENTIVE, title: tr.t('solutions.tab.noIncentive') }, ...IncentiveProgram.options.map((v) => ({ value: v, title: tr.tk(`incentive.${v}`) }))],
    values: {
      platforms: value('platforms', tab.platforms.join('\n')),
      segments: value('segments', tab.segments.join('\n')),
      solutionType: value('solutionType', tab.solutionType ?? ''),
      regions: value('regions', tab.regions.join(', ')),
      landingPage: value('landingPage', tab.productLandingPage ?? ''),
      incentive: value('incentive', tab.incentive ?? NO_INCENTIVE),
    },
    areas: areaRows(typed, tab.solutionAreas, all),
    errors: {
      platforms: first('platforms'),
      segments: first('segments'),
      solutionType: first('solutionType'),
      // Errors on the list as a whole (more than five areas); those of a row are beside the row.
      areas: all.solutionAreas ?? '',
      regions: first('regions'),
      landingPage: first('productLandingPage'),
      incentive: first('incentive'),
    },
    submitTitle: tr.t('solutions.form.save'),
    cancelTitle: tr.t('referral.form.cancel'),
    tooLarge: tr.t('card.form.tooLarge'),
  };
}

// ---------- a document: a link, or a file sent in chat ----------

export interface DocumentFormData {
  tenantId: string;
  offerId: string;
  title: string;
  intro: string;
  notice: string;
  labels: Record<'offer' | 'kind' | 'fileName' | 'fileNameHint' | 'url' | 'urlHint', string>;
  /** Offers to choose from (a file sent in chat names none); empty when the form is an offer's. */
  offerChoices: Choice[];
  kindChoices: Choice[];
  /** A file sent in chat: its name and link travel with the button, not as inputs. */
  fromFile: boolean;
  file: { fileName: string; url: string; text: string };
  values: Record<'targetOfferId' | 'kind' | 'fileName' | 'url', string>;
  errors: Record<'targetOfferId' | 'kind' | 'fileName' | 'url', string>;
  submitTitle: string;
  cancelTitle: string;
  showCancel: boolean;
  tooLarge: string;
}

export function renderDocumentForm(data: DocumentFormData): AdaptiveCardJson {
  return renderCard(documentTemplate, data, {
    compact: (d) => renderCompactCard({ title: d.title, message: d.tooLarge, ...(d.offerId ? { action: backToOffer(d.cancelTitle, d.tenantId, d.offerId) } : {}) }),
  });
}

/**
 * For one offer (`offer`), with a link typed in; or for a file sent in chat (`file`), choosing among
 * `offers` which offer it belongs to.
 */
export function documentFormData(
  tenantId: string,
  target: { offer: Offer } | { offers: readonly Offer[]; file: { fileName: string; url: string } },
  tr: Translator,
  typed?: FormValues,
  problems: Problems = {},
): DocumentFormData {
  const errors = errorsByField(tr, problems.error, (p) => p.split('.')[0], problems.refusal ? { refusal: problems.refusal, field: 'kind' } : undefined);
  const value = (key: string, fallback = '') => (typed ? str(typed[key]) : fallback);
  const fromFile = 'file' in target;
  return {
    tenantId,
    offerId: 'offer' in target ? target.offer.id : '',
    title: 'offer' in target ? tr.t('solutions.documentForm.title', { name: oneLine(target.offer.name, NAME_SHOWN) }) : tr.t('solutions.documentForm.fileTitle', { file: oneLine(target.file.fileName, NAME_SHOWN) }),
    intro: fromFile ? tr.t('solutions.documentForm.fileIntro') : tr.t('solutions.documentForm.intro'),
    notice: noticeOf(tr, problems),
    labels: {
      offer: tr.t('solutions.documentForm.offer'),
      kind: tr.t('solutions.documentForm.kind'),
      fileName: tr.t('solutions.documentForm.fileName'),
      fileNameHint: tr.t('solutions.documentForm.fileNameHint'),
      url: tr.t('solutions.documentForm.url'),
      urlHint: tr.t('solutions.documentForm.urlHint'),
    },
    offerChoices: 'offers' in target ? target.offers.map((o) => ({ value: o.id, title: oneLine(o.name, NAME_SHOWN) })) : [],
    kindChoices: CoSellDocumentKind.options.map((v) => ({ value: v, title: tr.tk(`readiness.documentKind.${v}`) })),
    fromFile,
    file: fromFile ? { fileName: target.file.fileName, url: target.file.url, text: tr.t('solutions.documentForm.file', { file: oneLine(target.file.fileName, NAME_SHOWN) }) } : { fileName: '', url: '', text: '' },
    values: { targetOfferId: value('targetOfferId'), kind: value('kind', 'onePager'), fileName: value('fileName'), url: value('url') },
    errors: { targetOfferId: errors.targetOfferId ?? '', kind: errors.kind ?? '', fileName: errors.fileName ?? '', url: errors.url ?? '' },
    submitTitle: tr.t('solutions.documentForm.submit'),
    cancelTitle: tr.t('referral.form.cancel'),
    showCancel: !fromFile,
    tooLarge: tr.t('card.form.tooLarge'),
  };
}

/** The document the form names: typed in, or (for a file sent in chat) carried by the button. */
export function readDocumentForm(typed: FormValues): Record<string, unknown> {
  const fromFile = str(typed.fileFileName) !== '';
  return { kind: typed.kind, fileName: fromFile ? typed.fileFileName : typed.fileName, url: fromFile ? typed.fileUrl : typed.url };
}

// ---------- the marketing contact (002) ----------

export interface MarketingFormData {
  tenantId: string;
  offerId: string;
  title: string;
  intro: string;
  notice: string;
  labels: Record<'member' | 'email' | 'emailHint' | 'phone' | 'language' | 'languageHint' | 'accountEmail' | 'accountEmailHint', string>;
  memberChoices: Choice[];
  values: Record<'userId' | 'email' | 'phone' | 'language' | 'accountEmail', string>;
  errors: Record<'userId' | 'email' | 'phone' | 'language' | 'accountEmail', string>;
  submitTitle: string;
  cancelTitle: string;
  tooLarge: string;
}

export function renderMarketingForm(data: MarketingFormData): AdaptiveCardJson {
  return renderCard(marketingTemplate, data, { compact: (d) => renderCompactCard({ title: d.title, message: d.tooLarge, action: backToOffer(d.cancelTitle, d.tenantId, d.offerId) }) });
}

/** `members`: the organization's members, the users a marketing contact is chosen among (002 step 4.1). */
export function marketingFormData(offer: Offer, members: readonly Member[], accountEmail: string | undefined, tr: Translator, typed?: FormValues, problems: Problems = {}): MarketingFormData {
  const field = (path: string) => (path.startsWith('contact.') ? path.split('.')[1] : path.split('.')[0]);
  const refusalField = problems.refusal?.code === 'rewards_contact_not_account_user' ? 'userId' : 'email';
  const errors = errorsByField(tr, problems.error, field, problems.refusal ? { refusal: problems.refusal, field: refusalField } : undefined);
  const contact = offer.rewards.marketingContact;
  const value = (key: string, fallback: string) => (typed ? str(typed[key]) : fallback);
  return {
    tenantId: offer.tenantId,
    offerId: offer.id,
    title: tr.t('solutions.marketingForm.title', { name: oneLine(offer.name, NAME_SHOWN) }),
    intro: tr.t('solutions.marketingForm.intro'),
    notice: noticeOf(tr, problems),
    labels: {
      member: tr.t('solutions.marketingForm.member'),
      email: tr.t('solutions.marketingForm.email'),
      emailHint: tr.t('solutions.marketingForm.emailHint'),
      phone: tr.t('solutions.marketingForm.phone'),
      language: tr.t('solutions.marketingForm.language'),
      languageHint: tr.t('solutions.marketingForm.languageHint'),
      accountEmail: tr.t('solutions.marketingForm.accountEmail'),
      accountEmailHint: tr.t('solutions.marketingForm.accountEmailHint'),
    },
    memberChoices: members.map((m) => ({ value: m.userId, title: oneLine(m.email ? `${m.name} (${m.email})` : m.name, NAME_SHOWN) })),
    values: {
      userId: value('userId', contact?.userId ?? ''),
      email: value('email', contact?.email ?? ''),
      phone: value('phone', contact?.phone ?? ''),
      language: value('language', contact?.language ?? tr.reader.locale),
      accountEmail: value('accountEmail', accountEmail ?? ''),
    },
    errors: {
      userId: errors.userId ?? '',
      email: errors.email ?? '',
      phone: errors.phone ?? '',
      language: errors.language ?? '',
      accountEmail: errors.accountEmail ?? '',
    },
    submitTitle: tr.t('solutions.form.save'),
    cancelTitle: tr.t('referral.form.cancel'),
    tooLarge: tr.t('card.form.tooLarge'),
  };
}

export function readMarketingForm(typed: FormValues): Record<string, unknown> {
  return { contact: { userId: typed.userId, email: typed.email, phone: typed.phone, language: typed.language }, accountEmail: typed.accountEmail };
}
