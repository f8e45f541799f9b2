import { DateTime } from 'luxon';
import {
  acceptInput,
  acceptReferral,
  assignReferral,
  allowedActions,
  canView,
  DeclineInput,
  declineReferral,
  expireReferral,
  markLost,
  markWon,
  receiveReferral,
  todayFor,
  type ActionContext,
  type Deal,
  type Member,
  type Refusal,
  type Result,
} from '../services/domain';
import { describeRefusal, readerOf, translator, type MessageKey, type Reader } from '../services/i18n';
import { contractExample } from '../services/referrals/contractExample';
import { parseIntakeBody, toReferralIntake } from '../services/referrals/intake';
import { DEAL_SECTIONS } from './dealGallery';
import { FIND_SECTIONS } from './findGallery';
import { PARTNER_CENTER_SECTIONS } from './partnerCenterGallery';
import { renderDealEditForm, dealEditFormData } from './dealEdit';
import { dealStatusCardData, renderDealStatusCard } from './dealStatus';
import type { FormValues } from './formParts';
import { helpCardData, renderHelpCard } from './help';
import { HOSTILE } from './hostile';
import { membersCardData, renderMembersCard, scopesText } from './members';
import { renderErrorCard, renderNoticeCard } from './notice';
import {
  acceptFormData,
  declineFormData,
  readAcceptForm,
  readDeclineForm,
  referralCardData,
  renderAcceptForm,
  renderDeclineForm,
  renderReferralCard,
  type ReferralViewOptions,
} from './referral';
import { digestCardData, reminderCardData, renderDigestCard, renderReminderCard } from './reminder';
import type { AdaptiveCardJson } from './render';
import { renderSenderOutcomeCard, senderOutcomeCardData } from './senderOutcome';
import { SOLUTION_SECTIONS } from './solutionGallery';
import { GALLERY_NOW, GALLERY_RULES as RULES, GALLERY_TENANT as TENANT, galleryToday } from './galleryFixtures';
/** The gallery's "now" (cards show countdowns and dates relative to it). */
export { GALLERY_NOW };

/*
 * The card gallery: every card template with representative data for each state that matters — the
 * ordinary ones, every outcome, and the extremes sellers will eventually type (200-character names,
 * 4,000-character notes, 10^15 in yen, full pages, every field in error) — each built for every reader
 * of READERS, in their language and time zone (French runs about 30 % longer than English; Chinese
 * shorter but in other glyphs). Each card is built the way the bot builds it: domain functions make the
 * deal, the real view-model builder makes the data, the real render function expands the template. No
 * hand-written card JSON, so a change to a builder or a template shows up here.
 *
 * test/cards checks every entry (official parser, Teams rules, headless render in Chromium) and fails
 * for a template that has no entry; `npm run cards:preview` draws them all. To add a card: write a
 * section function below and list it in SECTIONS (see docs/cards.md).
 *
 * Pure: no I/O, no clock, no randomness; the same entries every run.
 */

export interface GalleryEntry {
  /** The template file under cards/templates/ this card is expanded from, e.g. "referral.json". */
  readonly template: string;
  /** What the card shows, unique per template, kebab-case; ends with the reader's language (…-en). */
  readonly state: string;
  /** Builds the card through the real builders; lazy, so one broken builder fails only its entries. */
  readonly card: () => AdaptiveCardJson;
}

/** One state of one card, for any reader: the gallery has an entry for it in each language of READERS. */
export interface GallerySample {
  readonly template: string;
  /** What the card shows, unique per template, kebab-case, without the language. */
  readonly state: string;
  readonly card: (reader: Reader) => AdaptiveCardJson;
}

/** "referral/received-en": how tests, messages and preview file names name an entry. */
export const galleryId = (entry: Pick<GalleryEntry, 'template' | 'state'>): string => `${entry.template.replace(/\.json$/, '')}/${entry.state}`;

// ---------- the sample world: one fixed instant, three readers, realistic people and deals ----------

const SENDER_TENANT = '9e8d7c6b-5a49-4838-a726-150f0e0d0c0b';

/** en-US, fr-FR and zh-CN readers, each in their own time zone: every state of every card is built for each. */
export const READERS = {
  en: readerOf('en-US', 'America/Los_Angeles'),
  fr: readerOf('fr-FR', 'Europe/Paris'),
  zh: readerOf('zh-CN', 'Asia/Shanghai'),
} as const satisfies Record<string, Reader>;
export type Lang = keyof typeof READERS;
export const LANGS = Object.keys(READERS) as Lang[];

const todayOf = galleryToday;

/** Deterministic filler text of exactly `length` characters, in words of varied length. */
export function longText(length: number, seed = 'Customer wants to leave its data centre by Q2, keep SAP running and train its staff;'): string {
  const words = seed.split(' ');
  let out = '';
  for (let i = 0; out.length < length; i++) out += (out ? ' ' : '') + words[i % words.length];
  return out.slice(0, length).trimEnd().padEnd(length, '.');
}

/** One "word" of `length` characters with no place to break a line: what a pasted id or URL looks like. */
export const unbreakable = (length: number): string => 'W'.repeat(length);

export function galleryMember(overrides: Partial<Member> = {}): Member {
  return {
    tenantId: TENANT,
    userId: 'user-ana',
    name: 'Ana Seller',
    email: 'ana.seller@fabrikam.example',
    phone: '+33 6 12 34 56 78',
    role: 'user',
    locationScopes: ['FR', 'BE'],
    locale: 'en-US',
    timeZone: 'America/Los_Angeles',
    installed: true,
    joinedAt: '2026-01-05T09:00:00.000Z',
    updatedAt: '2026-01-05T09:00:00.000Z',
    ...overrides,
  };
}

