import { DateTime } from 'luxon';
import type { z } from 'zod';
import { allowedActions } from '../services/domain/actions';
import { dealType } from '../services/domain/dealType';
import { DeclineReason, type Deal, type Member, type Solution } from '../services/domain/model';
import {
  countryName,
  fieldErrors,
  formatDate,
  formatDateTime,
  formatMoney,
  type Translator,
} from '../services/i18n';
import { openDeal, renderCompactCard, type CompactAction } from './compact';
import { actorName, customerLine, dealCardHead, identityLine, listLine, solutionLabel, STATUS_COLOR, timeToRespond, type CardColor } from './dealText';
import { chosen, currencyChoices } from './choices';
import type { Choice } from './dealStatus';
import { picked, str, teamFromRows, teamRowsFor, typedTeamRows, type FormValues, type TeamRow } from './formParts';
import { partnerCenterLine } from './partnerCenter';
import { reminderCardData, renderReminderCard } from './reminder';
import { renderCard, type AdaptiveCardJson } from './render';
import { isLonger, oneLine, shorten } from './untrusted';
import acceptTemplate from './templates/referral-accept.json';
import declineTemplate from './templates/referral-decline.json';
import template from './templates/referral.json';

export type ReferralPurpose = 'referral' | 'reminder';
type Color = CardColor;

export interface Fact {
  title: string;
  value: string;
}

/** The inbound referral card: what was sent, how long is left, and Accept/Decline while it can be answered. */
export interface ReferralCardData {
  dealId: string;
  tenantId: string;
  purpose: ReferralPurpose;
  /** Teams refreshes the card for these readers when they look at it (Universal Actions). */
  refreshUserIds: string[];
  notice: string;
  noticeColor: Color;
  header: string;
  headerColor: Color;
  title: string;
  /** Short id, when it was received, and who holds or accepted it. */
  identity: string;
  typeLine: string;
  status: string;
  statusColor: Color;
  outcome: string;
  /** "Partner Center: synced / waiting to sync / conflict", empty when the referral did not come from it. */
  partnerCenter: { text: string; color: Color };
  facts: Fact[];
  notesTitle: string;
  notes: string;
  inviteNotesTitle: string;
  inviteNotes: string;
  /** Whether a long text or list was cut here: the card then says so and links to the deal card. */
  shortened: boolean;
  shortenedNote: string;
  openDealTitle: string;
  /** Why the compact card replaces this one, when even the shortened card is over Teams' limit. */
  tooLarge: string;
  canRespond: boolean;
  /** An admin may hand the waiting referral to a colleague (people picker). */
  canAssign: boolean;
  acceptTitle: string;
  declineTitle: string;
  assign: Record<'title' | 'label' | 'placeholder' | 'hint' | 'submit' | 'required', string>;
}

/**
 * How much of a referral's long texts and lists its card carries, in characters; the deal card shows
 * the rest. About what the card's `maxLines` lets a reader see anyway at Teams' width, so cutting here
 * costs nothing visible, and a referral at the contract's limits (two 4,000-character notes, 50
 * solutions of 200 characters, in Chinese at 3 bytes a character) stays well under Teams' 28 KB.
 */
export const REFERRAL_SHOWN = { notes: 500, inviteNotes: 400, solutions: 10, solutionName: 80, name: 200 } as const;

export function renderReferralCard(data: ReferralCardData): AdaptiveCardJson {
  return renderCard(template, data, {
    shrink: [
      (d) => ({
        ...d,
        shortened: true,
        notes: shorten(d.notes, 150),
        inviteNotes: shorten(d.inviteNotes, 150),
        outcome: shorten(d.outcome, 300),
        facts: d.facts.map((f) => ({ ...f, value: shorten(f.value, 150) })),
      }),
    ],
    compact: (d) =>
      renderCompactCard({ header: d.header, title: d.title, message: d.tooLarge, action: openDeal(d.openDealTitle, d.dealId, d.tenantId) }),
  });
}

