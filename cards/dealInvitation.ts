import type { z } from 'zod';
import type { Deal, PartnerInvitation } from '../services/domain/model';
import { formatDate, formatMoney, type Translator } from '../services/i18n';
import { openDeal, renderCompactCard } from './compact';
import { listLine, NAME_SHOWN, solutionLabel } from './dealText';
import { errorsByField, str, type FormValues } from './formParts';
import type { Fact } from './referral';
import { renderCard, type AdaptiveCardJson } from './render';
import template from './templates/deal-edit-invitation.json';
import { oneLine } from './untrusted';

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
  tooLarge: string;
}

export function renderInvitationForm(data: InvitationFormData): AdaptiveCardJson {
  return renderCard(template, data, {
    compact: (d) => renderCompactCard({ title: d.title, message: d.tooLarge, action: openDeal(d.cancelTitle, d.dealId, d.tenantId) }),
  });
}

export function invitationFormData(deal: Deal, invitation: PartnerInvitation, tr: Translator, typed?: FormValues, error?: z.ZodError): InvitationFormData {
  const errors = errorsByField(tr, error, (p) => (p === 'notes' || p === 'helpWanted' ? p : undefined));
  return {
    dealId: deal.id,
    tenantId: deal.tenantId,
    invitationId: invitation.id,
    title: tr.t('deal.invitation.title', { partner: oneLine(invitation.partner.name, NAME_SHOWN), name: oneLine(deal.name, NAME_SHOWN) }),
    intro: tr.t('deal.invitation.intro'),
    notice: error ? tr.t('referral.form.fixErrors') : '',
    noticeColor: 'Attention',
    locked: [
      { title: tr.t('deal.partner.closeDate'), value: formatDate(invitation.closeDate, tr.reader) },
      { title: tr.t('deal.partner.amount'), value: formatMoney(invitation.value, tr.reader) },
      { title: tr.t('deal.partner.team'), value: listLine(invitation.team.map((t) => t.name), tr) },
      { title: tr.t('deal.partner.solutions'), value: listLine(invitation.solutions.map((s) => solutionLabel(s, tr)), tr) },
    ],
    lockNote: tr.t('deal.invitation.locked', { partner: oneLine(invitation.partner.name, NAME_SHOWN) }),
    labels: { notes: tr.t('deal.partner.notes'), helpWanted: tr.t('deal.partner.helpWanted') },
    values: { notes: typed ? str(typed.notes) : (invitation.notes ?? ''), helpWanted: typed ? str(typed.helpWanted) : (invitation.helpWanted ?? '') },
    errors: { notes: errors.notes ?? '', helpWanted: errors.helpWanted ?? '' },
    submitTitle: tr.t('deal.invitation.submit'),
    cancelTitle: tr.t('referral.form.cancel'),
    tooLarge: tr.t('card.form.tooLarge'),
  };
}
