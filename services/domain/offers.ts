import { createHash } from 'node:crypto';
import { DateTime } from 'luxon';
import { z } from 'zod';
import { isoInstant } from '../clock';
import {
  checkCoSellReadiness,
  CoSellDocument,
  CoSellListing,
  CoSellOfferType,
  CoSellSolutionType,
  isRecommendation,
  MAX_OTHER_DOCUMENTS,
  replaceContacts,
  type CoSellContact,
  type CoSellDocumentKind,
  type ReadinessGap,
} from './coSellReadiness';
import {
  activateBenefit,
  assignMarketingContact,
  ConsultingKind,
  isLive,
  ListingType,
  MarketingBenefit,
  MarketingContact,
  REWARDS_MESSAGE_WITHIN,
  rewardsContactExpectedBy,
  shouldLookForOfferOwner,
  type MarketplaceRewards,
  type RewardsOffer,
} from './marketplaceRewards';
import { Actor, CountryCode, Email, IncentiveProgram, IsoDate, IsoInstant, TenantId, type Member, type Solution } from './model';
import { ok, refuse, type Result } from './result';
import { isAdmin } from './visibility';

/*
 * The organization's own marketplace offers (seeds 000/004 for the "Co-sell with Microsoft" tab, 002
 * for marketplace rewards, 003 for "my company's solutions" on deals). The co-sell and rewards rules
 * themselves are in coSellReadiness.ts and marketplaceRewards.ts; this module keeps one offer's
 * record and applies those rules to it. Referral admins change offers; every member may view them.
 */

const text = (max: number) => z.string('v.required').trim().min(1, 'v.required').max(max, 'v.tooLong');
const blankToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);

export const OfferId = z.string().regex(/^O[0-9A-Z]{12}$/, 'v.offerId');

/** Benefits one offer's rewards page holds at most: the seeds name none, a handful is what partners use. */
export const MAX_BENEFITS = 20;
/** Contacts one offer keeps at most; one import replaces them all (000, 004). */
export const MAX_CONTACTS = 2000;
/** Lines of one list on the co-sell tab form (platforms, segments). */
export const MAX_LIST_LINES = 20;

/** The rewards side of one offer (002): its marketing contact, the benefits activated, what was heard. */
export const OfferRewards = z.object({
  marketingContact: MarketingContact.optional(),
  benefits: z.array(MarketingBenefit).max(MAX_BENEFITS, 'v.offer.benefitsMax').default([]),
  /** When the partner recorded a message from the rewards team about this offer (002 note). */
  messageReceivedAt: IsoInstant.optional(),
  /** Reminders already sent (keys of `rewardsReminders`), so that each goes out once. */
  remindersDone: z.array(z.string().max(300)).max(100).default([]),
});
export type OfferRewards = z.infer<typeof OfferRewards>;

export const Offer = z.object({
  tenantId: TenantId,
  id: OfferId,
  name: text(200),
  /** "List, Trial or Transact" (002): what the rewards team offers depends on it. */
  listingType: ListingType,
  /** For a consulting service offer: what it delivers (002: proof of concept, implementation, workshop). */
  consulting: ConsultingKind.optional(),
  /** When the offer went live on Azure Marketplace or AppSource; absent while it is not live. */
  liveSince: IsoInstant.optional(),
  /** The "Co-sell with Microsoft" tab; its offerType is the offer's type (000, 004). */
  coSell: CoSellListing,
  rewards: OfferRewards.default({ benefits: [], remindersDone: [] }),
  createdAt: IsoInstant,
  createdBy: Actor,
  updatedAt: IsoInstant,
  updatedBy: Actor,
  /** The next instant a rewards reminder is due for this offer; indexed for the sweeper. */
  dueAt: IsoInstant.nullable().default(null),
});
export type Offer = z.infer<typeof Offer>;

/** Who changes an offer and when. */
export interface OfferContext {
  readonly actor: Actor;
  readonly now: DateTime;
}

// ---------- who may change offers ----------

/** Referral admins (with or without global scope) own the organization's offers; everyone may view them. */
export function authorizeOfferChange(member: Pick<Member, 'role'>): Result<void> {
  return isAdmin(member) ? ok(undefined) : refuse('offers_admin_only');
}

// ---------- the offer itself: name, type, listing, live or not ----------

