import { z } from 'zod';
import { DateTime } from 'luxon';
import { COUNTRY_CODES } from './countries';

/*
 * The co-sell domain as data. Every record the stores keep is parsed with these schemas at the
 * boundary, so every store returns the same shape. Messages of the form `v.<name>` are keys of the
 * message catalog (services/i18n), never text shown as is.
 */

/** The ISO 4217 codes in use, as the runtime knows them. */
export const CURRENCY_CODES: ReadonlySet<string> = new Set(Intl.supportedValuesOf('currency'));

export const TenantId = z.string().trim().min(1, 'v.required').max(128, 'v.tooLong');
export const UserId = z.string().trim().min(1, 'v.required').max(256, 'v.tooLong');
export const DealId = z.string().regex(/^D[0-9A-Z]{12}$/, 'v.dealId');

/** ISO 3166-1 alpha-2, upper-cased on the way in. */
export const CountryCode = z
  .string('v.required')
  .trim()
  .transform((s) => s.toUpperCase())
  .refine((s) => COUNTRY_CODES.has(s), 'v.country');

/** ISO 4217, upper-cased on the way in. */
export const CurrencyCode = z
  .string('v.required')
  .trim()
  .transform((s) => s.toUpperCase())
  .refine((s) => CURRENCY_CODES.has(s), 'v.currency');

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** A real calendar day written `yyyy-MM-dd` (2027-02-30 is not one). */
export function isCalendarDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (mo < 1 || mo > 12 || d < 1) return false;
  const leap = y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
  return d <= (mo === 2 && leap ? 29 : DAYS_IN_MONTH[mo - 1]!);
}

/** A calendar date, `yyyy-MM-dd`. */
export const IsoDate = z.string('v.required').trim().refine(isCalendarDate, { message: 'v.date', abort: true });

/**
 * The one form every stored instant has: UTC, milliseconds, a four-digit year. Stores and the sweeper
 * compare instants as strings, which only orders them when every one has this form (a year past 9999
 * is written "+010000-…" and would sort before "2026-…"). Values already in it need no parsing (this
 * runs on every read), only the calendar check the pattern cannot make (2026-02-31).
 */
const CANONICAL_INSTANT = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])T([01]\d|2[0-3]):[0-5]\d:[0-5]\d\.\d{3}Z$/;
const isCanonicalInstant = (s: string) => CANONICAL_INSTANT.test(s) && isCalendarDate(s.slice(0, 10));

/**
 * An instant, ISO-8601; stored normalised to UTC with milliseconds, years 0000–9999. One without an
 * offset is read as UTC, never in whatever zone the server happens to run in.
 */
export const IsoInstant = z
  .string('v.required')
  .trim()
  .transform((s, ctx) => {
    if (isCanonicalInstant(s)) return s;
    const t = /T/.test(s) ? DateTime.fromISO(s, { zone: 'utc', setZone: true }) : undefined;
    const utc = t?.isValid ? (t.toUTC().toISO() as string) : '';
    if (isCanonicalInstant(utc)) return utc;
    ctx.addIssue({ code: 'custom', message: 'v.dateTime', input: s });
    return z.NEVER;
  });

export const Email = z.string('v.required').trim().max(320, 'v.tooLong').pipe(z.email('v.email'));
/** Phone numbers are free-form across countries; we insist on something dialable. */
export const Phone = z
  .string('v.required')
  .trim()
  .regex(/^\+?[0-9 ()./-]{5,32}$/, 'v.phone')
  .refine((s) => (s.match(/[0-9]/g) ?? []).length >= 5, 'v.phone');
export const Duns = z.string().trim().regex(/^\d{9}$/, 'v.duns');

const blankToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
const text = (max: number) => z.string('v.required').trim().min(1, 'v.required').max(max, 'v.tooLong');
const optionalText = (max: number) => z.preprocess(blankToUndefined, z.string().trim().max(max, 'v.tooLong').optional());
/** An optional value where an empty or blank string means "not given". */
const optional = <T extends z.ZodType>(schema: T) => z.preprocess(blankToUndefined, schema.optional());