export interface ReferralViewOptions {
  readonly purpose: ReferralPurpose;
  /** Whether this reader may answer it now (from the domain's allowedActions). */
  readonly canRespond: boolean;
  /** Whether this reader may hand it to a colleague (allowedActions 'assign'). */
  readonly canAssign?: boolean;
  /** The reader of a personal copy, for Teams' automatic refresh. */
  readonly refreshFor?: string;
  readonly notice?: { readonly text: string; readonly color: Color };
}

function senderLine(deal: Deal): string {
  const s = deal.inbound?.sender;
  if (!s) return '';
  return [s.name, s.organizationName].filter(Boolean).map((n) => oneLine(n!, REFERRAL_SHOWN.name)).join(', ') + (s.email ? ` (${s.email})` : '');
}

function cutsSomething(deal: Deal): boolean {
  return (
    isLonger(deal.notes ?? '', REFERRAL_SHOWN.notes) ||
    isLonger(deal.inbound?.inviteContext.notes ?? '', REFERRAL_SHOWN.inviteNotes) ||
    deal.solutions.length > REFERRAL_SHOWN.solutions ||
    deal.solutions.some((s) => isLonger(s.name, REFERRAL_SHOWN.solutionName))
  );
}

/** What became of a referral, with who and when; '' while it waits. */
export function outcomeLine(deal: Deal, tr: Translator): string {
  const reader = tr.reader;
  const response = deal.response;
  switch (deal.status) {
    case 'received':
      return '';
    case 'declined': {
      const reason = response?.reason === 'other' ? oneLine(response.reasonText ?? tr.t('declineReason.other'), 200) : tr.tk(`declineReason.${response?.reason ?? 'other'}`);
      return tr.t('referral.outcome.declined', { name: response ? actorName(response.by, tr, REFERRAL_SHOWN.name) : tr.t('actor.unnamed'), when: formatDateTime(response?.at ?? deal.updatedAt, reader), reason });
    }
    case 'expired':
      return tr.t('referral.outcome.expired', { when: formatDateTime(deal.inbound?.expiresAt ?? deal.updatedAt, reader) });
    case 'won':
    case 'lost':
      return tr.t(`referral.outcome.${deal.status}`, { when: formatDateTime(deal.updatedAt, reader) });
    case 'open':
      return response ? tr.t('referral.outcome.accepted', { name: actorName(response.by, tr, REFERRAL_SHOWN.name), when: formatDateTime(response.at, reader) }) : '';
  }
}

/** A referral card's header: a new co-sell or partner referral while it waits, then "Referral". */
export function referralHeader(deal: Deal, tr: Translator): string {
  if (deal.status !== 'received') return tr.t('referral.header.seen');
  return tr.t(dealType(deal) === 'p2p' ? 'referral.header.new.p2p' : 'referral.header.new.coSell');
}

