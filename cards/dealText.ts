import { DateTime } from 'luxon';
import { instantMillis } from '../services/clock';
import { todayFor } from '../services/domain/change';
import { dealType } from '../services/domain/dealType';
import { shortDealId } from '../services/domain/search';
import type { Actor, Deal, HistoryEntry, Solution } from '../services/domain/model';
import { stagePercent } from '../services/domain/stages';
import { countryName, daysUntil, formatCountdown, formatDate, formatMoney, type Translator } from '../services/i18n';
import { PARTNER_CENTER_ACTOR } from '../services/partnerCenter/mapping';
import { oneLine } from './untrusted';

/*
 * Short texts about a deal that several cards show (status card, lists, creation summary), in the
 * reader's language and time zone. Pure functions of the deal and the reader. Names are shown on one
 * line: a line break in a name would let it pass for a section of the card.
 */

/** The longest name a card shows (the domain allows 200 characters for deal, customer and partner names). */
export const NAME_SHOWN = 200;
const name = (text: string): string => oneLine(text, NAME_SHOWN);

/** The colours an Adaptive Card may give text. */
export type CardColor = 'Default' | 'Accent' | 'Good' | 'Warning' | 'Attention';

/** What an action just did (or what went wrong), shown above a card's content. */
export interface CardNotice<C extends CardColor = CardColor> {
  readonly text: string;
  readonly color: C;
}

/** A card's notice as its template binds it: '' and the default colour when there is none. */
export function noticeFields<C extends CardColor>(notice: CardNotice<C> | undefined): { notice: string; noticeColor: C | 'Default' } {
  return { notice: notice?.text ?? '', noticeColor: notice?.color ?? 'Default' };
}

/** What every card about one deal carries: the deal, who refreshes it (Universal Actions), its notice. */
export function dealCardHead(deal: Pick<Deal, 'id' | 'tenantId'>, options: { readonly refreshFor?: string; readonly notice?: CardNotice }) {
  return { dealId: deal.id, tenantId: deal.tenantId, refreshUserIds: options.refreshFor ? [options.refreshFor] : [], ...noticeFields(options.notice) };
}

/** How a deal's status is coloured on every card that shows it. */
export const STATUS_COLOR: Readonly<Record<Deal['status'], CardColor>> = {
  received: 'Accent',
  open: 'Good',
  won: 'Good',
  lost: 'Attention',
  declined: 'Attention',
  expired: 'Warning',
};

export function solutionLabel(solution: Solution, tr: Translator): string {
  switch (solution.kind) {
    case 'own':
      return solution.incentive
        ? tr.t('deal.solution.ownWithIncentive', { name: name(solution.name), incentive: tr.tk(`incentive.${solution.incentive}`) })
        : tr.t('deal.solution.own', { name: name(solution.name) });
    case 'microsoft':
      return tr.t('deal.solution.microsoft', { name: name(solution.name) });
    case 'thirdParty':
      return solution.publisher
        ? tr.t('deal.solution.thirdPartyBy', { name: name(solution.name), publisher: name(solution.publisher) })
        : tr.t('deal.solution.thirdParty', { name: name(solution.name) });
    case 'assessment':
      return tr.t('deal.solution.assessment', { name: name(solution.name) });
  }
}

/**
 * Who did something, for this reader: people and organizations by the name they have; the bot in the
 * reader's words (its stored name is only for logs); someone Teams gave no name, as such.
 */
export function actorName(actor: Actor, tr: Translator, chars = NAME_SHOWN): string {
  // Partner Center is a system too, but the reader must know the change came from there, not from the bot.
  if (actor.kind === 'system') return actor.id === PARTNER_CENTER_ACTOR.id ? tr.t('partnerCenter.title') : tr.t('actor.system');
  return actor.name.trim() ? oneLine(actor.name, chars) : tr.t('actor.unnamed');
}

/** Names in a list, on one line: the first `shown` and how many more; "—" for none. */
export function listLine(names: readonly string[], tr: Translator, shown = 10, nameChars = NAME_SHOWN): string {
  if (names.length === 0) return tr.t('referral.none');
  const items = names.slice(0, shown).map((n) => oneLine(n, nameChars)).join(', ');
  return names.length <= shown ? items : tr.t('card.listMore', { items, count: names.length - shown });
}

export function customerLine(customer: Deal['customer'], tr: Translator): string {
  const country = countryName(customer.country, tr.reader);
  const place = customer.city ? tr.t('referral.cityInCountry', { city: name(customer.city), country }) : country;
  return tr.t('referral.customerWithPlace', { name: name(customer.name), place });
}

/** "Qualified · 20 %", "Customer engaged · 20 %", or the status alone where no percentage applies. */
export function stageLine(deal: Deal, tr: Translator): string {
  const percent = stagePercent(deal);
  if (percent === undefined) return tr.tk(`status.${deal.status}`);
  const stage =
    deal.status === 'won'
      ? tr.t('stage.won')
      : deal.assessment
        ? deal.assessmentStage
          ? tr.tk(`assessmentStage.${deal.assessmentStage}`)
          : tr.t('stage.created')
        : tr.tk(`stage.${deal.salesStage ?? 'created'}`);
  return tr.t('deal.stageWithPercent', { stage, percent });
}