const ANA = galleryMember();
const ADAM = galleryMember({ userId: 'user-adam', name: 'Adam Admin', email: 'adam.admin@fabrikam.example', role: 'admin', locationScopes: [] });
const GLOBAL = galleryMember({ userId: 'user-gia', name: 'Gia Global', email: 'gia.global@fabrikam.example', role: 'globalAdmin', locationScopes: [] });
const actedBy = (member: Member, now = GALLERY_NOW): ActionContext => ({ actor: { kind: 'user', id: member.userId, name: member.name }, now });

/** A team of `count` people with valid name, phone and email (deal cards with big teams). */
export function galleryTeam(count: number): { name: string; phone: string; email: string }[] {
  return Array.from({ length: count }, (_, i) => ({
    name: `${FIRST_NAMES[i % FIRST_NAMES.length]!} ${LAST_NAMES[(i * 7) % LAST_NAMES.length]!}`,
    phone: `+33 6 ${String(10 + i).padStart(2, '0')} 20 30 ${String(40 + i).padStart(2, '0')}`,
    email: `seller${i + 1}@fabrikam.example`,
  }));
}

const FIRST_NAMES = ['Ana', 'Ben', 'Chloé', 'Dmitri', 'Emeka', 'Fatima', 'Guo', 'Hana', 'Ismaël', 'Jun', 'Kalani', 'Lucía', 'Mateus', 'Nadia', 'Oskar', 'Priya', 'Quentin', 'Rin', 'Saanvi', 'Tomasz', 'Uma', 'Vikram', 'Wen', 'Xavier', 'Yasmin', 'Zoë'];
const LAST_NAMES = ['Seller', 'Okafor', 'Dubois', 'Ivanov', 'Nakamura', 'Haddad', 'Wei', 'Kowalski', 'Fernández', 'Müller', 'Rossi', 'Silva', 'Andersen', 'Kim', 'Nguyen', 'Patel', 'Laurent'];

function unwrap<T>(result: Result<T>, what: string): T {
  if (!result.ok) throw new Error(`gallery: ${what} was refused (${result.refusal.code}); fix the gallery's sample data`);
  return result.value;
}

/** The intake contract's request body (what Partner Center sends), with the gallery's defaults. */
interface IntakeOverrides {
  id?: string;
  name?: string;
  location?: string;
  sender?: Record<string, unknown>;
  customerProfile?: Record<string, unknown>;
  details?: Record<string, unknown>;
  inviteContext?: Record<string, unknown> | undefined;
  createdDateTime?: string;
  expirationDateTime?: string;
}

/**
 * A received referral, through the real intake: the contract's body is validated (so the gallery's
 * extremes are ones the intake accepts), turned into the domain's intake and received at `at`.
 */
function referral(overrides: IntakeOverrides = {}, at = GALLERY_NOW.minus({ minutes: 30 })): Deal {
  const body = {
    ...contractExample(),
    tenantId: TENANT,
    createdDateTime: at.toISO(),
    ...overrides,
  };
  const parsed = parseIntakeBody(body);
  if (!parsed.ok) throw new Error(`gallery: the intake refuses a sample referral: ${parsed.issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`);
  return receiveReferral(toReferralIntake(parsed.value), at, RULES);
}

/** Everything at its longest: names of 200 characters, 4,000-character notes, 50 solutions, 10^15 yen. */
function longestReferral(): Deal {
  return referral({
    id: 'pc-longest',
    name: longText(200, 'Contoso Worldwide Holdings – Azure migration, SAP on Azure, data platform modernisation and security'),
    sender: {
      type: 'Partner',
      organizationName: longText(200, 'Northwind Traders International Consulting and Systems Integration Group'),
      name: longText(200, 'Maximiliana Alexandra Konstantinopoulou-Vanderbilt'),
      email: `${'m'.repeat(60)}@${'northwind-traders-international'.repeat(2)}.example`,
      tenantId: SENDER_TENANT,
    },
    customerProfile: {
      name: unbreakable(200),
      address: { city: longText(120, 'Saint-Rémy-en-Bouzemont-Saint-Genest-et-Isson'), country: 'FR' },
      duns: '987654321',
      team: [{ firstName: longText(100, 'Marie-Antoinette'), lastName: longText(100, 'de La Tour d’Auvergne'), email: `${'lea.dubois'.repeat(6)}@contoso.example`, phoneNumber: '+33 (0)1 23 45 67 89 00 11 22' }],
    },
    details: {
      dealValue: 1e15,
      currency: 'JPY',
      closingDateTime: '2027-12-31',
      notes: longText(4000),
      requirements: { solutions: Array.from({ length: 50 }, (_, i) => ({ name: `Solution ${i + 1} – ${longText(40, 'Azure Kubernetes Service Premium')}`, publisher: i % 2 ? 'Microsoft' : 'Fabrikam' })) },
    },
    inviteContext: { notes: unbreakable(300) + ' ' + longText(3699), helpWanted: longText(200, 'Technical pre-sales, architecture review and a proof of concept') },
  });
}

/** As little as the intake allows: no city, D-U-N-S, contact, notes, solutions or context; value zero. */
function barestReferral(): Deal {
  return referral({
    id: 'pc-barest',
    name: 'Q',
    sender: { type: 'Partner', organizationName: 'N' },
    customerProfile: { name: 'C', address: { country: 'US' } },
    details: { dealValue: 0, currency: 'USD', closingDateTime: '2026-11-20' },
    inviteContext: undefined,
  });
}