/** Build the card's view model for one reader: their language, time zone and what they may do now. */
export function referralCardData(deal: Deal, tr: Translator, now: DateTime, options: ReferralViewOptions): ReferralCardData {
  const reader = tr.reader;
  const inbound = deal.inbound;
  const type = dealType(deal);
  const received = deal.status === 'received';
  const header = referralHeader(deal, tr);
  const contact = deal.customer.contacts[0];
  const facts: Fact[] = [
    { title: tr.t('referral.fact.customer'), value: customerLine(deal.customer, tr) },
    ...(deal.customer.duns ? [{ title: tr.t('referral.fact.duns'), value: deal.customer.duns }] : []),
    ...(contact?.name || contact?.email ? [{ title: tr.t('referral.fact.customerContact'), value: [contact.name, contact.email, contact.phone].filter(Boolean).map((v) => oneLine(v!, REFERRAL_SHOWN.name)).join(' · ') }] : []),
    { title: tr.t('referral.fact.location'), value: countryName(deal.location, reader) },
    { title: tr.t('referral.fact.value'), value: formatMoney(deal.value, reader) },
    { title: tr.t('referral.fact.closeDate'), value: formatDate(deal.closeDate, reader) },
    { title: tr.t('referral.fact.sender'), value: senderLine(deal) || tr.t('referral.none') },
    ...(inbound?.inviteContext.helpWanted ? [{ title: tr.t('referral.fact.helpWanted'), value: oneLine(inbound.inviteContext.helpWanted, REFERRAL_SHOWN.name) }] : []),
    { title: tr.t('referral.fact.solutions'), value: listLine(deal.solutions.map((s) => s.name), tr, REFERRAL_SHOWN.solutions, REFERRAL_SHOWN.solutionName) },
    ...(inbound ? [{ title: tr.t('referral.fact.received'), value: formatDateTime(inbound.receivedAt, reader) }] : []),
    ...(received && inbound
      ? [
          { title: tr.t('referral.fact.timeLeft'), value: timeToRespond(deal, tr, now) },
          { title: tr.t('referral.fact.expires'), value: formatDateTime(inbound.expiresAt, reader) },
        ]
      : []),
  ];
  return {
    ...dealCardHead(deal, options),
    purpose: options.purpose,
    header,
    headerColor: 'Accent',
    title: oneLine(deal.name, REFERRAL_SHOWN.name),
    identity: identityLine(deal, tr),
    typeLine: tr.t('referral.typeLine', { type: tr.tk(`dealType.${type}`), sender: oneLine(inbound?.sender.organizationName ?? '', REFERRAL_SHOWN.name) }),
    status: tr.tk(`referral.status.${deal.status}`),
    statusColor: STATUS_COLOR[deal.status],
    outcome: outcomeLine(deal, tr),
    partnerCenter: partnerCenterLine(deal, tr),
    facts,
    notesTitle: tr.t('referral.notes'),
    notes: shorten(deal.notes ?? '', REFERRAL_SHOWN.notes),
    inviteNotesTitle: tr.t('referral.inviteNotes'),
    inviteNotes: shorten(inbound?.inviteContext.notes ?? '', REFERRAL_SHOWN.inviteNotes),
    shortened: cutsSomething(deal),
    shortenedNote: tr.t('referral.shortened'),
    openDealTitle: tr.t('referral.openDeal'),
    tooLarge: tr.t('referral.tooLarge'),
    canRespond: options.canRespond && received,
    canAssign: (options.canAssign ?? false) && received,
    acceptTitle: tr.t('referral.accept'),
    declineTitle: tr.t('referral.decline'),
    assign: {
      title: tr.t('referral.assign.title'),
      label: tr.t('referral.assign.label'),
      placeholder: tr.t('referral.assign.placeholder'),
      hint: tr.t('referral.assign.hint'),
      submit: tr.t('referral.assign.submit'),
      required: tr.t('referral.assign.required'),
    },
  };
}

/**
 * The card about a referral for one reader, as every copy shows it: the full referral card, or for a
 * reminder the compact reminder card; what the reader may do comes from the domain's allowedActions.
 */
export function referralCardFor(
  deal: Deal,
  member: Member,
  tr: Translator,
  now: DateTime,
  purpose: ReferralPurpose,
  notice?: { text: string; color: Color },
): AdaptiveCardJson {
  const allowed = allowedActions(deal, member, now);
  if (purpose === 'reminder') {
    return renderReminderCard(
      reminderCardData(deal, tr, now, {
        canRespond: allowed.includes('accept'),
        canSnooze: allowed.includes('snooze'),
        offerDigest: member.reminders !== 'digest',
        refreshFor: member.userId,
        ...(notice ? { notice } : {}),
      }),
    );
  }
  return renderReferralCard(
    referralCardData(deal, tr, now, {
      purpose,
      canRespond: allowed.includes('accept'),
      canAssign: allowed.includes('assign'),
      refreshFor: member.userId,
      ...(notice ? { notice } : {}),
    }),
  );
}

// ---------- the accept form ----------

export const TEAM_ROWS = 3;