/** The offer form: the name, the offer type (one of the eleven of 000/004), the listing type and when it went live. */
export const offerDetailsInput = (today: string) =>
  z.object({
    name: z.preprocess(blankToUndefined, text(200)),
    offerType: CoSellOfferType,
    listingType: ListingType,
    consulting: z.preprocess(blankToUndefined, ConsultingKind.optional()),
    /** Empty: not live. A date: live on Azure Marketplace or AppSource since that day (not after today). */
    liveSince: z.preprocess(blankToUndefined, IsoDate.refine((d) => d <= today, 'v.offer.liveInFuture').optional()),
  });
export type OfferDetailsInput = z.infer<ReturnType<typeof offerDetailsInput>>;

/**
 * "Live since" is a calendar day the admin picks; it is kept as the start of that day in UTC, so every
 * reader sees the day that was typed, and the rewards rules count four weeks from it.
 */
function liveInstant(day: string | undefined): string | undefined {
  return day ? `${day}T00:00:00.000Z` : undefined;
}

/** The day the offer went live, as typed (to prefill the form and to show it). */
export function liveDay(offer: Pick<Offer, 'liveSince'>): string {
  return offer.liveSince ? offer.liveSince.slice(0, 10) : '';
}

export function createOffer(id: string, tenantId: string, input: OfferDetailsInput, ctx: OfferContext): Offer {
  const at = isoInstant(ctx.now);
  return withOfferDueAt({
    tenantId,
    id,
    name: input.name,
    listingType: input.listingType,
    ...(input.consulting && input.offerType === 'consultingService' ? { consulting: input.consulting } : {}),
    ...(input.liveSince ? { liveSince: liveInstant(input.liveSince) } : {}),
    coSell: CoSellListing.parse({ offerType: input.offerType }),
    rewards: { benefits: [], remindersDone: [] },
    createdAt: at,
    createdBy: ctx.actor,
    updatedAt: at,
    updatedBy: ctx.actor,
    dueAt: null,
  });
}

/** Every change stamps who and when, and recomputes when the offer is next due for a reminder. */
function touched(offer: Offer, ctx: OfferContext): Offer {
  return withOfferDueAt({ ...offer, updatedAt: isoInstant(ctx.now), updatedBy: ctx.actor });
}

/**
 * Change the offer's name, type, listing type or live date. A live date the admin left as it was keeps
 * its instant (so reminders keyed by it do not start over); clearing it takes the offer off the market.
 */
export function editOfferDetails(offer: Offer, input: OfferDetailsInput, ctx: OfferContext): Offer {
  const sameDay = input.liveSince !== undefined && input.liveSince === liveDay(offer);
  const liveSince = sameDay ? offer.liveSince : liveInstant(input.liveSince);
  const { consulting: _consulting, liveSince: _live, ...rest } = offer;
  return touched(
    {
      ...rest,
      name: input.name,
      listingType: input.listingType,
      ...(input.consulting && input.offerType === 'consultingService' ? { consulting: input.consulting } : {}),
      ...(liveSince ? { liveSince } : {}),
      coSell: { ...offer.coSell, offerType: input.offerType },
    },
    ctx,
  );
}

// ---------- the Co-sell with Microsoft tab ----------

/**
 * The listing part of the tab (000, 004): platforms and segments (one or more each), the one solution
 * type, up to five solution areas with up to five sub-areas each, the countries where the offer should
 * be co-sell ready, the product landing page and the incentive aimed for. Documents and contacts have
 * their own forms. The element rules are CoSellListing's; the form only bounds how much is sent.
 */
export const CoSellTabInput = z.object({
  platforms: z.array(text(200)).max(MAX_LIST_LINES, 'v.offer.listMax'),
  segments: z.array(text(200)).max(MAX_LIST_LINES, 'v.offer.listMax'),
  solutionType: z.preprocess(blankToUndefined, CoSellSolutionType.optional()),
  solutionAreas: CoSellListing.shape.solutionAreas,
  regions: z.array(CountryCode).max(250, 'v.offer.listMax'),
  productLandingPage: CoSellListing.shape.productLandingPage,
  incentive: z.preprocess(blankToUndefined, IncentiveProgram.optional()),
});
export type CoSellTabInput = z.infer<typeof CoSellTabInput>;

