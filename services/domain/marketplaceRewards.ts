import { DateTime, Duration } from 'luxon';
import { z } from 'zod';
import { isoInstant } from '../clock';
import { Email, IsoInstant, Phone, UserId } from './model';
import { ok, refuse, type Result } from './result';

/*
 * Marketplace rewards (seed 002, fr-FR, ms.date 04/23/2020, "Vos avantages sur la place de marché
 * commerciale"). Only what 002 states precisely enough to be checked is modelled here:
 * - benefits are activated once an offer is live on Azure Marketplace or AppSource;
 * - a company marketing contact must be assigned before a marketing-and-sales benefit is activated,
 *   chosen among the account's users, with an email other than the company's Partner Center
 *   account email, a phone number and a default language;
 * - after activation the rewards team contacts the marketing contact within one week;
 * - four weeks after publication without any message, check who owns the offer;
 * - List, Trial and Transact offers differ in the engagement they get: Trial and consulting
 *   proof-of-concept, implementation and workshop offers a dedicated engagement manager for three
 *   months per offer; Transact offers a persistent one per offer; every offer the baseline emails.
 * The Transact tiers (billed sales and seats thresholds) are only pictures in 002, so they are not
 * here. Refusals have the shape of `Result` (result.ts) with their own codes; messages are
 * `refusal.<code>` in services/i18n/en/readiness.ts.
 */

const text = (max: number) => z.string('v.required').trim().min(1, 'v.required').max(max, 'v.tooLong');

/** "Liste, Version d'évaluation ou Transact" — the publishing option of the offer (002). */
export const ListingType = z.enum(['list', 'trial', 'transact'], 'v.choice');
export type ListingType = z.infer<typeof ListingType>;

/** What a consulting service offer (published as List) delivers; 002 names the first three. */
export const ConsultingKind = z.enum(['proofOfConcept', 'implementation', 'workshop', 'other'], 'v.choice');
export type ConsultingKind = z.infer<typeof ConsultingKind>;

export const RewardsOffer = z.object({
  id: text(128),
  listingType: ListingType,
  consulting: ConsultingKind.optional(),
  /** When the offer went live on Azure Marketplace or AppSource; absent while it is not live. */
  liveSince: IsoInstant.optional(),
});
export type RewardsOffer = z.infer<typeof RewardsOffer>;

const Language = z
  .string('v.required')
  .trim()
  .min(1, { error: 'v.required', abort: true })
  .refine((s) => {
    try {
      return Intl.getCanonicalLocales(s).length === 1;
    } catch {
      return false;
    }
  }, 'v.rewards.language');

/** 002 step 4: a user of the account, with an email, a phone number and a default language. */
export const MarketingContact = z.object({
  userId: UserId,
  email: Email,
  phone: Phone,
  language: Language,
});
export type MarketingContact = z.infer<typeof MarketingContact>;

/** One benefit of the "Marketing and sales benefits" tab, activated once. */
export const MarketingBenefit = z.object({
  id: text(128),
  name: text(200),
  activatedAt: IsoInstant.optional(),
  /** When the partner recorded that the rewards team reached the marketing contact about it. */
  contactMadeAt: IsoInstant.optional(),
});
export type MarketingBenefit = z.infer<typeof MarketingBenefit>;

/** The Marketplace Rewards page of one partner organization. */
export const MarketplaceRewards = z.object({
  /** The email address of the company's Partner Center account (002 step 4.2). */
  accountEmail: Email,
  /** The users listed under Account settings; the marketing contact is one of them (002 step 4.1). */
  accountUsers: z.array(UserId).default([]),
  marketingContact: MarketingContact.optional(),
  benefits: z.array(MarketingBenefit).default([]),
});
export type MarketplaceRewards = z.infer<typeof MarketplaceRewards>;

/** 002: the rewards team reaches the marketing contact "within a week" of an activation. */
export const REWARDS_CONTACT_WITHIN = Duration.fromObject({ weeks: 1 });
/** 002 note: "published for more than four weeks and no message received" → look for the offer's owner. */
export const REWARDS_MESSAGE_WITHIN = Duration.fromObject({ weeks: 4 });
/** 002 "List, trial and consulting benefits": a dedicated engagement manager for three months. */
export const ENGAGEMENT_TERM = Duration.fromObject({ months: 3 });

