import type { z } from 'zod';
import type { Deal } from '../services/domain/model';
import type { Refusal } from '../services/domain/result';
import type { Translator } from '../services/i18n';
import type { Choice } from './dealStatus';
import { openDeal, renderCompactCard } from './compact';
import { NAME_SHOWN, solutionLabel } from './dealText';
import { errorsByField, picked, str, type FormValues } from './formParts';
import { renderCard, type AdaptiveCardJson } from './render';
import template from './templates/deal-register.json';
import { oneLine } from './untrusted';

/**
 * Register now (003): before registering, the seller confirms that the company's name and the
 * solution are clearly in the customer contract, and gives the additional information Microsoft
 * reviews — which of the deal's incentive-eligible solutions the contract names, when it was signed,
 * its reference and notes.
 */
export interface DealRegisterFormData {
  dealId: string;
  tenantId: string;
  title: string;
  intro: string;
  warning: string;
  notice: string;
  labels: Record<'solutions' | 'contractSignedOn' | 'contractReference' | 'notes' | 'confirm' | 'confirmLabel', string>;
  solutionChoices: Choice[];
  values: Record<'solutions' | 'contractSignedOn' | 'contractReference' | 'notes' | 'confirm', string>;
  errors: Record<'solutions' | 'contractSignedOn' | 'contractReference' | 'notes' | 'confirm', string>;
  submitTitle: string;
  cancelTitle: string;
  tooLarge: string;
}

export function renderDealRegisterForm(data: DealRegisterFormData): AdaptiveCardJson {
  return renderCard(template, data, {
    compact: (d) => renderCompactCard({ title: d.title, message: d.tooLarge, action: openDeal(d.cancelTitle, d.dealId, d.tenantId) }),
  });
}

/** The deal's incentive-eligible solutions, the ones a registration can name; a choice's value is its position. */
function eligibleSolutions(deal: Deal) {
  return deal.solutions.filter((s) => s.incentive !== undefined);
}

function fieldOf(path: string): string | undefined {
  const field = path.split('.')[0]!;
  return ['solutions', 'contractSignedOn', 'contractReference', 'notes', 'contractConfirmed'].includes(field) ? (field === 'contractConfirmed' ? 'confirm' : field) : undefined;
}

export function dealRegisterFormData(
  deal: Deal,
  tr: Translator,
  typed?: FormValues,
  problems: { error?: z.ZodError; refusal?: Refusal } = {},
): DealRegisterFormData {
  const errors = errorsByField(tr, problems.error, fieldOf, problems.refusal ? { refusal: problems.refusal, field: 'solutions' } : undefined);
  const solutions = eligibleSolutions(deal);
  const value = (key: string, fallback: string) => (typed ? str(typed[key]) : fallback);
  return {
    dealId: deal.id,
    tenantId: deal.tenantId,
    title: tr.t('deal.register.title', { name: oneLine(deal.name, NAME_SHOWN) }),
    intro: tr.t('deal.register.intro'),
    warning: tr.t('deal.register.warning'),
    notice: problems.error || problems.refusal ? tr.t('referral.form.fixErrors') : '',
    labels: {
      solutions: tr.t('deal.register.solutions'),
      contractSignedOn: tr.t('deal.register.contractSignedOn'),
      contractReference: tr.t('deal.register.contractReference'),
      notes: tr.t('deal.register.notes'),
      confirm: tr.t('deal.register.confirm'),
      confirmLabel: tr.t('deal.register.confirmLabel'),
    },
    solutionChoices: solutions.map((s, i) => ({ value: String(i), title: solutionLabel(s, tr) })),
    values: {
      solutions: value('solutions', solutions.map((_, i) => String(i)).join(',')),
      contractSignedOn: value('contractSignedOn', ''),
      contractReference: value('contractReference', ''),
      notes: value('notes', ''),
      confirm: value('contractConfirmed', 'false'),
    },
    errors: {
      solutions: errors.solutions ?? '',
      contractSignedOn: errors.contractSignedOn ?? '',
      contractReference: errors.contractReference ?? '',
      notes: errors.notes ?? '',
      confirm: errors.confirm ?? '',
    },
    submitTitle: tr.t('deal.register.submit'),
    cancelTitle: tr.t('referral.form.cancel'),
    tooLarge: tr.t('card.form.tooLarge'),
  };
}

/** The form's inputs in the shape `registrationInput` reads, the picked solutions resolved against the deal as loaded. */
export function readDealRegisterForm(typed: FormValues, deal: Deal): Record<string, unknown> {
  const solutions = eligibleSolutions(deal);
  return {
    contractConfirmed: typed.contractConfirmed,
    solutions: picked(typed.solutions)
      .map((i) => (/^\d+$/.test(i) ? solutions[Number(i)]?.name : undefined))
      .filter((name): name is string => name !== undefined),
    contractSignedOn: typed.contractSignedOn,
    contractReference: typed.contractReference,
    notes: typed.notes,
  };
}