const partnerReferral = () =>
  referral({
    id: 'pc-p2p',
    name: 'Woodgrove Bank – Dynamics 365 rollout',
    location: 'DE',
    sender: { type: 'Partner', organizationName: 'Northwind Traders', name: 'Jonas Weber', email: 'jonas.weber@northwind.example', tenantId: SENDER_TENANT },
    customerProfile: { name: 'Woodgrove Bank AG', address: { city: 'Frankfurt am Main', country: 'DE' }, team: [] },
    details: { dealValue: 1234567.89, currency: 'EUR', closingDateTime: '2027-06-30', requirements: { solutions: [{ name: 'Dynamics 365 Sales', publisher: 'Microsoft' }, { name: 'Fabrikam CRM Connector', publisher: 'Fabrikam' }] } },
  });

/** What the seller sends from the accept form: the prefilled values, their phone, a colleague. */
function acceptTyped(deal: Deal, member: Member, today: string): FormValues {
  const form = acceptFormData(deal, member, translator(READERS.en), today, 'referral');
  return {
    name: form.values.name,
    amount: String(form.values.amount),
    currency: form.values.currency,
    closeDate: form.values.closeDate,
    notes: form.values.notes,
    team0Name: member.name,
    team0Phone: member.phone ?? '+33 6 12 34 56 78',
    team0Email: member.email ?? '',
    team1Name: ANA.name,
    team1Phone: ANA.phone ?? '+33 6 12 34 56 78',
    team1Email: ANA.email ?? '',
  };
}

function accepted(deal: Deal, member = ADAM, now = GALLERY_NOW.plus({ hours: 2 })): Deal {
  const today = todayFor({ now, zone: member.timeZone });
  const input = acceptInput(today).parse(readAcceptForm(acceptTyped(deal, member, today)));
  return unwrap(acceptReferral(deal, input, actedBy(member, now), RULES), 'accepting the sample referral');
}

function declined(deal: Deal, typed: FormValues, member = ADAM, now = GALLERY_NOW.plus({ hours: 3 })): Deal {
  const input = DeclineInput.parse(readDeclineForm(typed));
  return unwrap(declineReferral(deal, input, actedBy(member, now), RULES), 'declining the sample referral');
}

/** Handed by an admin to Ana (a referral user with France in scope), as the assign button does. */
const held = (deal: Deal, to: Member = ANA): Deal => unwrap(assignReferral(deal, to, actedBy(GLOBAL, GALLERY_NOW.plus({ minutes: 5 })), RULES), 'handing the sample referral to a colleague');

const expired = (deal: Deal): Deal => unwrap(expireReferral(deal, DateTime.fromISO(deal.inbound!.expiresAt).plus({ minutes: 1 }), RULES), 'expiring the sample referral');
const won = (deal: Deal): Deal => unwrap(markWon(deal, actedBy(ANA, GALLERY_NOW.plus({ days: 30 })), RULES), 'marking the sample deal won');
const lost = (deal: Deal): Deal => unwrap(markLost(deal, 'Customer chose another partner', actedBy(ANA, GALLERY_NOW.plus({ days: 30 })), RULES), 'marking the sample deal lost');

// ---------- sections: one function per template, returning its samples ----------

/**
 * The referral card as `viewer` (a referral admin unless said otherwise) sees it at `now`, with what
 * they may do decided by the domain. The bot shows an error instead to whoever may not see the deal.
 */
function referralCard(deal: Deal, reader: Reader, options: Partial<ReferralViewOptions> & { viewer?: Member; now?: DateTime } = {}): AdaptiveCardJson {
  const now = options.now ?? GALLERY_NOW;
  const viewer = options.viewer ?? ADAM;
  if (!canView(viewer, deal)) throw new Error(`gallery: ${viewer.name} may not see "${deal.name}"; the bot would not show this card`);
  return renderReferralCard(
    referralCardData(deal, translator(reader), now, {
      purpose: options.purpose ?? 'referral',
      canRespond: options.canRespond ?? allowedActions(deal, viewer, now).includes('accept'),
      canAssign: allowedActions(deal, viewer, now).includes('assign'),
      refreshFor: viewer.userId,
      ...(options.notice ? { notice: options.notice } : {}),
    }),
  );
}

const refusal = (code: Refusal['code'], reader: Reader): string => describeRefusal({ code }, translator(reader));
const said = (reader: Reader, key: MessageKey): string => translator(reader).t(key);

