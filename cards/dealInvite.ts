import type { z } from 'zod';
import type { Deal } from '../services/domain/model';
import type { Refusal } from '../services/domain/result';
import type { Translator } from '../services/i18n';
import { openDeal, renderCompactCard, type CompactAction } from './compact';
import { helpChoices, type Choice } from './dealStatus';
import { listLine, NAME_SHOWN } from './dealText';
import { errorsByField, str, type FormValues } from './formParts';
import { partnerBlock, type PartnerBlock, type PartnerMatchChoice } from './partnerBlock';
import { currencyChoices } from './choices';
import { renderCard, type AdaptiveCardJson } from './render';
import { oneLine } from './untrusted';
import microsoftTemplate from './templates/deal-invite-microsoft.json';
import partnerTemplate from './templates/deal-invite.json';

// ---------- invite Microsoft ----------

/**
 * Invite Microsoft later: the kind of help (any makes the deal Co-sell, and Microsoft has 14 days to
 * decide), and the customer's main contact with the consent to share it — Microsoft may call them.
 */
export interface MicrosoftFormData {
  dealId: string;
  tenantId: string;
  title: string;
  intro: string;
  notice: string;
  noticeColor: 'Default' | 'Attention';
  labels: Record<'help' | 'window' | 'contact' | 'contactName' | 'contactPhone' | 'contactEmail' | 'consentReminder' | 'consent', string>;
  helpChoices: Choice[];
  values: Record<'help' | 'contactName' | 'contactPhone' | 'contactEmail' | 'consent', string>;
  errors: Record<'help' | 'contactName' | 'contactPhone' | 'contactEmail' | 'consent', string>;
  submitTitle: string;
  cancelTitle: string;
  tooLarge: string;
}

type FormFrame = { title: string; tooLarge: string; cancelTitle: string; dealId: string; tenantId: string };
const backToDeal = (d: FormFrame): CompactAction => openDeal(d.cancelTitle, d.dealId, d.tenantId);
const compactForm = (d: FormFrame): AdaptiveCardJson => renderCompactCard({ title: d.title, message: d.tooLarge, action: backToDeal(d) });

export function renderMicrosoftForm(data: MicrosoftFormData): AdaptiveCardJson {
  return renderCard(microsoftTemplate, data, { compact: compactForm });
}

const MICROSOFT_FIELDS: Record<string, string> = {
  help: 'help',
  'contact.name': 'contactName',
  'contact.phone': 'contactPhone',
  'contact.email': 'contactEmail',
  contactConsent: 'consent',
};

const MICROSOFT_REFUSAL_FIELD: Partial<Record<Refusal['code'], string>> = {
  help_required: 'help',
  customer_contact_required: 'contactName',
  customer_consent_required: 'consent',
};