export function setCoSellTab(offer: Offer, input: CoSellTabInput, ctx: OfferContext): Offer {
  const regions = [...new Set(input.regions)];
  const { productLandingPage: _page, incentive: _incentive, solutionType: _type, ...kept } = offer.coSell;
  return touched(
    {
      ...offer,
      coSell: {
        ...kept,
        platforms: input.platforms,
        segments: input.segments,
        ...(input.solutionType ? { solutionType: input.solutionType } : {}),
        solutionAreas: input.solutionAreas,
        regions,
        ...(input.productLandingPage ? { productLandingPage: input.productLandingPage } : {}),
        ...(input.incentive ? { incentive: input.incentive } : {}),
      },
    },
    ctx,
  );
}

/** Table 2 of 000/004 has one slot for each document but "other" (up to five of those). */
export function isSingleDocumentKind(kind: CoSellDocumentKind): boolean {
  return kind !== 'other';
}

/** A document given as a link, or sent as a file in chat (its name, and Teams' link to it). */
export const DocumentInput = CoSellDocument.extend({ url: CoSellDocument.shape.url.unwrap() });
export type DocumentInput = z.infer<typeof DocumentInput>;

/**
 * Add a document: a one-pager, pitch deck, case study, customer wins, channel pitch deck or reference
 * architecture diagram replaces the one already there (one slot each); an "other" document or video is
 * added, up to five (000, 004).
 */
export function addDocument(offer: Offer, document: DocumentInput, ctx: OfferContext): Result<Offer> {
  const documents = offer.coSell.documents;
  if (!isSingleDocumentKind(document.kind)) {
    if (documents.filter((d) => d.kind === 'other').length >= MAX_OTHER_DOCUMENTS) return refuse('offer_other_documents_max');
    return ok(touched({ ...offer, coSell: { ...offer.coSell, documents: [...documents, document] } }, ctx));
  }
  return ok(touched({ ...offer, coSell: { ...offer.coSell, documents: [...documents.filter((d) => d.kind !== document.kind), document] } }, ctx));
}

/** A short fingerprint of a document, so that a card's button names the document it was drawn for. */
export function documentKey(document: CoSellDocument): string {
  return createHash('sha256').update(`${document.kind}\n${document.fileName}\n${document.url ?? ''}`).digest('base64url').slice(0, 16);
}

/** Remove the document at `index`, if it is still the one the admin saw (`key`, from documentKey). */
export function removeDocument(offer: Offer, index: number, key: string, ctx: OfferContext): Result<Offer> {
  const document = offer.coSell.documents[index];
  if (!document || documentKey(document) !== key) return refuse('offer_document_not_found');
  return ok(touched({ ...offer, coSell: { ...offer.coSell, documents: offer.coSell.documents.filter((_, i) => i !== index) } }, ctx));
}

/** An import replaces all contacts (000, 004: `replaceContacts`); more than MAX_CONTACTS is refused whole. */
export function importContacts(offer: Offer, contacts: readonly CoSellContact[], ctx: OfferContext): Result<Offer> {
  if (contacts.length > MAX_CONTACTS) return refuse('offer_contacts_max');
  return ok(touched({ ...offer, coSell: replaceContacts(offer.coSell, contacts) }, ctx));
}

// ---------- readiness ----------

export interface OfferReadiness {
  /** Every requirement for "Co-sell ready" is met (000, 004). */
  readonly coSellReady: boolean;
  /** The unmet requirements for co-sell ready, in the tab's order (one per region lacking a Partner-sales contact). */
  readonly missing: readonly ReadinessGap[];
  /** "Azure IP co-sell incentivized" also needs the reference architecture diagram (000, 004). */
  readonly ipIncentivized: { readonly met: boolean; readonly missing: readonly ReadinessGap[] };
  /** What the seeds ask for without requiring it: the product landing page. */
  readonly recommended: readonly ReadinessGap[];
}

/**
 * What an offer's card says: co-sell ready or what it lacks; whether it meets the extra requirement of
 * Azure IP co-sell incentivized; and the recommendations. One run of `checkCoSellReadiness` with the
 * Azure IP incentive, its gaps sorted into those three.
 */