/** Calendar arithmetic (three months) in UTC, so the result does not depend on the server's time zone. */
const instant = (iso: string) => DateTime.fromISO(iso, { zone: 'utc' });

export function isLive(offer: RewardsOffer, now: DateTime): boolean {
  return offer.liveSince !== undefined && instant(offer.liveSince) <= now;
}

/**
 * Add, update or change the marketing contact (002 step 4). The person must be one of the account's
 * users ("select a user from the list"; others are added under Account settings first), and the
 * email given must differ from the one of the company's Partner Center account, because the rewards
 * instructions go to a person, not to the account. A new assignment replaces the previous one.
 */
export function assignMarketingContact(rewards: MarketplaceRewards, contact: MarketingContact): Result<MarketplaceRewards> {
  if (!rewards.accountUsers.includes(contact.userId)) return refuse('rewards_contact_not_account_user', { userId: contact.userId });
  if (contact.email.toLowerCase() === rewards.accountEmail.toLowerCase()) return refuse('rewards_contact_email_is_account_email');
  return ok({ ...rewards, marketingContact: contact });
}

/**
 * Activate a marketing-and-sales benefit (002 steps 3–4): benefits become available once an offer
 * is live, and "to activate the marketing and sales benefit you must first assign a company
 * marketing contact", who receives the follow-up communications.
 */
export function activateBenefit(
  rewards: MarketplaceRewards,
  benefitId: string,
  offers: readonly RewardsOffer[],
  now: DateTime,
): Result<MarketplaceRewards> {
  const benefit = rewards.benefits.find((b) => b.id === benefitId);
  if (!benefit) return refuse('rewards_benefit_not_found', { benefitId });
  if (benefit.activatedAt) return refuse('rewards_benefit_already_active', { name: benefit.name });
  if (!offers.some((o) => isLive(o, now))) return refuse('rewards_offer_not_live');
  if (!rewards.marketingContact) return refuse('rewards_marketing_contact_required');
  const activatedAt = isoInstant(now);
  return ok({ ...rewards, benefits: rewards.benefits.map((b) => (b.id === benefitId ? { ...b, activatedAt } : b)) });
}

/** By when the rewards team should have reached the marketing contact about an activated benefit (002). */
export function rewardsContactExpectedBy(benefit: MarketingBenefit): string | undefined {
  return benefit.activatedAt ? isoInstant(instant(benefit.activatedAt).plus(REWARDS_CONTACT_WITHIN)) : undefined;
}

/**
 * 002 note: when an offer has been published for more than four weeks and no rewards message has
 * arrived, look up the offer's owner in Partner Center (they should have it), or open a support
 * ticket if the owner is unknown or gone. Exactly four weeks is not yet "more than".
 */
export function shouldLookForOfferOwner(offer: RewardsOffer, rewardsMessageReceived: boolean, now: DateTime): boolean {
  if (rewardsMessageReceived || !offer.liveSince) return false;
  return now > instant(offer.liveSince).plus(REWARDS_MESSAGE_WITHIN);
}

/**
 * The engagement an offer gets (002):
 * - Trial, or a consulting proof of concept, implementation or workshop: a dedicated engagement
 *   manager for three months from publication, renewed by each new offer published;
 * - Transact: a dedicated engagement manager, persistent for each offer (we read "all partners with
 *   a published offer" as the Transact section's own partners, where the sentence stands);
 * - any other live offer: the baseline optimisation and promotion recommendations by self-service
 *   email that "all offers receive".
 */
export type Engagement =
  | { readonly kind: 'notLive' }
  | { readonly kind: 'baseline' }
  | { readonly kind: 'dedicated'; readonly until: string | null };

const THREE_MONTH_CONSULTING: ReadonlySet<ConsultingKind> = new Set(['proofOfConcept', 'implementation', 'workshop']);

export function engagementFor(offer: RewardsOffer, now: DateTime): Engagement {
  if (!offer.liveSince || !isLive(offer, now)) return { kind: 'notLive' };
  if (offer.listingType === 'transact') return { kind: 'dedicated', until: null };
  if (offer.listingType === 'trial' || (offer.consulting && THREE_MONTH_CONSULTING.has(offer.consulting))) {
    return { kind: 'dedicated', until: isoInstant(instant(offer.liveSince).plus(ENGAGEMENT_TERM)) };
  }
  return { kind: 'baseline' };
}