/** The longest free text a deal holds: notes (on a deal, an invitation, a referral and its answer). */
export const NOTES_MAX = 4000;

export const Money = z.object({
  amount: z
    .number({ error: (issue) => (issue.input === undefined ? 'v.required' : 'v.number') })
    .min(0, 'v.nonNegative')
    .max(1e15, 'v.tooLarge'),
  currency: CurrencyCode,
});
export type Money = z.infer<typeof Money>;

/** Who did something. `user` is a member of the organization (Entra object id). */
export const Actor = z.object({
  kind: z.enum(['user', 'system', 'microsoft', 'partner']),
  id: z.string().optional(),
  name: z.string(),
});
export type Actor = z.infer<typeof Actor>;
export const SYSTEM: Actor = { kind: 'system', name: 'Co-sell bot' };

// ---------- organization, members, roles (003) ----------

/**
 * `globalAdmin`: referral admin with global scope; `admin`: referral admin; both see every deal of
 * the organization. `user`: referral user, sees a deal only when on its team and its location is in
 * their scope.
 */
export const Role = z.enum(['globalAdmin', 'admin', 'user']);
export type Role = z.infer<typeof Role>;

export const Member = z.object({
  tenantId: TenantId,
  userId: UserId,
  name: z.string().max(256),
  email: z.string().max(320).optional(),
  /** The phone the member last gave on a deal team, to prefill the next form (Teams does not share phones). */
  phone: z.string().max(40).optional(),
  /** How the member hears about referrals waiting: a card per reminder (unset) or one digest a day. */
  reminders: z.enum(['single', 'digest']).optional(),
  role: Role,
  locationScopes: z.array(CountryCode).default([]),
  locale: z.string().max(35).optional(),
  timeZone: z.string().max(64).optional(),
  /** True while the bot is installed for this member (we can reach them proactively). */
  installed: z.boolean().default(true),
  joinedAt: IsoInstant,
  updatedAt: IsoInstant,
});
export type Member = z.infer<typeof Member>;

export const IncentiveProgram = z.enum(['azureIpCoSell', 'bizAppsPremium', 'bizAppsStandard']);
export type IncentiveProgram = z.infer<typeof IncentiveProgram>;

/** Kinds of solution on a deal (003 "Add solution(s)"). */
export const SolutionKind = z.enum(['own', 'microsoft', 'thirdParty', 'assessment']);
export type SolutionKind = z.infer<typeof SolutionKind>;

export const Solution = z.object({
  kind: SolutionKind,
  id: z.string().max(128).optional(),
  name: text(200),
  publisher: optionalText(200),
  incentive: IncentiveProgram.optional(),
});
export type Solution = z.infer<typeof Solution>;

/**
 * How many of an organization's members last used each locale and each time zone in Teams: what a
 * member reads before the bot has heard their own (services/members/readers.ts). At most
 * READER_TALLY_KEYS of each, so a member cannot grow it with invented locales.
 */
export const READER_TALLY_KEYS = 50;
export const ReaderTally = z.object({
  locales: z.record(z.string().max(35), z.number().int().nonnegative()),
  timeZones: z.record(z.string().max(64), z.number().int().nonnegative()),
});
export type ReaderTally = z.infer<typeof ReaderTally>;