export function offerReadiness(offer: Pick<Offer, 'coSell'>): OfferReadiness {
  const gaps = checkCoSellReadiness({ ...offer.coSell, incentive: 'azureIpCoSell' }).missing;
  const ip = gaps.filter((g) => g.code === 'referenceArchitectureMissing');
  const recommended = gaps.filter(isRecommendation);
  const missing = gaps.filter((g) => !isRecommendation(g) && g.code !== 'referenceArchitectureMissing');
  return { coSellReady: missing.length === 0, missing, ipIncentivized: { met: missing.length === 0 && ip.length === 0, missing: ip }, recommended };
}

// ---------- offers on deals ----------

export function rewardsOfferOf(offer: Pick<Offer, 'id' | 'listingType' | 'consulting' | 'liveSince'>): RewardsOffer {
  return { id: offer.id, listingType: offer.listingType, ...(offer.consulting ? { consulting: offer.consulting } : {}), ...(offer.liveSince ? { liveSince: offer.liveSince } : {}) };
}

/**
 * The offer as one of "my company's solutions" on a deal (003: co-sell ready solutions published by
 * the company), or undefined while it is not live or not co-sell ready. It carries the incentive it
 * aims for when it qualifies for it: Azure IP co-sell only with the reference architecture diagram
 * (000, 004); the Business Applications incentives have no extra requirement in the seeds.
 */
export function ownSolutionOf(offer: Offer, now: DateTime): Solution | undefined {
  if (!isLive(rewardsOfferOf(offer), now)) return undefined;
  const readiness = offerReadiness(offer);
  if (!readiness.coSellReady) return undefined;
  const incentive = offer.coSell.incentive;
  const qualifies = incentive !== undefined && (incentive !== 'azureIpCoSell' || readiness.ipIncentivized.met);
  return { kind: 'own', id: offer.id, name: offer.name, ...(qualifies ? { incentive } : {}) };
}

// ---------- marketplace rewards (002), per live offer ----------

/** The 002 rewards page as the domain's rules see it, for this offer. */
function rewardsPage(offer: Offer, accountEmail: string, accountUsers: readonly string[]): MarketplaceRewards {
  return {
    accountEmail,
    accountUsers: [...accountUsers],
    ...(offer.rewards.marketingContact ? { marketingContact: offer.rewards.marketingContact } : {}),
    benefits: offer.rewards.benefits,
  };
}

/**
 * Assign the offer's company marketing contact (002 step 4, `assignMarketingContact`): one of the
 * organization's members (`isMember`: the bot knows them), with an email other than the company's
 * Partner Center account email, a phone and a default language.
 */
export function assignOfferMarketingContact(offer: Offer, accountEmail: string, contact: MarketingContact, isMember: boolean, ctx: OfferContext): Result<Offer> {
  const assigned = assignMarketingContact(rewardsPage(offer, accountEmail, isMember ? [contact.userId] : []), contact);
  if (!assigned.ok) return assigned;
  return ok(touched({ ...offer, rewards: { ...offer.rewards, marketingContact: contact } }, ctx));
}

/** The marketing contact form: the contact (002 step 4) and the company's Partner Center account email it must differ from. */
export const MarketingContactInput = z.object({ contact: MarketingContact, accountEmail: Email });

export const BenefitInput = z.object({ name: z.preprocess(blankToUndefined, text(200)) });

/**
 * Activate a benefit of this offer, named as on Partner Center's "Marketing and sales benefits" tab
 * (002 does not list them): only once the offer is live and a marketing contact is assigned
 * (`activateBenefit`, with this offer alone as the live offer it needs).
 */
export function activateOfferBenefit(offer: Offer, name: string, ctx: OfferContext): Result<Offer> {
  const existing = offer.rewards.benefits.find((b) => b.name.toLowerCase() === name.toLowerCase());
  if (!existing && offer.rewards.benefits.length >= MAX_BENEFITS) return refuse('offer_benefits_max');
  const benefit = existing ?? { id: `b${offer.rewards.benefits.length + 1}`, name };
  const page = rewardsPage(offer, '', []);
  const withBenefit = existing ? page : { ...page, benefits: [...page.benefits, benefit] };
  const activated = activateBenefit(withBenefit, benefit.id, [rewardsOfferOf(offer)], ctx.now);
  if (!activated.ok) return activated;
  return ok(touched({ ...offer, rewards: { ...offer.rewards, benefits: activated.value.benefits } }, ctx));
}

