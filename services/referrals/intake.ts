import { DateTime } from 'luxon';
import { z } from 'zod';
import type { Clock } from '../clock';
import { CloseDate, optionalText } from '../domain/inputs';
import { checkReferral, receiveReferral, type ReferralIntake } from '../domain/lifecycle';
import { Customer, CustomerContact, Deal, InboundOrigin, IsoInstant, Money, NAME_PART_MAX, Sender, Solution } from '../domain/model';
import type { TimeRules } from '../domain/schedule';
import { apiIssues } from '../i18n';
import type { Effects } from '../notifications/effects';
import { AlreadyExistsError, type Store } from '../store/ports';

/*
 * The inbound referral intake (shared/contracts/inbound-referral.md), independent of HTTP. Field
 * names follow Partner Center's referral resource. Unknown fields are ignored. One compatible
 * extension: `sender.tenantId` names the sending organization when it uses this deployment, so that
 * its admins can be told the outcome.
 *
 * What the intake accepts is stored: each field's rule is the domain's own schema for what it
 * becomes, and the deal a body makes is checked with the store's schema before it is stored — so a
 * body the store would refuse is a 400 naming the contract's field, never a 500 (which a sync job
 * would retry for ever).
 */

type Issue = { path: string; message: string };

/** ISO date (2027-03-31) or date-time (2027-03-31T00:00:00Z); the deal keeps the calendar date, a plausible close date. */
const DateOrDateTime = z
  .string('v.required')
  .trim()
  .refine((s) => /^\d{4}-\d{2}-\d{2}($|T)/.test(s) && DateTime.fromISO(s, { setZone: true }).isValid, { message: 'v.date', abort: true })
  .transform((s) => s.slice(0, 10))
  .pipe(CloseDate);

export const IntakeBody = z.object({
  id: InboundOrigin.shape.externalId,
  engagementId: InboundOrigin.shape.engagementId,
  tenantId: Deal.shape.tenantId,
  name: Deal.shape.name,
  location: Deal.shape.location,
  sender: Sender,
  customerProfile: z.object({
    name: Customer.shape.name,
    address: z.object({ city: Customer.shape.city, country: Customer.shape.country }),
    duns: Customer.shape.duns,
    team: z
      .array(
        z.object({
          firstName: optionalText(NAME_PART_MAX),
          lastName: optionalText(NAME_PART_MAX),
          email: CustomerContact.shape.email,
          phoneNumber: CustomerContact.shape.phone,
        }),
      )
      .max(50, 'v.tooLong')
      .optional(),
  }),
  details: z.object({
    dealValue: Money.shape.amount,
    currency: Money.shape.currency,
    closingDateTime: DateOrDateTime,
    notes: Deal.shape.notes,
    requirements: z
      .object({
        solutions: z.array(z.object({ name: Solution.shape.name, publisher: Solution.shape.publisher })).max(50, 'v.tooLong').optional(),
      })
      .optional(),
  }),
  inviteContext: InboundOrigin.shape.inviteContext,
  createdDateTime: IsoInstant.optional(),
  expirationDateTime: IsoInstant.optional(),
});
export type IntakeBody = z.infer<typeof IntakeBody>;

/** Validate a request body's shape; issues name each field in the contract's terms, in English (the API's language). */
export function parseIntakeBody(body: unknown): { ok: true; value: IntakeBody } | { ok: false; issues: Issue[] } {
  const parsed = IntakeBody.safeParse(body);
  return parsed.success ? { ok: true, value: parsed.data } : { ok: false, issues: apiIssues(parsed.error) };
}

/**
 * Where a field of the deal comes from in the contract, most specific first (`$n`: the same index).
 * A first and last name make one contact name, so its issue names the team member.
 */
const CONTRACT_PATHS: readonly (readonly [RegExp, string])[] = [
  [/^inbound\.externalId\b/, 'id'],
  [/^inbound\.engagementId\b/, 'engagementId'],
  [/^inbound\.sender\b/, 'sender'],
  [/^inbound\.inviteContext\b/, 'inviteContext'],
  [/^(inbound\.expiresAt|dueAt)\b/, 'expirationDateTime'],
  [/^createdAt\b/, 'createdDateTime'],
  [/^(createdBy|history\.\d+\.by)\.name\b/, 'sender.name'],
  [/^customer\.contacts\.(\d+)\.name\b/, 'customerProfile.team.$1'],
  [/^customer\.contacts\.(\d+)\.phone\b/, 'customerProfile.team.$1.phoneNumber'],
  [/^customer\.contacts\.(\d+)\.email\b/, 'customerProfile.team.$1.email'],
  [/^customer\.contacts\b/, 'customerProfile.team'],
  [/^customer\.(country|city)\b/, 'customerProfile.address.$1'],
  [/^customer\b/, 'customerProfile'],
  [/^value\.amount\b/, 'details.dealValue'],
  [/^value\.currency\b/, 'details.currency'],
  [/^closeDate\b/, 'details.closingDateTime'],
  [/^notes\b/, 'details.notes'],
  [/^solutions\b/, 'details.requirements.solutions'],
  [/^(tenantId|name|location)\b/, '$1'],
];