function referralCards(): GallerySample[] {
  const t = 'referral.json';
  const received = referral();
  const expiresAt = DateTime.fromISO(received.inbound!.expiresAt);
  return [
    { template: t, state: 'received', card: (r) => referralCard(received, r) },
    { template: t, state: 'received-p2p', card: (r) => referralCard(partnerReferral(), r) },
    { template: t, state: 'received-admin-may-assign', card: (r) => referralCard(received, r, { viewer: GLOBAL }) },
    { template: t, state: 'held-by-colleague', card: (r) => referralCard(held(received), r) },
    { template: t, state: 'held-assigned-notice', card: (r) => referralCard(held(received), r, { notice: { text: translator(r).t('referral.notice.assigned', { name: ANA.name }), color: 'Good' } }) },
    { template: t, state: 'received-past-deadline', card: (r) => referralCard(received, r, { now: expiresAt.plus({ minutes: 5 }) }) },
    {
      template: t,
      state: 'accepted-notice',
      card: (r) => referralCard(accepted(received), r, { now: GALLERY_NOW.plus({ hours: 2 }), notice: { text: said(r, 'referral.notice.accepted'), color: 'Good' } }),
    },
    { template: t, state: 'accepted-team-member', card: (r) => referralCard(accepted(received), r, { viewer: ANA, now: GALLERY_NOW.plus({ days: 1 }) }) },
    {
      template: t,
      state: 'declined-other',
      card: (r) =>
        referralCard(declined(received, { reason: 'other', reasonText: 'We are merging with the customer’s current partner', notes: 'Thanks for thinking of us.' }), r, {
          notice: { text: said(r, 'referral.notice.declined'), color: 'Good' },
        }),
    },
    { template: t, state: 'declined-no-capacity', card: (r) => referralCard(declined(received, { reason: 'noCapacity' }), r) },
    { template: t, state: 'expired', card: (r) => referralCard(expired(received), r, { now: expiresAt.plus({ hours: 1 }) }) },
    { template: t, state: 'won', card: (r) => referralCard(won(accepted(received)), r, { now: GALLERY_NOW.plus({ days: 30 }) }) },
    { template: t, state: 'lost', card: (r) => referralCard(lost(accepted(received)), r, { now: GALLERY_NOW.plus({ days: 30 }) }) },
    {
      template: t,
      state: 'refused-already-answered',
      card: (r) => referralCard(accepted(received, GLOBAL), r, { notice: { text: said(r, 'referral.notice.alreadyAnswered'), color: 'Attention' } }),
    },
    {
      template: t,
      state: 'refused-expired',
      card: (r) => referralCard(received, r, { now: expiresAt.plus({ minutes: 5 }), notice: { text: refusal('referral_expired', r), color: 'Attention' } }),
    },
    { template: t, state: 'longest-values', card: (r) => referralCard(longestReferral(), r) },
    { template: t, state: 'longest-values-last-day', card: (r) => referralCard(longestReferral(), r, { now: GALLERY_NOW.plus({ days: 13 }) }) },
    { template: t, state: 'barest-values', card: (r) => referralCard(barestReferral(), r) },
  ];
}

/** The reminder as `viewer` (an admin unless said otherwise) sees it at `now`, what they may do from the domain. */
function reminderCard(deal: Deal, reader: Reader, options: { viewer?: Member; now?: DateTime; notice?: { text: string; color: 'Good' | 'Attention' } } = {}): AdaptiveCardJson {
  const now = options.now ?? GALLERY_NOW;
  const viewer = options.viewer ?? ADAM;
  if (!canView(viewer, deal)) throw new Error(`gallery: ${viewer.name} may not see "${deal.name}"; the bot would not show this card`);
  const allowed = allowedActions(deal, viewer, now);
  return renderReminderCard(
    reminderCardData(deal, translator(reader), now, {
      canRespond: allowed.includes('accept'),
      canSnooze: allowed.includes('snooze'),
      offerDigest: viewer.reminders !== 'digest',
      refreshFor: viewer.userId,
      ...(options.notice ? { notice: options.notice } : {}),
    }),
  );
}

function reminderCards(): GallerySample[] {
  const t = 'reminder.json';
  const received = referral();
  const expiresAt = DateTime.fromISO(received.inbound!.expiresAt);
  return [
    { template: t, state: 'three-days-left', card: (r) => reminderCard(received, r, { now: expiresAt.minus({ days: 3 }) }) },
    { template: t, state: 'last-hours-no-snooze', card: (r) => reminderCard(received, r, { now: expiresAt.minus({ hours: 2, minutes: 5 }) }) },
    { template: t, state: 'snoozed-notice', card: (r) => reminderCard(received, r, { now: expiresAt.minus({ days: 3 }), notice: { text: said(r, 'reminder.snoozed'), color: 'Good' } }) },
    {
      template: t,
      state: 'digest-reader',
      card: (r) => reminderCard(received, r, { viewer: galleryMember({ ...ADAM, reminders: 'digest' }), now: expiresAt.minus({ days: 3 }), notice: { text: said(r, 'reminder.digestOn'), color: 'Good' } }),
    },
    { template: t, state: 'held-by-colleague', card: (r) => reminderCard(held(received), r, { viewer: ANA, now: expiresAt.minus({ days: 1, hours: 2 }) }) },
    { template: t, state: 'accepted', card: (r) => reminderCard(accepted(received), r, { now: GALLERY_NOW.plus({ hours: 2 }) }) },
    { template: t, state: 'declined', card: (r) => reminderCard(declined(received, { reason: 'noCapacity' }), r) },
    { template: t, state: 'expired', card: (r) => reminderCard(expired(received), r, { now: expiresAt.plus({ hours: 1 }) }) },
    { template: t, state: 'longest-values', card: (r) => reminderCard(longestReferral(), r, { now: GALLERY_NOW.plus({ days: 10 }) }) },
    { template: t, state: 'contract-limits', card: (r) => reminderCard(contractLimitsReferral(), r, { now: GALLERY_NOW.plus({ days: 11 }) }) },
    { template: t, state: 'hostile', card: (r) => reminderCard(hostileReferral(), r, { viewer: HOSTILE_ADMIN, now: GALLERY_NOW.plus({ days: 7 }), notice: { text: hostileRefusal(r), color: 'Attention' } }) },
  ];
}