export interface AcceptFormData {
  dealId: string;
  tenantId: string;
  purpose: ReferralPurpose;
  title: string;
  intro: string;
  notice: string;
  labels: Record<'name' | 'value' | 'currency' | 'currencyCode' | 'closeDate' | 'notes' | 'crmId' | 'campaignId' | 'team' | 'teamHint' | 'memberName' | 'memberPhone' | 'memberEmail' | 'required', string>;
  values: { name: string; amount: number | string; currency: string; closeDate: string; today: string; notes: string; crmId: string; campaignId: string; own: string };
  /** The searchable currency list; false in the smaller version (a typed code), for a form too large with it. */
  pickers: boolean;
  currencies: Choice[];
  errors: Record<'name' | 'amount' | 'currency' | 'closeDate' | 'notes' | 'crmId' | 'campaignId' | 'team', string>;
  team: TeamRow[];
  /** The organization's co-sell ready solutions the seller may add (valued by their offer id); none: no choice shown. */
  ownChoices: { title: string; value: string }[];
  ownLabel: string;
  submitTitle: string;
  cancelTitle: string;
  tooLarge: string;
}

/** Back to the referral card, from a form too large to show. */
const backToReferral = (d: { cancelTitle: string; dealId: string; tenantId: string; purpose: ReferralPurpose }): CompactAction => ({
  title: d.cancelTitle,
  verb: 'referral.show',
  data: { dealId: d.dealId, tenantId: d.tenantId, purpose: d.purpose },
});

/**
 * A form's prefilled values are never shortened: the seller would send the cut text back. A form
 * that cannot fit is replaced by the compact card, which says why.
 */
export function renderAcceptForm(data: AcceptFormData): AdaptiveCardJson {
  return renderCard(acceptTemplate, data, {
    shrink: [(d) => ({ ...d, pickers: false, currencies: [] })],
    compact: (d) => renderCompactCard({ title: d.title, message: d.tooLarge, action: backToReferral(d) }),
  });
}


/**
 * The form prefilled from the referral (or with what the seller typed, after an error), the
 * accepting member as first team member, and each error beside its field.
 */
export function acceptFormData(
  deal: Deal,
  member: Member,
  tr: Translator,
  today: string,
  purpose: ReferralPurpose,
  typed?: FormValues,
  error?: z.ZodError,
  own: readonly Solution[] = [],
): AcceptFormData {
  const errors = error ? fieldErrors(error, tr) : {};
  // The team is optional (003): the accepting member is offered as its first member only when their
  // phone is known from an earlier deal, so an untouched form never asks for a phone.
  const rows = typed ? typedTeamRows(typed, TEAM_ROWS) : member.phone && member.email ? [{ name: member.name, phone: member.phone, email: member.email }] : [];
  const team = teamRowsFor(TEAM_ROWS, rows, errors);
  const value = (key: string, fallback: string) => (typed ? str(typed[key]) : fallback);
  return {
    dealId: deal.id,
    tenantId: deal.tenantId,
    purpose,
    title: tr.t('referral.acceptForm.title', { name: oneLine(deal.name, REFERRAL_SHOWN.name) }),
    intro: tr.t('referral.acceptForm.intro'),
    notice: error ? tr.t('referral.form.fixErrors') : '',
    labels: {
      name: tr.t('referral.form.name'),
      value: tr.t('referral.form.value'),
      currency: tr.t('referral.form.currency'),
      currencyCode: tr.t('referral.form.currencyCode'),
      closeDate: tr.t('referral.form.closeDate'),
      notes: tr.t('referral.form.notes'),
      crmId: tr.t('referral.form.crmId'),
      campaignId: tr.t('referral.form.campaignId'),
      team: tr.t('referral.form.team'),
      teamHint: tr.t('referral.form.teamHint'),
      memberName: tr.t('referral.form.memberName'),
      memberPhone: tr.t('referral.form.memberPhone'),
      memberEmail: tr.t('referral.form.memberEmail'),
      required: tr.t('referral.form.required'),
    },
    values: {
      name: value('name', deal.name),
      amount: typed ? str(typed.amount) : deal.value.amount,
      currency: chosen(value('currency', deal.value.currency), currencyChoices(tr)),
      closeDate: value('closeDate', deal.closeDate),
      today,
      notes: value('notes', deal.notes ?? ''),
      crmId: value('crmId', ''),
      campaignId: value('campaignId', ''),
      own: value('own', ''),
    },
    pickers: true,
    currencies: currencyChoices(tr),
    errors: {
      name: errors.name ?? '',
      amount: errors['value.amount'] ?? errors.value ?? '',
      currency: errors['value.currency'] ?? '',
      closeDate: errors.closeDate ?? '',
      notes: errors.notes ?? '',
      crmId: errors.crmId ?? '',
      campaignId: errors.campaignId ?? '',
      team: errors.team ?? '',
    },
    team,
    ownChoices: own.filter((o) => o.id !== undefined && !deal.solutions.some((s) => s.kind === 'own' && s.name === o.name)).map((o) => ({ value: o.id!, title: solutionLabel(o, tr) })),
    ownLabel: tr.t('referral.form.ownSolutions'),
    submitTitle: tr.t('referral.acceptForm.submit'),
    cancelTitle: tr.t('referral.form.cancel'),
    tooLarge: tr.t('card.form.tooLarge'),
  };
}