/** The contract's path of a field of the deal the intake builds (`(body)` for one no field gives). */
export function contractPath(dealPath: readonly PropertyKey[]): string {
  const path = dealPath.map(String).join('.');
  for (const [pattern, replacement] of CONTRACT_PATHS) {
    if (pattern.test(path)) return path.replace(pattern, replacement);
  }
  return '(body)';
}

function solutionOf(s: { name: string; publisher?: string }): Solution {
  return { kind: s.publisher?.toLowerCase() === 'microsoft' ? 'microsoft' : 'thirdParty', name: s.name, ...(s.publisher ? { publisher: s.publisher } : {}) };
}

export function toReferralIntake(body: IntakeBody): ReferralIntake {
  const contacts = (body.customerProfile.team ?? []).map((t) => ({
    name: [t.firstName, t.lastName].filter(Boolean).join(' ') || undefined,
    email: t.email,
    phone: t.phoneNumber,
  }));
  return {
    tenantId: body.tenantId,
    externalId: body.id,
    engagementId: body.engagementId,
    name: body.name,
    location: body.location,
    sender: body.sender,
    customer: {
      name: body.customerProfile.name,
      country: body.customerProfile.address.country,
      city: body.customerProfile.address.city,
      duns: body.customerProfile.duns,
      contacts,
      contactConsent: false,
    },
    value: { amount: body.details.dealValue, currency: body.details.currency },
    closeDate: body.details.closingDateTime,
    notes: body.details.notes,
    solutions: (body.details.requirements?.solutions ?? []).map(solutionOf),
    inviteContext: body.inviteContext,
    createdAt: body.createdDateTime ? DateTime.fromISO(body.createdDateTime, { zone: 'utc' }) : undefined,
    expiresAt: body.expirationDateTime ? DateTime.fromISO(body.expirationDateTime, { zone: 'utc' }) : undefined,
  };
}

export interface IntakeDeps {
  readonly store: Store;
  readonly clock: Clock;
  readonly timeRules: TimeRules;
  readonly effects: Effects;
}

export type IntakeOutcome = { status: 'received' | 'repeat'; referralId: string } | { status: 'invalid'; issues: Issue[] };

/**
 * A referral body through the intake: the deal it makes, checked by the domain (plausible instants,
 * the store's schema), then stored; or why not, field by field in the contract's terms. `finish`
 * completes the checked deal before it is written (Partner Center's import links it and records an
 * answer already given there), so that it is still one write.
 */
export async function receiveReferralBody(deps: IntakeDeps, body: IntakeBody, finish: (deal: Deal) => Deal = (deal) => deal): Promise<IntakeOutcome> {
  const checked = checkReferral(toReferralIntake(body), deps.clock.now(), deps.timeRules);
  if (!checked.ok) return { status: 'invalid', issues: apiIssues(new z.ZodError(checked.issues.map((i) => ({ ...i, path: contractPath(i.path).split('.') })))) };
  return store(deps, finish(checked.deal));
}

/** Store a referral this deployment makes itself (a P2P invitation to one of its organizations) and queue its cards. */
export function receiveInbound(deps: IntakeDeps, intake: ReferralIntake): Promise<{ status: 'received' | 'repeat'; referralId: string }> {
  return store(deps, receiveReferral(intake, deps.clock.now(), deps.timeRules));
}

/**
 * Store a referral and queue its cards, atomically. The deal id derives from (tenant, sender's id),
 * so a repeat lands on the existing record: no second referral, no second notification.
 */
async function store(deps: IntakeDeps, deal: Deal): Promise<{ status: 'received' | 'repeat'; referralId: string }> {
  try {
    await deps.store.deals.create(deal, { outbox: deps.effects.newReferral(deal) });
    return { status: 'received', referralId: deal.id };
  } catch (err) {
    if (err instanceof AlreadyExistsError) return { status: 'repeat', referralId: deal.id };
    throw err;
  }
}