function digestCards(): GallerySample[] {
  const t = 'reminder-digest.json';
  const now = GALLERY_NOW.plus({ days: 2 });
  const waiting = [referral(), partnerReferral(), barestReferral()].filter((d) => canView(ADAM, d));
  const card = (deals: Deal[], reader: Reader, options: { digest?: boolean; notice?: { text: string; color: 'Good' | 'Attention' } } = {}) =>
    renderDigestCard(digestCardData(deals, translator(reader), now, { digest: options.digest ?? true, ...(options.notice ? { notice: options.notice } : {}) }));
  const many = Array.from({ length: 20 }, (_, i) => referral({ id: `pc-digest-${i}`, name: `${FIRST_NAMES[i % FIRST_NAMES.length]!} Retail – ${longText(40, 'Azure migration and data platform')}` }, GALLERY_NOW.minus({ days: i % 12 })));
  return [
    { template: t, state: 'three-waiting', card: (r) => card(waiting, r) },
    { template: t, state: 'single-reminders-chosen', card: (r) => card(waiting, r, { digest: false, notice: { text: said(r, 'reminder.singleOn'), color: 'Good' } }) },
    { template: t, state: 'none-waiting', card: (r) => card([], r) },
    { template: t, state: 'twenty-waiting-more', card: (r) => card(many, r) },
    { template: t, state: 'longest-values', card: (r) => card([longestReferral(), contractLimitsReferral()], r) },
    { template: t, state: 'hostile', card: (r) => card([hostileReferral()], r, { notice: { text: hostileRefusal(r), color: 'Attention' } }) },
  ];
}

function acceptForm(deal: Deal, reader: Reader, typed?: FormValues, member = ANA): AdaptiveCardJson {
  const today = todayOf(reader);
  const error = typed ? acceptInput(today).safeParse(readAcceptForm(typed)).error : undefined;
  if (typed && !error) throw new Error('gallery: these typed accept-form values were meant to be refused but are valid');
  return renderAcceptForm(acceptFormData(deal, member, translator(reader), today, 'referral', typed, error));
}

function acceptForms(): GallerySample[] {
  const t = 'referral-accept.json';
  const received = referral();
  return [
    { template: t, state: 'prefilled', card: (r) => acceptForm(received, r) },
    { template: t, state: 'prefilled-new-member', card: (r) => acceptForm(received, r, undefined, galleryMember({ userId: 'user-new', name: 'Rin Nakamura', email: undefined, phone: undefined })) },
    {
      template: t,
      state: 'every-field-in-error',
      card: (r) =>
        acceptForm(received, r, {
          name: '',
          amount: 'about a million',
          currency: 'EURO',
          closeDate: '2020-01-31',
          notes: longText(4001),
          crmId: unbreakable(101),
          campaignId: unbreakable(101),
          team0Name: 'Ana Seller',
          team0Phone: 'call me',
          team0Email: 'ana at fabrikam',
          team1Name: longText(201, 'Bartholomew Maximilian'),
          team1Phone: '12',
          team1Email: `${unbreakable(320)}@fabrikam.example`,
          team2Name: '',
          team2Phone: '+33 6 98 76 54 32',
          team2Email: 'not-an-email',
        }),
    },
    {
      template: t,
      state: 'started-team-row-without-phone',
      card: (r) => acceptForm(received, r, { name: 'Contoso', amount: '250000', currency: 'EUR', closeDate: '2027-03-31', team0Name: 'Ben Okafor', team0Email: 'ben.okafor@fabrikam.example' }),
    },
    { template: t, state: 'value-zero-past-date', card: (r) => acceptForm(received, r, { name: 'Contoso', amount: '0', currency: 'EUR', closeDate: '2026-11-01' }) },
    {
      template: t,
      state: 'longest-values',
      card: (r) => acceptForm(longestReferral(), r, undefined, galleryMember({ name: longText(200, 'Maximiliana Alexandra Konstantinopoulou'), email: `${'a'.repeat(64)}@${'fabrikam-international-holdings'.repeat(3)}.example` })),
    },
  ];
}

function declineForm(deal: Deal, reader: Reader, typed?: FormValues): AdaptiveCardJson {
  const error = typed ? DeclineInput.safeParse(readDeclineForm(typed)).error : undefined;
  if (typed && !error) throw new Error('gallery: these typed decline-form values were meant to be refused but are valid');
  return renderDeclineForm(declineFormData(deal, translator(reader), 'referral', typed, error));
}

function declineForms(): GallerySample[] {
  const t = 'referral-decline.json';
  const received = referral();
  return [
    { template: t, state: 'empty', card: (r) => declineForm(received, r) },
    { template: t, state: 'every-field-in-error', card: (r) => declineForm(received, r, { reason: '', reasonText: longText(201), notes: longText(4001) }) },
    { template: t, state: 'other-without-reason', card: (r) => declineForm(received, r, { reason: 'other', reasonText: '', notes: 'Merci.' }) },
    { template: t, state: 'reminder-longest-name', card: (r) => renderDeclineForm(declineFormData(longestReferral(), translator(r), 'reminder')) },
  ];
}

/** Members of a page (the membership service lists 10 a page), varied like a real organization. */
function orgMembers(count: number, offset = 0): Member[] {
  return Array.from({ length: count }, (_, k) => {
    const i = k + offset;
    const name = `${FIRST_NAMES[i % FIRST_NAMES.length]!} ${LAST_NAMES[(i * 5) % LAST_NAMES.length]!}`;
    const role = i === 0 ? 'globalAdmin' : i % 4 === 1 ? 'admin' : 'user';
    return galleryMember({
      userId: `user-${i}`,
      name,
      email: `${name.toLowerCase().normalize('NFD').replace(/[^a-z ]/g, '').replace(' ', '.')}@fabrikam.example`,
      role,
      locationScopes: role !== 'user' ? [] : i % 3 === 0 ? [] : i % 3 === 1 ? ['FR'] : ['DE', 'AT', 'CH', 'BE', 'NL', 'LU', 'IT', 'ES', 'PT', 'PL', 'CZ', 'SK'],
      installed: i % 5 !== 3,
    });
  });
}

const CONFIGURED = new Set(['ana.seller@fabrikam.example']);
const isConfigured = (m: Member) => CONFIGURED.has(m.email ?? '');