export const Organization = z.object({
  tenantId: TenantId,
  name: text(200),
  /**
   * Superseded by the organization's offers (services/solutions: its live, co-sell ready offers are "my
   * company's solutions") and no longer read; removing it touches every place that builds an
   * Organization, which is a change of its own.
   */
  solutions: z.array(Solution).default([]),
  /** Vetted by the solution assessments business team: may create solution assessment deals. */
  assessmentVetted: z.boolean().default(false),
  /** The referral admin with global scope who recorded the vetting (or its withdrawal), and when. */
  assessmentVettedBy: Actor.optional(),
  assessmentVettedAt: IsoInstant.optional(),
  /** The email of the company's Partner Center account: a rewards marketing contact must use another (002). */
  partnerCenterAccountEmail: Email.optional(),
  /** Absent for organizations from before it was kept: counted from the members the first time it is needed. */
  readers: ReaderTally.optional(),
  createdAt: IsoInstant,
  updatedAt: IsoInstant,
});
export type Organization = z.infer<typeof Organization>;

// ---------- deals ----------

export const DealDirection = z.enum(['inbound', 'outbound']);
export type DealDirection = z.infer<typeof DealDirection>;

export const DealType = z.enum(['coSell', 'p2p', 'private', 'partnerLed', 'solutionAssessment']);
export type DealType = z.infer<typeof DealType>;

/** Lifecycle state. `open` covers Created/Accepted and every sales stage before Won or Lost. */
export const DealStatus = z.enum(['received', 'open', 'won', 'lost', 'declined', 'expired']);
export type DealStatus = z.infer<typeof DealStatus>;

export const SalesStage = z.enum(['created', 'accepted', 'qualified', 'developed', 'proposed', 'negotiated', 'won']);
export type SalesStage = z.infer<typeof SalesStage>;

/** Solution-assessment stages (our choice; the seeds do not list them). Marked in order, all mandatory. */
export const AssessmentStage = z.enum(['engaged', 'discovery', 'analysis', 'findingsPresented']);
export type AssessmentStage = z.infer<typeof AssessmentStage>;

/** "Identify the kind of help that you need from Microsoft"; `none` is the default answer. */
export const HelpKind = z.enum([
  'none',
  'technicalPresales',
  'solutionArchitecture',
  'proofOfConcept',
  'pricingAndDealStructure',
  'customerIntroduction',
  'businessValue',
  'postSales',
  'other',
]);
export type HelpKind = z.infer<typeof HelpKind>;

export const DeclineReason = z.enum([
  'notAFit',
  'noCapacity',
  'customerNotReachable',
  'duplicate',
  'outsideLocation',
  'budgetOrTiming',
  'other',
]);
export type DeclineReason = z.infer<typeof DeclineReason>;

export const Contact = z.object({
  name: text(200),
  phone: Phone,
  email: Email,
});
export type Contact = z.infer<typeof Contact>;

/**
 * A team member. What a seller types is a whole contact — name, phone and email (003 "Add team
 * members"; the typed rows are checked in inputs.ts). The phone may be missing only for someone the
 * bot put on the team itself (a referral handed to a colleague): Teams does not give a bot anyone's
 * phone. A typed row always carries its phone, so an empty one is still refused.
 */
export const TeamMember = Contact.extend({ phone: Phone.optional(), userId: UserId.optional() });
export type TeamMember = z.infer<typeof TeamMember>;

/** Senders name a customer's contact in two parts (first and last name), each at most this long. */
export const NAME_PART_MAX = 100;

/**
 * One of the customer's people. The main contact (first) is optional and each of its fields too;
 * needed only when Microsoft is invited. A referral's sender gives the customer's contacts as they
 * have them ("+33 1 23 45 67 89 ext 12", "n/a"): they are the sender's words, not ours to reformat or
 * refuse, so the phone is kept as given, bounded. What our own sellers type for a contact is checked
 * as a dialable phone on the way in (inputs.ts CustomerContactInput).
 */
export const CustomerContact = z.object({
  name: optionalText(2 * NAME_PART_MAX + 1),
  phone: optionalText(40),
  email: optional(Email),
});
export type CustomerContact = z.infer<typeof CustomerContact>;

export const Customer = z.object({
  name: text(200),
  country: CountryCode,
  city: optionalText(120),
  duns: optional(Duns),
  /** Main contact first; inbound referrals may carry more of the customer's people. */
  contacts: z.array(CustomerContact).default([]),
  /** The partner confirmed it has the customer's consent to share the contact with Microsoft. */
  contactConsent: z.boolean().default(false),
});
export type Customer = z.infer<typeof Customer>;

