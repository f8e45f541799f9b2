import type { z } from 'zod';
import type { Deal, PartnerInvitation } from '../services/domain/model';
import { formatDate, formatMoney, type Translator } from '../services/i18n';
import { solutionLabel } from './dealText';
import { errorsByField, str, type FormValues } from './formParts';
import type { Fact } from './referral';
import { expandCard, type AdaptiveCardJson } from './render';
import template from './templates/deal-edit-invitation.json';

/**
 * Edit one invitation this organization sent: the notes on why and the help wanted. Its close date,
 * value, team and solutions are shown but locked — after the invitation only the invited partner may
 * change them (003).
 */
export interface InvitationFormData {
  dealId: string;
  tenantId: string;
  invitationId: string;
  title: string;
  intro: string;
  notice: string;
  noticeColor: 'Default' | 'Attention';
  locked: Fact[];
  lockNote: string;
  labels: { notes: string; helpWanted: string };
  values: { notes: string; helpWanted: string };
  errors: { notes: string; helpWanted: string };
  submitTitle: string;
  cancelTitle: string;
}

export function renderInvitationForm(data: InvitationFormData): AdaptiveCardJson {
  return expandCard(template, data);
}

export function invitationFormData(deal: Deal, invitation: PartnerInvitation, tr: Translator, typed?: FormValues, error?: z.ZodError): InvitationFormData {
  const errors = errorsByField(tr, error, (p) => (p === 'notes' || p === 'helpWanted' ? p : undefined));
  return {
    dealId: deal.id,
    tenantId: deal.tenantId,
    invitationId: invitation.id,
    title: tr.t('deal.invitation.title', { partner: invitation.partner.name, name: deal.name }),
    intro: tr.t('deal.invitation.intro'),
    notice: error ? tr.t('referral.form.fixErrors') : '',
    noticeColor: 'Attention',
    locked: [
      { title: tr.t('deal.partner.closeDate'), value: formatDate(invitation.closeDate, tr.reader) },
      { title: tr.t('deal.partner.amount'), value: formatMoney(invitation.value, tr.reader) },
      { title: tr.t('deal.partner.team'), value: invitation.team.map((t) => t.name).join(', ') || tr.t('referral.none') },
      { title: tr.t('deal.partner.solutions'), value: invitation.solutions.map((s) => solutionLabel(s, tr)).join(', ') },
    ],
    lockNote: tr.t('deal.invitation.locked', { partner: invitation.partner.name }),
    labels: { notes: tr.t('deal.partner.notes'), helpWanted: tr.t('deal.partner.helpWanted') },
    values: { notes: typed ? str(typed.notes) : (invitation.notes ?? ''), helpWanted: typed ? str(typed.helpWanted) : (invitation.helpWanted ?? '') },
    errors: { notes: errors.notes ?? '', helpWanted: errors.helpWanted ?? '' },
    submitTitle: tr.t('deal.invitation.submit'),
    cancelTitle: tr.t('referral.form.cancel'),
  };
}