function membersCards(): GallerySample[] {
  const t = 'members.json';
  const card = (reader: Reader, members: Member[], viewer: Member, options: { nextToken?: string; pageToken?: string; edit?: string; notice?: { text: string; color: 'Good' | 'Attention' } } = {}) =>
    renderMembersCard(membersCardData('Fabrikam', members, viewer, translator(reader), { ...options, isConfigured }));
  // Picked with the people picker before installing: known by id only until they do.
  const picked = galleryMember({ userId: '94fee4a3-4072-439f-b02f-d4b0383ca2cf', name: '', email: undefined, phone: undefined, role: 'user', locationScopes: ['FR', 'BE'], installed: false });
  const added = (reader: Reader) => {
    const tr = translator(reader);
    return tr.t('members.added', { name: tr.t('members.unnamed'), role: tr.tk('role.user'), scopes: scopesText(picked, tr) });
  };
  const saved = (reader: Reader, m: Member) => {
    const tr = translator(reader);
    return tr.t('members.saved', { name: m.name, role: tr.tk(`role.${m.role}`), scopes: scopesText(m, tr) });
  };
  const page = orgMembers(10);
  const longest = galleryMember({
    userId: 'user-long',
    name: longText(200, 'Maximiliana Alexandra Konstantinopoulou-Vanderbilt'),
    email: `${unbreakable(64)}@${'fabrikam-international'.repeat(10)}.example`,
    locationScopes: ['FR', 'BE', 'DE', 'AT', 'CH', 'NL', 'LU', 'IT', 'ES', 'PT', 'PL', 'CZ', 'SK', 'HU', 'RO', 'BG', 'GR', 'SE', 'DK', 'FI', 'NO', 'IE', 'GB'],
    installed: false,
  });
  return [
    { template: t, state: 'full-page-with-next-global-admin', card: (r) => card(r, page, GLOBAL, { nextToken: 'eyJwYWdlIjoyfQ==' }) },
    { template: t, state: 'last-page-admin', card: (r) => card(r, orgMembers(3, 10), ADAM) },
    { template: t, state: 'saved-notice', card: (r) => card(r, page.slice(0, 4), GLOBAL, { notice: { text: saved(r, page[2]!), color: 'Good' }, nextToken: 'eyJwYWdlIjoyfQ==' }) },
    { template: t, state: 'refused-notice', card: (r) => card(r, page.slice(0, 3), ADAM, { notice: { text: refusal('last_global_admin', r), color: 'Attention' } }) },
    { template: t, state: 'longest-values', card: (r) => card(r, [longest, ...page.slice(1, 4)], GLOBAL, { notice: { text: saved(r, longest), color: 'Good' } }) },
    { template: t, state: 'changing-a-member', card: (r) => card(r, page, GLOBAL, { edit: page[2]!.userId, nextToken: 'eyJwYWdlIjoyfQ==' }) },
    { template: t, state: 'changing-longest-second-page', card: (r) => card(r, [longest, ...page.slice(1, 6)], ADAM, { edit: longest.userId, pageToken: 'eyJwYWdlIjoyfQ==' }) },
    { template: t, state: 'colleague-added-before-install', card: (r) => card(r, [picked, ...page.slice(0, 5)], GLOBAL, { notice: { text: added(r), color: 'Good' } }) },
  ];
}

function helpCards(): GallerySample[] {
  const t = 'help.json';
  return [
    { template: t, state: 'help', card: (r) => renderHelpCard(helpCardData(translator(r), { role: 'user' })) },
    { template: t, state: 'welcome-admin', card: (r) => renderHelpCard(helpCardData(translator(r), { welcome: true, role: 'globalAdmin' })) },
    { template: t, state: 'shared-chat', card: (r) => renderHelpCard(helpCardData(translator(r), { shared: true })) },
    { template: t, state: 'unknown-command', card: (r) => renderHelpCard(helpCardData(translator(r), { unknownText: 'show me the money' })) },
    { template: t, state: 'unknown-long-command', card: (r) => renderHelpCard(helpCardData(translator(r), { unknownText: unbreakable(300), role: 'admin' })) },
  ];
}

function noticeCards(): GallerySample[] {
  const t = 'notice.json';
  const error = (reader: Reader, message: string) => renderErrorCard(said(reader, 'error.title'), message);
  return [
    { template: t, state: 'error-generic', card: (r) => error(r, said(r, 'error.generic')) },
    { template: t, state: 'deal-not-found', card: (r) => error(r, said(r, 'error.dealNotFound')) },
    { template: t, state: 'refusal-not-permitted', card: (r) => error(r, refusal('not_permitted', r)) },
    { template: t, state: 'out-of-date', card: (r) => error(r, said(r, 'error.unknownAction')) },
    { template: t, state: 'conflict-default', card: (r) => renderNoticeCard({ title: said(r, 'error.title'), message: said(r, 'error.conflict'), color: 'Default' }) },
    { template: t, state: 'busy-warning', card: (r) => renderNoticeCard({ title: said(r, 'error.title'), message: said(r, 'error.busy'), color: 'Warning' }) },
    { template: t, state: 'shared-chat-answered', card: (r) => renderNoticeCard({ title: said(r, 'shared.sentTitle'), message: said(r, 'shared.sent'), color: 'Default' }) },
    { template: t, state: 'shared-chat-unreachable', card: (r) => renderNoticeCard({ title: said(r, 'shared.unreachableTitle'), message: said(r, 'shared.unreachable'), color: 'Warning' }) },
  ];
}

/** A partner referral as a P2P invitation delivered inside this deployment carries it: the inviter's deal. */
const fromInviter = (deal: Deal): Deal => ({ ...deal, inbound: { ...deal.inbound!, inviterDealId: 'DQ7X2K9M4P8RT', invitationId: '1' } });