export const Assessment = z.object({
  type: text(120),
  location: CountryCode,
});
export type Assessment = z.infer<typeof Assessment>;

export const MicrosoftStatus = z.enum(['notInvited', 'invited', 'engaged', 'declined', 'noResponse']);
export type MicrosoftStatus = z.infer<typeof MicrosoftStatus>;

/** Microsoft's side of the deal. `respondBy` is the end of its 14-day window to decide (003). */
export const MicrosoftEngagement = z.object({
  helpWanted: HelpKind.default('none'),
  canView: z.boolean().default(false),
  status: MicrosoftStatus.default('notInvited'),
  invitedAt: IsoInstant.optional(),
  respondBy: IsoInstant.optional(),
  respondedAt: IsoInstant.optional(),
  /** Microsoft itself marked the deal won (one way to make a co-sell deal eligible for registration). */
  markedWon: z.boolean().default(false),
});
export type MicrosoftEngagement = z.infer<typeof MicrosoftEngagement>;

export const InvitationStatus = z.enum(['pending', 'accepted', 'declined', 'expired']);
export type InvitationStatus = z.infer<typeof InvitationStatus>;

/** One invited partner with the fields 003 asks for. */
export const PartnerInvitation = z.object({
  id: z.string().min(1).max(64),
  partner: z.object({ tenantId: TenantId.optional(), name: text(200) }),
  closeDate: IsoDate,
  value: Money,
  notes: optionalText(NOTES_MAX),
  team: z.array(TeamMember).default([]),
  solutions: z.array(Solution).min(1, 'v.solutionRequired'),
  helpWanted: optionalText(200),
  status: InvitationStatus.default('pending'),
  invitedAt: IsoInstant,
  invitedBy: Actor,
  respondedAt: IsoInstant.optional(),
  reason: optionalText(200),
  /** The invited organization's own deal, when it uses this deployment. */
  remoteDealId: z.string().optional(),
});
export type PartnerInvitation = z.infer<typeof PartnerInvitation>;

export const Sender = z.object({
  type: z.enum(['Microsoft', 'Partner'], 'v.senderType'),
  organizationName: text(200),
  name: optionalText(200),
  email: optional(Email),
  /** Set when the sending organization uses this deployment. */
  tenantId: optional(TenantId),
});
export type Sender = z.infer<typeof Sender>;

/** Where an inbound referral came from and its response window. */
export const InboundOrigin = z.object({
  externalId: text(128),
  engagementId: optionalText(128),
  sender: Sender,
  inviteContext: z.object({ notes: optionalText(NOTES_MAX), helpWanted: optionalText(200) }).default({}),
  receivedAt: IsoInstant,
  expiresAt: IsoInstant,
  /** Reminder lead times (ISO durations) already sent or deliberately skipped. */
  remindersDone: z.array(z.string()).default([]),
  /** "Remind me tomorrow": one more reminder for this member at `at` (one per member; removed once sent). */
  snoozes: z.array(z.object({ userId: UserId, at: IsoInstant })).optional(),
  /** For a P2P invitation inside this deployment: the inviter's deal and invitation. */
  inviterDealId: z.string().optional(),
  invitationId: z.string().optional(),
});
export type InboundOrigin = z.infer<typeof InboundOrigin>;

export const ReferralResponse = z.object({
  action: z.enum(['accepted', 'declined']),
  at: IsoInstant,
  by: Actor,
  reason: DeclineReason.optional(),
  reasonText: optionalText(200),
  notes: optionalText(NOTES_MAX),
});
export type ReferralResponse = z.infer<typeof ReferralResponse>;