/** The accept form's inputs in the shape the domain's accept schema reads; picked own solutions resolve against `own` by offer id. */
export function readAcceptForm(typed: FormValues, own: readonly Solution[] = []): Record<string, unknown> {
  const team = teamFromRows(typedTeamRows(typed, TEAM_ROWS));
  const ownSolutions = picked(typed.own).flatMap((id) => own.filter((o) => o.id === id));
  return {
    ownSolutions,
    name: typed.name,
    value: { amount: typed.amount, currency: typed.currency },
    closeDate: typed.closeDate,
    notes: typed.notes,
    crmId: typed.crmId,
    campaignId: typed.campaignId,
    team,
  };
}

// ---------- the decline form ----------

export interface DeclineFormData {
  dealId: string;
  tenantId: string;
  purpose: ReferralPurpose;
  title: string;
  intro: string;
  notice: string;
  warning: string;
  labels: { reason: string; reasonText: string; notes: string; required: string };
  reasons: { title: string; value: string }[];
  values: { reason: string; reasonText: string; notes: string };
  errors: { reason: string; reasonText: string; notes: string };
  submitTitle: string;
  cancelTitle: string;
  tooLarge: string;
}

export function renderDeclineForm(data: DeclineFormData): AdaptiveCardJson {
  return renderCard(declineTemplate, data, { compact: (d) => renderCompactCard({ title: d.title, message: d.tooLarge, action: backToReferral(d) }) });
}

export function declineFormData(deal: Deal, tr: Translator, purpose: ReferralPurpose, typed?: FormValues, error?: z.ZodError): DeclineFormData {
  const errors = error ? fieldErrors(error, tr) : {};
  return {
    dealId: deal.id,
    tenantId: deal.tenantId,
    purpose,
    title: tr.t('referral.declineForm.title', { name: oneLine(deal.name, REFERRAL_SHOWN.name) }),
    intro: tr.t('referral.declineForm.intro'),
    notice: error ? tr.t('referral.form.fixErrors') : '',
    warning: tr.t('referral.declineForm.warning'),
    labels: {
      reason: tr.t('referral.declineForm.reason'),
      reasonText: tr.t('referral.declineForm.reasonText'),
      notes: tr.t('referral.declineForm.notes'),
      required: tr.t('referral.form.required'),
    },
    reasons: DeclineReason.options.map((value) => ({ value, title: tr.tk(`declineReason.${value}`) })),
    values: { reason: str(typed?.reason), reasonText: str(typed?.reasonText), notes: str(typed?.notes) },
    errors: { reason: errors.reason ?? '', reasonText: errors.reasonText ?? '', notes: errors.notes ?? '' },
    submitTitle: tr.t('referral.declineForm.submit'),
    cancelTitle: tr.t('referral.form.cancel'),
    tooLarge: tr.t('card.form.tooLarge'),
  };
}

export function readDeclineForm(typed: FormValues): Record<string, unknown> {
  return { reason: typed.reason, reasonText: typed.reasonText, notes: typed.notes };
}