export function microsoftFormData(deal: Deal, tr: Translator, typed?: FormValues, problems: { error?: z.ZodError; refusal?: Refusal } = {}): MicrosoftFormData {
  const errors = errorsByField(tr, problems.error, (p) => MICROSOFT_FIELDS[p], problems.refusal ? { refusal: problems.refusal, field: MICROSOFT_REFUSAL_FIELD[problems.refusal.code] ?? '_' } : undefined);
  const contact = deal.customer.contacts[0];
  const value = (key: string, fallback: string) => (typed ? str(typed[key]) : fallback);
  return {
    dealId: deal.id,
    tenantId: deal.tenantId,
    title: tr.t('deal.microsoftForm.title', { name: oneLine(deal.name, NAME_SHOWN) }),
    intro: tr.t('deal.microsoftForm.intro'),
    notice: problems.error || problems.refusal ? (errors._ ?? tr.t('referral.form.fixErrors')) : '',
    noticeColor: 'Attention',
    labels: {
      help: tr.t('dialog.selling.help'),
      window: tr.t('deal.microsoftForm.window'),
      contact: tr.t('deal.microsoftForm.contact'),
      contactName: tr.t('referral.form.memberName'),
      contactPhone: tr.t('referral.form.memberPhone'),
      contactEmail: tr.t('referral.form.memberEmail'),
      consentReminder: tr.t('dialog.consentReminder'),
      consent: tr.t('dialog.consent'),
    },
    helpChoices: helpChoices(tr).filter((c) => c.value !== 'none'),
    values: {
      help: value('help', ''),
      contactName: value('contactName', contact?.name ?? ''),
      contactPhone: value('contactPhone', contact?.phone ?? ''),
      contactEmail: value('contactEmail', contact?.email ?? ''),
      consent: value('contactConsent', deal.customer.contactConsent ? 'true' : 'false') === 'true' ? 'true' : 'false',
    },
    errors: {
      help: errors.help ?? '',
      contactName: errors.contactName ?? '',
      contactPhone: errors.contactPhone ?? '',
      contactEmail: errors.contactEmail ?? '',
      consent: errors.consent ?? '',
    },
    submitTitle: tr.t('deal.microsoftForm.submit'),
    cancelTitle: tr.t('referral.form.cancel'),
    tooLarge: tr.t('card.form.tooLarge'),
  };
}

/** The form's inputs in the shape DealActions.inviteMicrosoft reads. */
export function readMicrosoftForm(typed: FormValues): Record<string, unknown> {
  return {
    help: str(typed.help) || undefined,
    contact: { name: typed.contactName, phone: typed.contactPhone, email: typed.contactEmail },
    contactConsent: str(typed.contactConsent) || 'false',
  };
}

// ---------- invite a partner ----------

/** Invite partners later, one at a time, with the per-partner fields; the deal's type follows the invitation table. */
export interface PartnerFormData {
  dealId: string;
  tenantId: string;
  title: string;
  intro: string;
  notice: string;
  noticeColor: 'Default' | 'Attention' | 'Good';
  invitedSoFar: string;
  partner: PartnerBlock;
  submitTitle: string;
  cancelTitle: string;
  tooLarge: string;
  /** The searchable currency list; a form too large with it asks for a typed code instead. */
  pickers: boolean;
  currencies: Choice[];
}

export function renderPartnerForm(data: PartnerFormData): AdaptiveCardJson {
  return renderCard(partnerTemplate, data, { shrink: [(d) => ({ ...d, pickers: false, currencies: [] })], compact: compactForm });
}

export function partnerFormData(
  deal: Deal,
  tr: Translator,
  today: string,
  options: { typed?: FormValues; results: readonly PartnerMatchChoice[]; searched: boolean; error?: z.ZodError; refusal?: Refusal },
): PartnerFormData {
  const invalid = Boolean(options.error || options.refusal);
  return {
    dealId: deal.id,
    tenantId: deal.tenantId,
    title: tr.t('deal.inviteForm.title', { name: oneLine(deal.name, NAME_SHOWN) }),
    intro: tr.t('deal.inviteForm.intro'),
    notice: invalid ? tr.t('referral.form.fixErrors') : '',
    noticeColor: invalid ? 'Attention' : 'Default',
    invitedSoFar: deal.invitations.length ? tr.t('deal.inviteForm.already', { partners: listLine(deal.invitations.map((i) => i.partner.name), tr) }) : '',
    partner: partnerBlock(tr, {
      typed: options.typed,
      results: options.results,
      searched: options.searched,
      team: deal.team,
      solutions: deal.solutions,
      defaults: { closeDate: deal.closeDate >= today ? deal.closeDate : today, currency: deal.value.currency },
      today,
      error: options.error,
      refusal: options.refusal,
    }),
    submitTitle: tr.t('deal.inviteForm.submit'),
    cancelTitle: tr.t('referral.form.cancel'),
    tooLarge: tr.t('card.form.tooLarge'),
    pickers: true,
    currencies: currencyChoices(tr),
  };
}