export const HistoryEvent = z.enum([
  'received',
  'created',
  'accepted',
  'declined',
  'expired',
  'stage',
  'assessmentStage',
  'won',
  'lost',
  'edited',
  'microsoftInvited',
  'microsoftResponded',
  'microsoftCanView',
  'partnerInvited',
  'partnerResponded',
  'registration',
  'assigned',
]);
export type HistoryEvent = z.infer<typeof HistoryEvent>;

/** Microsoft's note on a registration's progress; the history entry of that progress keeps it too. */
const REGISTRATION_NOTE_MAX = 1000;

export const HistoryEntry = z.object({
  event: HistoryEvent,
  at: IsoInstant,
  by: Actor,
  /** The stage reached, for `stage`/`assessmentStage`; a detail for other events, up to Microsoft's note on a registration. */
  stage: z.string().optional(),
  detail: z.string().max(REGISTRATION_NOTE_MAX).optional(),
});
export type HistoryEntry = z.infer<typeof HistoryEntry>;

export const RegistrationStatus = z.enum(['submitted', 'inReview', 'actionRequired', 'validated']);
export type RegistrationStatus = z.infer<typeof RegistrationStatus>;

/**
 * What the seller confirms and adds when registering (003): "Register the deal only if your company
 * name and the incentive eligible solution in the deal are clearly mentioned in the contract with the
 * customer", and after Won "you'll be asked to provide additional information" for Microsoft's review:
 * which of the deal's incentive-eligible solutions the contract names, and the contract itself.
 */
export const RegistrationDetails = z.object({
  contractConfirmed: z.literal(true, 'v.registration.confirm'),
  solutions: z.array(text(200)).min(1, 'v.registration.solution').max(50, 'v.tooLong'),
  contractSignedOn: IsoDate,
  contractReference: optionalText(100),
  notes: optionalText(1000),
});
export type RegistrationDetails = z.infer<typeof RegistrationDetails>;

export const Registration = z.object({
  status: RegistrationStatus,
  submittedAt: IsoInstant,
  submittedBy: Actor,
  updatedAt: IsoInstant,
  note: optionalText(REGISTRATION_NOTE_MAX),
  /** Absent on registrations made before the bot asked for them. */
  details: RegistrationDetails.optional(),
});
export type Registration = z.infer<typeof Registration>;

/** One organization's side of an engagement. */
export const Deal = z.object({
  id: DealId,
  tenantId: TenantId,
  direction: DealDirection,
  status: DealStatus,
  name: text(200),
  /** The referral's location scope; never editable after creation. */
  location: CountryCode,
  value: Money,
  closeDate: IsoDate,
  crmId: optionalText(100),
  campaignId: optionalText(100),
  notes: optionalText(NOTES_MAX),
  customer: Customer,
  team: z.array(TeamMember).default([]),
  solutions: z.array(Solution).default([]),
  assessment: Assessment.optional(),
  salesStage: SalesStage.optional(),
  /** The last solution-assessment stage completed (stages are completed in order). */
  assessmentStage: AssessmentStage.optional(),
  microsoft: MicrosoftEngagement,
  invitations: z.array(PartnerInvitation).default([]),
  inbound: InboundOrigin.optional(),
  response: ReferralResponse.optional(),
  lostReason: optionalText(200),
  history: z.array(HistoryEntry).default([]),
  favoritedBy: z.array(UserId).default([]),
  /** The colleague an admin handed a received referral to (shown on every copy of its card). */
  heldBy: z.object({ userId: UserId, name: z.string().max(256) }).optional(),
  registration: Registration.optional(),
  /** The deal's twin in Partner Center's Referrals API, once the organization is connected to it. */
  partnerCenter: z.lazy(() => PartnerCenterLink).optional(),
  createdAt: IsoInstant,
  createdBy: Actor,
  updatedAt: IsoInstant,
  /** The next instant a time rule applies to this deal (reminder, expiry, Microsoft's window); indexed. */
  dueAt: IsoInstant.nullable().default(null),
});
export type Deal = z.infer<typeof Deal>;