export function typeLine(deal: Deal, tr: Translator): string {
  const type = tr.tk(`dealType.${dealType(deal)}`);
  const direction = tr.tk(`direction.${deal.direction}`);
  const sender = deal.inbound?.sender.organizationName;
  return sender ? tr.t('deal.typeLineFrom', { direction, type, sender: name(sender) }) : tr.t('deal.typeLine', { direction, type });
}

/**
 * How long is left to answer a referral, in the one wording every card uses for it (the referral and
 * reminder cards, the lists, the deal card, the digest): `formatCountdown`.
 */
export function timeToRespond(deal: Deal, tr: Translator, now: DateTime): string {
  return deal.inbound ? formatCountdown(deal.inbound.expiresAt, now, tr) : '';
}

/**
 * What is due next, for the lists: the time left to respond to a received referral, days to the
 * close date of an open deal; nothing for a closed one (its status says it all).
 */
export function dueLine(deal: Deal, tr: Translator, now: DateTime, today: string): string {
  if (deal.status === 'received' && deal.inbound) return timeToRespond(deal, tr, now);
  if (deal.status !== 'open') return '';
  if (deal.closeDate < today) return tr.t('deal.list.closeDatePassed');
  const startOfCloseDay = DateTime.fromISO(deal.closeDate, { zone: tr.reader.timeZone }).startOf('day').toISO() as string;
  return tr.t('deal.list.toClose', { days: daysUntil(startOfCloseDay, now) });
}

/** The calendar day of an instant where the reader is. */
const dayOf = (instant: string, tr: Translator): string => formatDate(todayFor({ now: DateTime.fromMillis(instantMillis(instant)), zone: tr.reader.timeZone }), tr.reader);

/** Who answers for a deal now: who accepted or created it, or the colleague a referral was handed to. */
function ownerOf(deal: Deal): Actor | undefined {
  if (deal.response?.action === 'accepted') return deal.response.by;
  if (deal.direction === 'outbound') return deal.createdBy;
  return deal.status === 'received' && deal.heldBy ? { kind: 'user', name: deal.heldBy.name } : undefined;
}

/**
 * What tells apart deals that share a name: the short id (`deal 7Q2K9M` opens it), when it was
 * received or created, and who answers for it — "Deal 7Q2K9M · received Nov 20, 2026 · accepted by Ana".
 */
export function identityLine(deal: Deal, tr: Translator): string {
  const owner = ownerOf(deal);
  const params = { id: shortDealId(deal.id), name: owner ? actorName(owner, tr) : '' };
  if (deal.direction === 'outbound') return tr.t('deal.identity.created', { ...params, date: dayOf(deal.createdAt, tr) });
  const date = dayOf(deal.inbound?.receivedAt ?? deal.createdAt, tr);
  if (deal.response?.action === 'accepted') return tr.t('deal.identity.accepted', { ...params, date });
  if (deal.response?.action === 'declined') return tr.t('deal.identity.declined', { ...params, date, name: actorName(deal.response.by, tr) });
  if (deal.status === 'received' && deal.heldBy) return tr.t('deal.identity.held', { ...params, date });
  return tr.t('deal.identity.received', { ...params, date });
}

export function valueLine(deal: Pick<Deal, 'value'>, tr: Translator): string {
  return formatMoney(deal.value, tr.reader);
}

/** One line of the stage history: what happened, in the reader's words. */
export function historyText(entry: HistoryEntry, tr: Translator): string {
  const detail = oneLine(entry.detail ?? '', 400);
  switch (entry.event) {
    case 'stage':
      return tr.t('deal.history.stage', { stage: tr.tk(`stage.${entry.stage ?? ''}`) });
    case 'assessmentStage':
      return tr.t('deal.history.assessmentStage', { stage: tr.tk(`assessmentStage.${entry.stage ?? ''}`) });
    case 'declined':
      return tr.t('deal.history.declined', { reason: tr.tk(`declineReason.${detail || 'other'}`) });
    case 'lost':
      return detail ? tr.t('deal.history.lostBecause', { reason: detail }) : tr.t('deal.history.lost');
    case 'edited':
      return tr.t('deal.history.edited', { fields: editedFields(detail, tr) });
    case 'microsoftInvited':
      return tr.t('deal.history.microsoftInvited', { help: tr.tk(`helpKind.${detail}`) });
    case 'microsoftResponded':
      return tr.tk(`deal.history.microsoft.${detail}`);
    case 'partnerInvited':
      return tr.t('deal.history.partnerInvited', { partner: detail });
    case 'partnerResponded':
      return tr.t('deal.history.partnerResponded', { status: tr.tk(`invitationStatus.${detail}`).toLowerCase() });
    case 'registration':
      return tr.t('deal.history.registration', { status: tr.tk(`registrationStatus.${entry.stage ?? 'submitted'}`) }) + (detail ? ` — ${detail}` : '');
    default:
      return tr.tk(`deal.history.${entry.event}`);
  }
}

function editedFields(detail: string, tr: Translator): string {
  return detail
    .split(',')
    .filter(Boolean)
    .map((f) => (f.startsWith('invitation:') ? tr.t('deal.field.invitation', { partner: f.slice('invitation:'.length) }) : tr.tk(`deal.field.${f}`)))
    .join(', ');
}
