import { DateTime } from 'luxon';
import { z } from 'zod';
import type { Clock } from '../clock';
import { receiveReferral, type ReferralIntake } from '../domain/lifecycle';
import { CountryCode, CurrencyCode, Duns, Email, IsoInstant, type Deal, type Solution } from '../domain/model';
import type { TimeRules } from '../domain/schedule';
import { apiIssues } from '../i18n';
import type { Effects } from '../notifications/effects';
import { AlreadyExistsError, type Store } from '../store/ports';

/*
 * The inbound referral intake (shared/contracts/inbound-referral.md), independent of HTTP. Field
 * names follow Partner Center's referral resource. Unknown fields are ignored. One compatible
 * extension: `sender.tenantId` names the sending organization when it uses this deployment, so that
 * its admins can be told the outcome.
 */

const blankToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
const text = (max: number) => z.string('v.required').trim().min(1, 'v.required').max(max, 'v.tooLong');
const optionalText = (max: number) => z.preprocess(blankToUndefined, z.string().trim().max(max, 'v.tooLong').optional());

/** ISO date (2027-03-31) or date-time (2027-03-31T00:00:00Z); the deal keeps the calendar date. */
const DateOrDateTime = z
  .string('v.required')
  .trim()
  .refine((s) => /^\d{4}-\d{2}-\d{2}($|T)/.test(s) && DateTime.fromISO(s, { setZone: true }).isValid, 'v.date')
  .transform((s) => s.slice(0, 10));

export const IntakeBody = z
  .object({
    id: text(128),
    engagementId: optionalText(128),
    tenantId: text(128),
    name: text(200),
    location: CountryCode,
    sender: z.object({
      type: z.enum(['Microsoft', 'Partner'], 'v.senderType'),
      organizationName: text(200),
      name: optionalText(200),
      email: z.preprocess(blankToUndefined, Email.optional()),
      tenantId: optionalText(128),
    }),
    customerProfile: z.object({
      name: text(200),
      address: z.object({ city: optionalText(120), country: CountryCode }),
      duns: z.preprocess(blankToUndefined, Duns.optional()),
      team: z
        .array(
          z.object({
            firstName: optionalText(100),
            lastName: optionalText(100),
            email: z.preprocess(blankToUndefined, Email.optional()),
            phoneNumber: optionalText(40),
          }),
        )
        .max(50, 'v.tooLong')
        .optional(),
    }),
    details: z.object({
      dealValue: z.number({ error: (i) => (i.input === undefined ? 'v.required' : 'v.number') }).min(0, 'v.nonNegative').max(1e15, 'v.tooLarge'),
      currency: CurrencyCode,
      closingDateTime: DateOrDateTime,
      notes: optionalText(4000),
      requirements: z
        .object({
          solutions: z.array(z.object({ name: text(200), publisher: optionalText(200) })).max(50, 'v.tooLong').optional(),
        })
        .optional(),
    }),
    inviteContext: z.object({ notes: optionalText(4000), helpWanted: optionalText(200) }).optional(),
    createdDateTime: IsoInstant.optional(),
    expirationDateTime: IsoInstant.optional(),
  })
  .superRefine((body, ctx) => {
    if (body.createdDateTime && body.expirationDateTime && body.expirationDateTime <= body.createdDateTime) {
      ctx.addIssue({ code: 'custom', path: ['expirationDateTime'], message: 'v.expiresBeforeCreated' });
    }
  });
export type IntakeBody = z.infer<typeof IntakeBody>;

/** Validate a request body; issues name each field in the contract's terms, in English (the API's language). */
export function parseIntakeBody(body: unknown): { ok: true; value: IntakeBody } | { ok: false; issues: { path: string; message: string }[] } {
  const parsed = IntakeBody.safeParse(body);
  return parsed.success ? { ok: true, value: parsed.data } : { ok: false, issues: apiIssues(parsed.error) };
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

/**
 * Store a referral and queue its cards, atomically. The deal id derives from (tenant, sender's id),
 * so a repeat lands on the existing record: no second referral, no second notification. `finish`
 * completes the received deal before it is written (Partner Center's import links it, and records an
 * answer already given there), so that it is still one write.
 */
export async function receiveInbound(deps: IntakeDeps, intake: ReferralIntake, finish: (deal: Deal) => Deal = (deal) => deal): Promise<{ status: 'received' | 'repeat'; referralId: string }> {
  const deal = finish(receiveReferral(intake, deps.clock.now(), deps.timeRules));
  try {
    await deps.store.deals.create(deal, { outbox: deps.effects.newReferral(deal) });
    return { status: 'received', referralId: deal.id };
  } catch (err) {
    if (err instanceof AlreadyExistsError) return { status: 'repeat', referralId: deal.id };
    throw err;
  }
}