// ---------- Partner Center's Referrals API (services/partnerCenter) ----------

/**
 * The fields both sides change, as Partner Center held them when last read or written: the base a
 * change on either side is compared with, so that only what changed travels, and a change that came
 * from Partner Center is never sent back to it.
 */
export const PartnerCenterFields = z.object({
  status: z.string().max(32),
  substatus: z.string().max(32),
  name: z.string().max(400),
  dealValue: z.number().nullable(),
  currency: z.string().max(8),
  /** yyyy-MM-dd; empty when Partner Center has none. */
  closeDate: z.string().max(10),
  notes: z.string().max(4000),
  statusReason: z.string().max(1000),
});
export type PartnerCenterFields = z.infer<typeof PartnerCenterFields>;

/** Why the last change could not be applied as made; the card says it in the reader's language. */
export const PartnerCenterConflict = z.object({
  /** `keptRemote`: Partner Center had changed it meanwhile and its state was kept; `notFound`: gone there; `refused`: it refused the change. */
  code: z.enum(['keptRemote', 'notFound', 'refused']),
  /** Partner Center's status then, e.g. "Closed/Declined" (our own words, never its free text). */
  remoteStatus: z.string().max(64).optional(),
});
export type PartnerCenterConflict = z.infer<typeof PartnerCenterConflict>;

/** A deal's link to its referral in Partner Center. */
export const PartnerCenterLink = z.object({
  /** Absent until a deal created in the bot has been created there. */
  referralId: z.string().min(1).max(128).optional(),
  eTag: z.string().max(256).optional(),
  synced: PartnerCenterFields.optional(),
  /** `pending`: created in the bot, not yet in Partner Center; a change not yet sent shows as pending too (see mapping). */
  state: z.enum(['synced', 'pending', 'conflict']),
  at: IsoInstant,
  conflict: PartnerCenterConflict.optional(),
});
export type PartnerCenterLink = z.infer<typeof PartnerCenterLink>;

/** One organization's connection to Partner Center, made once by its referral admin. */
export const PartnerCenterConnection = z.object({
  tenantId: TenantId,
  /** `needsSignIn`: Partner Center refused the admin's token; nothing syncs until they sign in again. */
  state: z.enum(['connected', 'needsSignIn', 'disconnected']),
  /**
   * The admin whose sign-in the bot acts with (the Bot Framework token service holds the token, not
   * us; it knows them by their channel account id on their channel).
   */
  connectedBy: z.object({ userId: UserId, name: z.string().max(256), channelUserId: z.string().max(256).optional(), channelId: z.string().max(64).optional() }),
  connectedAt: IsoInstant,
  updatedAt: IsoInstant,
  lastSyncAt: IsoInstant.optional(),
  /** updatedDateTime of the newest referral a complete reconciliation pass saw. */
  watermark: IsoInstant.optional(),
  webhook: z.object({ url: z.string().max(2048), registeredAt: IsoInstant }).optional(),
  /** The last failure talking to Partner Center, as a catalog code (`partnerCenter.error.<code>`). */
  lastError: z.object({ at: IsoInstant, code: z.enum(['unavailable', 'unauthorized', 'refused', 'webhook']), status: z.number().int().optional() }).optional(),
  /** Referrals Partner Center returned that the bot could not take, newest first. */
  importErrors: z.array(z.object({ referralId: z.string().max(128), at: IsoInstant, reason: z.string().max(500) })).max(20).default([]),
  /** When the admin was told to sign in again (once per need). */
  signInNotifiedAt: IsoInstant.optional(),
  /** Partner Center asked us to wait (429 Retry-After): no reconciliation before this. */
  pausedUntil: IsoInstant.optional(),
  /** Connected at start-up with PARTNER_CENTER_DEV_TOKEN against a local stand-in. */
  dev: z.boolean().default(false),
});
export type PartnerCenterConnection = z.infer<typeof PartnerCenterConnection>;
