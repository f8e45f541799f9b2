import { chosen, currencyChoices } from './choices';
import type { z } from 'zod';
import type { Solution, TeamMember } from '../services/domain/model';
import type { Refusal } from '../services/domain/result';
import type { Translator } from '../services/i18n';
import type { Choice } from './dealStatus';
import { NAME_SHOWN, solutionLabel } from './dealText';
import { errorsByField, picked, str, thirdPartySolutionsFrom, type FormValues } from './formParts';
import { oneLine } from './untrusted';

/**
 * How long a choice's title may be: a choice shows one name, and a deal may have 50 solutions —
 * at full length the choices alone would not fit in a Teams card. The choice's value is what is sent.
 */
const CHOICE_SHOWN = 120;

/**
 * The per-partner fields of a P2P invitation (003): the partner (found by name among organizations
 * using this bot, or named when it does not), its close date (pre-filled), value and currency, notes
 * on why, the inviter's team members who work with it, at least one solution it should bring, and
 * the help wanted. Shared by the creation step and the "Invite partners" form.
 */
export interface PartnerBlock {
  query: string;
  results: Choice[];
  searched: boolean;
  noResults: string;
  pick: string;
  name: string;
  closeDate: string;
  today: string;
  amount: string;
  currency: string;
  notes: string;
  helpWanted: string;
  teamChoices: Choice[];
  team: string;
  solutionChoices: Choice[];
  solutions: string;
  otherSolutions: string;
  errors: Record<'partner' | 'closeDate' | 'amount' | 'currency' | 'notes' | 'helpWanted' | 'team' | 'solutions', string>;
  labels: Record<
    'search' | 'query' | 'queryHint' | 'results' | 'name' | 'closeDate' | 'amount' | 'currency' | 'notes' | 'helpWanted' | 'team' | 'solutions' | 'otherSolutions' | 'otherSolutionsHint',
    string
  >;
}

export interface PartnerMatchChoice {
  readonly tenantId: string;
  readonly name: string;
}

export interface PartnerBlockInput {
  readonly typed?: FormValues;
  readonly results: readonly PartnerMatchChoice[];
  readonly searched: boolean;
  /** The deal's (or draft's) team and solutions the inviter picks from. */
  readonly team: readonly TeamMember[];
  readonly solutions: readonly Solution[];
  readonly defaults: { readonly closeDate: string; readonly currency: string };
  readonly today: string;
  readonly error?: z.ZodError;
  readonly refusal?: Refusal;
}

function fieldOf(path: string): string | undefined {
  if (path.startsWith('partner')) return 'partner';
  if (path === 'value.amount' || path === 'value') return 'amount';
  if (path === 'value.currency') return 'currency';
  if (path.startsWith('team')) return 'team';
  if (path.startsWith('solutions')) return 'solutions';
  return ['closeDate', 'notes', 'helpWanted'].includes(path) ? path : undefined;
}

export function partnerBlock(tr: Translator, input: PartnerBlockInput): PartnerBlock {
  const typed = input.typed;
  const errors = errorsByField(tr, input.error, fieldOf, input.refusal ? { refusal: input.refusal, field: 'partner' } : undefined);
  const value = (key: string, fallback: string) => (typed && typed[key] !== undefined ? str(typed[key]) : fallback);
  return {
    query: value('partnerQuery', ''),
    results: input.results.map((r) => ({ value: r.tenantId, title: oneLine(r.name, NAME_SHOWN) })),
    searched: input.searched,
    noResults: input.searched && input.results.length === 0 ? tr.t('deal.partner.noResults') : '',
    pick: value('partnerPick', input.results.length === 1 ? input.results[0]!.tenantId : ''),
    name: value('partnerName', ''),
    closeDate: value('partnerCloseDate', input.defaults.closeDate),
    today: input.today,
    amount: value('partnerAmount', ''),
    currency: chosen(value('partnerCurrency', input.defaults.currency), currencyChoices(tr)),
    notes: value('partnerNotes', ''),
    helpWanted: value('partnerHelp', ''),
    teamChoices: input.team.map((t) => ({ value: t.email, title: oneLine(`${t.name} (${t.email})`, CHOICE_SHOWN) })),
    team: value('partnerTeam', input.team.map((t) => t.email).join(',')),
    solutionChoices: input.solutions.map((s, i) => ({ value: String(i), title: oneLine(solutionLabel(s, tr), CHOICE_SHOWN) })),
    solutions: value('partnerSolutions', input.solutions.map((_, i) => String(i)).join(',')),
    otherSolutions: value('partnerOtherSolutions', ''),
    errors: {
      partner: errors.partner ?? '',
      closeDate: errors.closeDate ?? '',
      amount: errors.amount ?? '',
      currency: errors.currency ?? '',
      notes: errors.notes ?? '',
      helpWanted: errors.helpWanted ?? '',
      team: errors.team ?? '',
      solutions: errors.solutions ?? '',
    },
    labels: {
      search: tr.t('deal.partner.search'),
      query: tr.t('deal.partner.query'),
      queryHint: tr.t('deal.partner.queryHint'),
      results: tr.t('deal.partner.results'),
      name: tr.t('deal.partner.name'),
      closeDate: tr.t('deal.partner.closeDate'),
      amount: tr.t('deal.partner.amount'),
      currency: tr.t('referral.form.currency'),
      notes: tr.t('deal.partner.notes'),
      helpWanted: tr.t('deal.partner.helpWanted'),
      team: tr.t('deal.partner.team'),
      solutions: tr.t('deal.partner.solutions'),
      otherSolutions: tr.t('deal.partner.otherSolutions'),
      otherSolutionsHint: tr.t('deal.partner.otherSolutionsHint'),
    },
  };
}

/** Whether the seller started filling a partner (chose or named one). */
export function partnerBlockStarted(typed: FormValues): boolean {
  return str(typed.partnerPick).trim() !== '' || str(typed.partnerName).trim() !== '';
}

/**
 * The block's inputs in the shape of the domain's invitation schema. A partner picked from the
 * search is named as the search found it; a name typed instead is a partner outside this deployment.
 */
export function readPartnerBlock(typed: FormValues, results: readonly PartnerMatchChoice[], team: readonly TeamMember[], solutions: readonly Solution[]): Record<string, unknown> {
  const pickId = str(typed.partnerPick).trim();
  const match = results.find((r) => r.tenantId === pickId);
  const partner = match ? { tenantId: match.tenantId, name: match.name } : { name: str(typed.partnerName) };
  const emails = new Set(picked(typed.partnerTeam).map((e) => e.toLowerCase()));
  const chosen = picked(typed.partnerSolutions)
    .map((i) => solutions[Number(i)])
    .filter((s): s is Solution => s !== undefined);
  return {
    partner,
    closeDate: typed.partnerCloseDate,
    value: { amount: typed.partnerAmount, currency: typed.partnerCurrency },
    notes: typed.partnerNotes,
    team: team.filter((t) => emails.has(t.email.toLowerCase())),
    solutions: [...chosen, ...thirdPartySolutionsFrom(typed.partnerOtherSolutions)],
    helpWanted: typed.partnerHelp,
  };
}