function senderOutcomeCards(): GallerySample[] {
  const t = 'sender-outcome.json';
  const received = referral();
  const card = (deal: Deal, reader: Reader, receiver = 'Fabrikam') => renderSenderOutcomeCard(senderOutcomeCardData(deal, receiver, translator(reader)));
  return [
    { template: t, state: 'accepted', card: (r) => card(accepted(received), r) },
    { template: t, state: 'declined-reason', card: (r) => card(declined(received, { reason: 'outsideLocation', notes: 'We only serve Belgium and the Netherlands.' }), r) },
    {
      template: t,
      state: 'declined-other-longest',
      card: (r) =>
        card(
          declined(longestReferral(), { reason: 'other', reasonText: longText(200, 'Conflict of interest with an existing engagement'), notes: longText(4000, 'Thank you for the referral; we cannot take it because') }),
          r,
          longText(200, 'Fabrikam Worldwide Consulting and Cloud Services'),
        ),
    },
    { template: t, state: 'expired', card: (r) => card(expired(received), r) },
    { template: t, state: 'won', card: (r) => card(won(accepted(received)), r) },
    // A partner invitation sent from this deployment: the sender has its own deal to open.
    { template: t, state: 'p2p-accepted-open-own-deal', card: (r) => card(accepted(fromInviter(partnerReferral())), r) },
  ];
}

// ---------- hostile text in every field (cards/hostile.ts) ----------

/** The admin who answers, with a display name an attacker chose (Teams shows it to the other organization). */
const HOSTILE_ADMIN = galleryMember({ userId: 'user-adam', name: HOSTILE, email: 'adam.admin@fabrikam.example', role: 'admin', locationScopes: [] });

/** A referral whose every free-text field is hostile, from a partner organization that uses the bot. */
function hostileReferral(): Deal {
  return referral({
    id: 'pc-hostile',
    name: HOSTILE,
    sender: { type: 'Partner', organizationName: HOSTILE, name: HOSTILE, email: 'mallory@evil.example', tenantId: SENDER_TENANT },
    customerProfile: {
      name: HOSTILE,
      address: { city: HOSTILE, country: 'FR' },
      duns: '987654321',
      team: [{ firstName: HOSTILE, lastName: HOSTILE, email: 'lea.dubois@contoso.example', phoneNumber: '+33 1 23 45 67 89' }],
    },
    details: { dealValue: 1000, currency: 'EUR', closingDateTime: '2027-03-31', notes: HOSTILE, requirements: { solutions: [{ name: HOSTILE, publisher: HOSTILE }, { name: HOSTILE, publisher: 'Microsoft' }] } },
    inviteContext: { notes: HOSTILE, helpWanted: HOSTILE },
  });
}

const hostileDecline: FormValues = { reason: 'other', reasonText: HOSTILE, notes: HOSTILE };
const hostileRefusal = (reader: Reader): string => describeRefusal({ code: 'partner_already_invited', params: { partner: HOSTILE } }, translator(reader));

/** Every card of this file fed the same hostile text in each of its text fields. */
function hostileCards(): GallerySample[] {
  const received = hostileReferral();
  const notice = (reader: Reader) => ({ text: hostileRefusal(reader), color: 'Attention' as const });
  const hostileMember = galleryMember({ userId: 'user-mallory', name: HOSTILE, email: 'mallory@fabrikam.example', locationScopes: ['FR'] });
  return [
    { template: 'referral.json', state: 'hostile-received', card: (r) => referralCard(received, r, { viewer: HOSTILE_ADMIN, notice: notice(r) }) },
    { template: 'referral.json', state: 'hostile-declined', card: (r) => referralCard(declined(received, hostileDecline, HOSTILE_ADMIN), r, { viewer: HOSTILE_ADMIN }) },
    // Handed to a colleague whose display name an attacker chose: "held by" shows it as text.
    { template: 'referral.json', state: 'hostile-held', card: (r) => referralCard(held(received, hostileMember), r, { viewer: HOSTILE_ADMIN }) },
    { template: 'reminder.json', state: 'hostile-held', card: (r) => reminderCard(held(received, hostileMember), r, { viewer: HOSTILE_ADMIN, now: GALLERY_NOW.plus({ days: 7 }) }) },
    {
      template: 'members.json',
      state: 'hostile-changing',
      card: (r) => renderMembersCard(membersCardData(HOSTILE, [hostileMember, galleryMember({ userId: 'user-x', name: '', email: undefined, installed: false })], GLOBAL, translator(r), { edit: hostileMember.userId, isConfigured })),
    },
    { template: 'referral-accept.json', state: 'hostile-prefilled', card: (r) => acceptForm(received, r, undefined, hostileMember) },
    {
      template: 'referral-accept.json',
      state: 'hostile-typed',
      card: (r) =>
        acceptForm(received, r, { name: HOSTILE, amount: HOSTILE, currency: 'EUR', closeDate: '2027-03-31', notes: HOSTILE, crmId: HOSTILE, campaignId: HOSTILE, team0Name: HOSTILE, team0Phone: HOSTILE, team0Email: HOSTILE }),
    },
    { template: 'referral-decline.json', state: 'hostile-typed', card: (r) => declineForm(received, r, { reason: '', reasonText: HOSTILE, notes: HOSTILE }) },
    {
      template: 'members.json',
      state: 'hostile-names',
      card: (r) => {
        const tr = translator(r);
        const saved = tr.t('members.saved', { name: HOSTILE, role: tr.tk('role.user'), scopes: scopesText(hostileMember, tr) });
        return renderMembersCard(membersCardData(HOSTILE, [hostileMember, galleryMember({ userId: 'user-x', name: '', email: undefined })], GLOBAL, tr, { notice: { text: saved, color: 'Good' }, isConfigured }));
      },
    },
    { template: 'help.json', state: 'hostile-unknown-command', card: (r) => renderHelpCard(helpCardData(translator(r), { unknownText: HOSTILE, role: 'user' })) },
    { template: 'notice.json', state: 'hostile-refusal', card: (r) => renderErrorCard(said(r, 'error.title'), hostileRefusal(r)) },
    { template: 'sender-outcome.json', state: 'hostile-declined', card: (r) => renderSenderOutcomeCard(senderOutcomeCardData(declined(received, hostileDecline, HOSTILE_ADMIN), HOSTILE, translator(r))) },
  ];
}