/** The rewards team reached the marketing contact about an activated benefit: its reminder is no longer needed. */
export function recordBenefitContact(offer: Offer, benefitId: string, ctx: OfferContext): Result<Offer> {
  const benefit = offer.rewards.benefits.find((b) => b.id === benefitId);
  if (!benefit?.activatedAt) return refuse('rewards_benefit_not_found', { benefitId });
  if (benefit.contactMadeAt) return ok(offer);
  const at = isoInstant(ctx.now);
  const benefits = offer.rewards.benefits.map((b) => (b.id === benefitId ? { ...b, contactMadeAt: at } : b));
  return ok(touched({ ...offer, rewards: { ...offer.rewards, benefits, messageReceivedAt: offer.rewards.messageReceivedAt ?? at } }, ctx));
}

/** A message from the rewards team arrived about this offer (002 note: then there is no owner to look for). */
export function recordRewardsMessage(offer: Offer, ctx: OfferContext): Offer {
  if (offer.rewards.messageReceivedAt) return offer;
  return touched({ ...offer, rewards: { ...offer.rewards, messageReceivedAt: isoInstant(ctx.now) } }, ctx);
}

/**
 * What the admins are reminded of (002): an activated benefit whose week for the rewards team to make
 * contact has passed without the contact recorded; and an offer live for more than four weeks without
 * a rewards message (look for the offer's owner in Partner Center, or open a support ticket).
 */
export type RewardsReminder =
  | { readonly kind: 'contactExpected'; readonly key: string; readonly dueAt: string; readonly benefitId: string; readonly benefitName: string }
  | { readonly kind: 'lookForOwner'; readonly key: string; readonly dueAt: string };

/** Reminders not sent yet, each with the moment it falls due; keys name their cause, so a new cause gets its own. */
function pendingReminders(offer: Offer): RewardsReminder[] {
  const out: RewardsReminder[] = [];
  for (const b of offer.rewards.benefits) {
    const expectedBy = rewardsContactExpectedBy(b);
    if (!expectedBy || b.contactMadeAt) continue;
    out.push({ kind: 'contactExpected', key: `contact:${b.id}:${b.activatedAt}`, dueAt: expectedBy, benefitId: b.id, benefitName: b.name });
  }
  if (offer.liveSince && !offer.rewards.messageReceivedAt) {
    // "More than four weeks" (shouldLookForOfferOwner): the first instant after them.
    const dueAt = isoInstant(DateTime.fromISO(offer.liveSince, { zone: 'utc' }).plus(REWARDS_MESSAGE_WITHIN).plus({ milliseconds: 1 }));
    out.push({ kind: 'lookForOwner', key: `owner:${offer.liveSince}`, dueAt });
  }
  return out.filter((r) => !offer.rewards.remindersDone.includes(r.key));
}

export function withOfferDueAt(offer: Offer): Offer {
  const times = pendingReminders(offer).map((r) => r.dueAt);
  const dueAt = times.length ? times.reduce((a, b) => (a < b ? a : b)) : null;
  return dueAt === offer.dueAt ? offer : { ...offer, dueAt };
}

/**
 * Apply the reminder rules at `now`, as a pure function: each reminder due is marked done and
 * returned, once. A contact reminder is due once the benefit's week has passed (`rewardsContactExpectedBy`);
 * the owner reminder once `shouldLookForOfferOwner` holds. Applying it twice at the same `now` returns
 * nothing the second time.
 */
export function applyRewardsReminders(offer: Offer, now: DateTime): { offer: Offer; reminders: RewardsReminder[] } {
  const due = pendingReminders(offer).filter((r) =>
    r.kind === 'contactExpected' ? DateTime.fromISO(r.dueAt) <= now : shouldLookForOfferOwner(rewardsOfferOf(offer), Boolean(offer.rewards.messageReceivedAt), now),
  );
  if (due.length === 0) return { offer: withOfferDueAt(offer), reminders: [] };
  // Keys of causes that are gone (a benefit removed, another live date) are dropped, so the list stays short.
  const current = new Set([...pendingReminders({ ...offer, rewards: { ...offer.rewards, remindersDone: [] } }).map((r) => r.key)]);
  const remindersDone = [...offer.rewards.remindersDone.filter((k) => current.has(k)), ...due.map((r) => r.key)];
  return { offer: withOfferDueAt({ ...offer, rewards: { ...offer.rewards, remindersDone } }), reminders: due };
}