// ---------- at the contract's limits (finding 9: cards over Teams' size limit) ----------

/** Chinese filler: 3 bytes a character in UTF-8, the heaviest text a referral can carry. */
const cjk = (length: number, seed = '客户希望在第二季度之前迁出数据中心并保持系统运行同时培训员工'): string => longText(length, seed);

/**
 * A referral with every text at the longest the contract and the domain allow, in Chinese: two
 * 4,000-character notes, 50 solutions of 200 characters with 200-character publishers, 50 customer
 * contacts, 200-character names. (Over HTTP the intake's 64 KiB body limit allows somewhat less; a
 * P2P invitation inside this deployment has no such limit.)
 */
export function contractLimitsReferral(): Deal {
  return referral({
    id: 'pc-contract-limits',
    name: cjk(200),
    sender: { type: 'Partner', organizationName: cjk(200), name: cjk(200), email: `${'m'.repeat(64)}@${'northwind-traders-international'.repeat(2)}.example`, tenantId: SENDER_TENANT },
    customerProfile: {
      name: cjk(200),
      address: { city: cjk(120), country: 'FR' },
      duns: '987654321',
      team: Array.from({ length: 50 }, (_, i) => ({ firstName: cjk(100), lastName: cjk(100), email: `contact${i}@contoso.example`, phoneNumber: '+33 1 23 45 67 89' })),
    },
    details: {
      dealValue: 1e15,
      currency: 'JPY',
      closingDateTime: '2027-12-31',
      notes: cjk(4000),
      requirements: { solutions: Array.from({ length: 50 }, (_, i) => ({ name: cjk(200, `解决方案${i + 1}号云迁移服务`), publisher: cjk(200, '合作伙伴公司') })) },
    },
    inviteContext: { notes: cjk(4000, '你们上次完成了他们的迁移项目'), helpWanted: cjk(200) },
  });
}

function contractLimitCards(): GallerySample[] {
  const big = contractLimitsReferral();
  const answered = declined(big, { reason: 'other', reasonText: cjk(200), notes: cjk(4000) }, HOSTILE_ADMIN);
  const open = accepted(big);
  const status = (deal: Deal, reader: Reader) =>
    renderDealStatusCard(dealStatusCardData(deal, ADAM, translator(reader), GALLERY_NOW, { allowed: allowedActions(deal, ADAM, GALLERY_NOW), refreshFor: ADAM.userId }));
  return [
    { template: 'referral.json', state: 'contract-limits', card: (r) => referralCard(big, r) },
    { template: 'referral.json', state: 'contract-limits-declined', card: (r) => referralCard(answered, r) },
    { template: 'referral-accept.json', state: 'contract-limits', card: (r) => acceptForm(big, r) },
    { template: 'referral-decline.json', state: 'contract-limits', card: (r) => renderDeclineForm(declineFormData(big, translator(r), 'referral')) },
    { template: 'sender-outcome.json', state: 'contract-limits-declined', card: (r) => renderSenderOutcomeCard(senderOutcomeCardData(answered, cjk(200), translator(r))) },
    { template: 'deal-status.json', state: 'contract-limits-received', card: (r) => status(big, r) },
    { template: 'deal-status.json', state: 'contract-limits-accepted', card: (r) => status(open, r) },
    // The edit form prefills every solution and the whole notes: at these limits it cannot fit, and says so.
    { template: 'compact.json', state: 'edit-form-contract-limits', card: (r) => renderDealEditForm(dealEditFormData(open, translator(r), todayOf(r), [])) },
    { template: 'compact.json', state: 'edit-form-contract-limits-hostile-name', card: (r) => renderDealEditForm(dealEditFormData({ ...open, name: HOSTILE }, translator(r), todayOf(r), [])) },
  ];
}

/** Every section of the gallery; a new card adds its function here. */
const SECTIONS: readonly (() => GallerySample[])[] = [
  referralCards,
  reminderCards,
  digestCards,
  acceptForms,
  declineForms,
  membersCards,
  helpCards,
  noticeCards,
  senderOutcomeCards,
  hostileCards,
  contractLimitCards,
  ...DEAL_SECTIONS,
  ...FIND_SECTIONS,
  ...SOLUTION_SECTIONS,
  ...PARTNER_CENTER_SECTIONS,
];

/** Every gallery entry, in a stable order: each state in every language of READERS, side by side. */
export function galleryEntries(): GalleryEntry[] {
  return SECTIONS.flatMap((section) => section()).flatMap((sample) =>
    LANGS.map((lang) => ({ template: sample.template, state: `${sample.state}-${lang}`, card: () => sample.card(READERS[lang]) })),
  );
}

/** The template file names that have at least one entry. */
export function coveredTemplates(entries: readonly GalleryEntry[] = galleryEntries()): Set<string> {
  return new Set(entries.map((e) => e.template));
}
