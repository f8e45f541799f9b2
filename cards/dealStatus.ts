import type { DateTime } from 'luxon';
import type { DealAction } from '../services/domain/actions';
import { isFavorite } from '../services/domain/favorites';
import { DeclineReason, HelpKind, MARKABLE_STAGES, type Deal, type Member } from '../services/domain';
import { registrationEligibility } from '../services/domain/registration';
import { ASSESSMENT_STAGES, completedAssessmentStages, isTerminal, nextAssessmentStage, stagePercent } from '../services/domain/stages';
import { countryName, describeRefusal, formatCountdown, formatDate, formatDateTime, formatMoney, type Translator } from '../services/i18n';
import { renderCompactCard } from './compact';
import { actorName, customerLine, dealCardHead, historyText, identityLine, NAME_SHOWN, solutionLabel, stageLine, timeToRespond, typeLine, STATUS_COLOR, type CardColor } from './dealText';
import { partnerCenterLine } from './partnerCenter';
import type { Fact } from './referral';
import { renderCard, type AdaptiveCardJson } from './render';
import template from './templates/deal-status.json';
import { oneLine, shorten } from './untrusted';

type Color = CardColor;

/** How many history entries and team members the card shows at most (it says when there are more). */
export const HISTORY_SHOWN = 10;
export const TEAM_SHOWN = 10;
const PROGRESS_CELLS = 10;

export interface Choice {
  title: string;
  value: string;
}

/**
 * The deal status card: type and direction, the stage as a progress bar, Microsoft's participation,
 * invited partners, team, solutions, stage history, the registration milestone, and only the actions
 * this viewer may take now (from the domain's allowedActions).
 */
export interface DealStatusCardData {
  dealId: string;
  tenantId: string;
  refreshUserIds: string[];
  notice: string;
  noticeColor: Color;
  typeLine: string;
  title: string;
  /** Short id, when received or created, and who answers for it: tells apart deals that share a name. */
  identity: string;
  status: string;
  statusColor: Color;
  /** The list it was opened from, for "Back to list" ('' list: not opened from one). */
  back: { list: string; filter: string; token: string };
  heart: string;
  /** "Partner Center: synced / waiting to sync / conflict", empty when the deal is not linked to it. */
  partnerCenter: { text: string; color: Color };
  /** What the heart sets when clicked: the opposite of what it shows. */
  heartSets: boolean;
  progress: { show: boolean; label: string; cells: { style: string }[] };
  facts: Fact[];
  notes: string;
  /** An inbound referral's "why you" from its sender. */
  inviteNotes: string;
  microsoft: string;
  partners: { id: string; name: string; status: string; detail: string }[];
  partnersMore: string;
  team: { name: string; contact: string }[];
  teamMore: string;
  solutions: string;
  assessment: { show: boolean; steps: { title: string; state: string }[] };
  history: { when: string; who: string; what: string }[];
  historyMore: string;
  registration: { show: boolean; status: string; note: string };
  closedNote: string;
  /** Says that texts or lists were cut to fit in Teams ('' when nothing was). */
  shortened: string;
  can: {
    respond: boolean;
    stage: boolean;
    assessmentStage: boolean;
    won: boolean;
    lost: boolean;
    edit: boolean;
    inviteMicrosoft: boolean;
    grantView: boolean;
    invitePartners: boolean;
    register: boolean;
    favorite: boolean;
    nextStage: boolean;
    /** The actions a seller uses most, at the top: next stage (or assessment stage), Won, Lost. */
    primaryRow: boolean;
    /** Right under them: Edit, any other stage, and inviting partners. */
    moreRow: boolean;
    microsoftRow: boolean;
  };
  stageChoices: Choice[];
  stageValue: string;
  nextAssessmentStage: string;
  labels: Record<
    | 'microsoft'
    | 'partners'
    | 'team'
    | 'solutions'
    | 'assessment'
    | 'history'
    | 'registration'
    | 'notes'
    | 'inviteNotes'
    | 'shortened'
    | 'tooLarge'
    | 'teamMoreShortened'
    | 'historyShortened'
    | 'partnersShortened'
    | 'nextStage'
    | 'otherStage'
    | 'showMore'
    | 'back'
    | 'stage'
    | 'save'
    | 'completeStage'
    | 'won'
    | 'wonConfirm'
    | 'lost'
    | 'lostConfirm'
    | 'lostReason'
    | 'confirm'
    | 'edit'
    | 'inviteMicrosoft'
    | 'grantView'
    | 'grantViewConfirm'
    | 'invitePartners'
    | 'register'
    | 'editInvitation'
    | 'accept'
    | 'decline',
    string
  >;
}

/**
 * The deal card is where a reader goes for everything a referral card shortened, so it carries the
 * whole deal when it can. When the whole deal is over Teams' limit (two 4,000-character notes in
 * Chinese, 50 solutions, long lists), it shows as much as fits, each version smaller than the one
 * before, and says so; texts cut end in "…".
 */
const SMALLER: readonly { notes: number; lines: number; rows: number; detail: number }[] = [
  { notes: 1500, lines: 20, rows: 10, detail: 300 },
  { notes: 600, lines: 10, rows: 5, detail: 150 },
  { notes: 200, lines: 5, rows: 3, detail: 80 },
];

/** The first `count` paragraphs (one solution each), each at most `chars` long. */
function firstLines(text: string, count: number, chars: number): string {
  const lines = text.split('\n\n').map((line) => shorten(line, chars));
  return (lines.length <= count ? lines : [...lines.slice(0, count), '…']).join('\n\n');
}

function smaller(to: (typeof SMALLER)[number]): (d: DealStatusCardData) => DealStatusCardData {
  return (d) => ({
    ...d,
    shortened: d.labels.shortened,
    facts: d.facts.map((f) => ({ ...f, value: shorten(f.value, to.detail) })),
    notes: shorten(d.notes, to.notes),
    inviteNotes: shorten(d.inviteNotes, to.notes),
    partners: d.partners.slice(0, to.rows).map((p) => ({ ...p, detail: shorten(p.detail, to.detail) })),
    partnersMore: d.partners.length > to.rows ? d.labels.partnersShortened : d.partnersMore,
    team: d.team.slice(0, to.rows),
    teamMore: d.team.length > to.rows ? d.labels.teamMoreShortened : d.teamMore,
    solutions: firstLines(d.solutions, to.lines, to.detail),
    history: d.history.slice(0, to.rows).map((h) => ({ ...h, what: shorten(h.what, to.detail) })),
    historyMore: d.history.length > to.rows ? d.labels.historyShortened : d.historyMore,
    registration: { ...d.registration, note: shorten(d.registration.note, to.detail) },
  });
}

export function renderDealStatusCard(data: DealStatusCardData): AdaptiveCardJson {
  return renderCard(template, data, {
    shrink: SMALLER.map(smaller),
    compact: (d) => renderCompactCard({ header: d.typeLine, title: d.title, message: d.labels.tooLarge }),
  });
}

export interface DealStatusOptions {
  /** What this viewer may do now: `allowedActions(deal, viewer, now)`. */
  readonly allowed: readonly DealAction[];
  /** The reader of a personal copy, for Teams' automatic refresh. */
  readonly refreshFor?: string;
  readonly notice?: { readonly text: string; readonly color: Color };
  /** The list page it was opened from: the card then offers "Back to list". */
  readonly back?: { readonly list: string; readonly filter: string; readonly token?: string };
}

/**
 * Microsoft's part in the reader's words. On a closed deal, an invitation nobody answered is shown
 * as it ended — no countdown to a decision that can no longer come.
 */
function microsoftLine(deal: Deal, tr: Translator, now: DateTime): string {
  const ms = deal.microsoft;
  const help = ms.helpWanted !== 'none' ? tr.tk(`helpKind.${ms.helpWanted}`) : '';
  let line: string;
  switch (ms.status) {
    case 'notInvited':
      line = ms.canView ? tr.t('deal.microsoft.canView') : tr.t('deal.microsoft.notInvited');
      break;
    case 'invited':
      line = isTerminal(deal)
        ? tr.t('deal.microsoft.closedUnanswered', { help })
        : ms.respondBy
        ? tr.t('deal.microsoft.invited', { help, timeLeft: formatCountdown(ms.respondBy, now, tr), until: formatDateTime(ms.respondBy, tr.reader) })
        : tr.t('deal.microsoft.invitedNoWindow', { help });
      break;
    case 'engaged':
      line = deal.inbound?.sender.type === 'Microsoft' ? tr.t('deal.microsoft.sentIt') : tr.t('deal.microsoft.engaged', { help });
      break;
    default:
      line = tr.t('deal.microsoft.status', { status: tr.tk(`microsoftStatus.${ms.status}`) });
  }
  return ms.markedWon ? tr.t('card.twoSentences', { first: line, second: tr.t('deal.microsoft.markedWon') }) : line;
}

function progressOf(deal: Deal, tr: Translator): DealStatusCardData['progress'] {
  const percent = stagePercent(deal);
  if (percent === undefined) return { show: false, label: '', cells: [] };
  const filled = Math.round((percent / 100) * PROGRESS_CELLS);
  return {
    show: true,
    label: stageLine(deal, tr),
    cells: Array.from({ length: PROGRESS_CELLS }, (_, i) => ({ style: i < filled ? 'good' : 'emphasis' })),
  };
}

function factsOf(deal: Deal, tr: Translator, now: DateTime): Fact[] {
  const reader = tr.reader;
  const contact = deal.customer.contacts[0];
  const inbound = deal.inbound;
  return [
    { title: tr.t('referral.fact.customer'), value: customerLine(deal.customer, tr) },
    ...(deal.customer.duns ? [{ title: tr.t('referral.fact.duns'), value: deal.customer.duns }] : []),
    ...(contact?.name || contact?.email ? [{ title: tr.t('referral.fact.customerContact'), value: [contact.name, contact.email, contact.phone].filter(Boolean).map((v) => oneLine(v!, NAME_SHOWN)).join(' · ') }] : []),
    { title: tr.t('deal.fact.location'), value: tr.t('deal.locationFixed', { country: countryName(deal.location, reader) }) },
    { title: tr.t('referral.fact.value'), value: formatMoney(deal.value, reader) },
    { title: tr.t('referral.fact.closeDate'), value: formatDate(deal.closeDate, reader) },
    ...(deal.crmId ? [{ title: tr.t('deal.fact.crmId'), value: oneLine(deal.crmId, NAME_SHOWN) }] : []),
    ...(deal.campaignId ? [{ title: tr.t('deal.fact.campaignId'), value: oneLine(deal.campaignId, NAME_SHOWN) }] : []),
    ...(deal.assessment
      ? [{ title: tr.t('deal.fact.assessment'), value: tr.t('deal.assessmentIn', { type: oneLine(deal.assessment.type, NAME_SHOWN), location: countryName(deal.assessment.location, reader) }) }]
      : []),
    ...(inbound ? [{ title: tr.t('referral.fact.sender'), value: [inbound.sender.name, inbound.sender.organizationName].filter(Boolean).map((n) => oneLine(n!, NAME_SHOWN)).join(', ') }] : []),
    ...(inbound?.inviteContext.helpWanted ? [{ title: tr.t('referral.fact.helpWanted'), value: oneLine(inbound.inviteContext.helpWanted, NAME_SHOWN) }] : []),
    ...(deal.status === 'received' && inbound ? [{ title: tr.t('referral.fact.timeLeft'), value: timeToRespond(deal, tr, now) }] : []),
    { title: tr.t('deal.fact.created'), value: tr.t('deal.createdBy', { when: formatDateTime(deal.createdAt, reader), who: actorName(deal.createdBy, tr) }) },
  ];
}

/** Invited partners; on a closed deal, one that never answered is shown as such rather than still "Pending". */
function partnersOf(deal: Deal, tr: Translator): DealStatusCardData['partners'] {
  const closed = isTerminal(deal);
  return deal.invitations.map((inv) => ({
    id: inv.id,
    name: oneLine(inv.partner.name, NAME_SHOWN),
    status: closed && inv.status === 'pending' ? tr.t('deal.partner.closedUnanswered') : tr.tk(`invitationStatus.${inv.status}`),
    detail: [
      tr.t('deal.partner.share', { value: formatMoney(inv.value, tr.reader), date: formatDate(inv.closeDate, tr.reader) }),
      inv.respondedAt ? tr.t('deal.partner.answered', { when: formatDateTime(inv.respondedAt, tr.reader) }) : '',
      inv.reason ? tr.t('deal.partner.reason', { reason: DeclineReason.safeParse(inv.reason).success ? tr.tk(`declineReason.${inv.reason}`) : oneLine(inv.reason, NAME_SHOWN) }) : '',
      inv.partner.tenantId ? '' : tr.t('deal.partner.outside'),
    ]
      .filter(Boolean)
      .join(' · '),
  }));
}

function registrationOf(deal: Deal, tr: Translator): DealStatusCardData['registration'] {
  const reg = deal.registration;
  if (reg) {
    const d = reg.details;
    const contract = d ? { date: formatDate(d.contractSignedOn, tr.reader), solutions: d.solutions.join(', ') } : undefined;
    const details = !d || !contract ? '' : d.contractReference ? tr.t('deal.register.detailsWithReference', { ...contract, reference: d.contractReference }) : tr.t('deal.register.details', contract);
    const validated = reg.status === 'validated' ? tr.t('deal.register.validated') : '';
    return {
      show: true,
      status: tr.t('deal.registration.status', { status: tr.tk(`registrationStatus.${reg.status}`), when: formatDateTime(reg.updatedAt, tr.reader) }),
      note: [validated, details, reg.note ?? ''].filter(Boolean).join('\n\n'),
    };
  }
  if (deal.status === 'won' && registrationEligibility(deal).eligible) return { show: true, status: tr.t('deal.registration.eligible'), note: '' };
  return { show: false, status: '', note: '' };
}

/** Build the card for one reader: their language, time zone, and what they may do now. */
export function dealStatusCardData(deal: Deal, viewer: Member, tr: Translator, now: DateTime, options: DealStatusOptions): DealStatusCardData {
  const allowed = new Set(options.allowed);
  const reader = tr.reader;
  const next = nextAssessmentStage(deal);
  const done = new Set(completedAssessmentStages(deal));
  const history = deal.history.slice(-HISTORY_SHOWN).reverse();
  const closed = isTerminal(deal);
  const nextStage = MARKABLE_STAGES.find((s) => (stagePercent({ status: 'open', salesStage: s }) ?? 0) > (stagePercent(deal) ?? 0));
  const can = {
    respond: allowed.has('accept'),
    stage: allowed.has('markStage'),
    assessmentStage: allowed.has('completeAssessmentStage') && next !== undefined,
    won: allowed.has('markWon'),
    lost: allowed.has('markLost'),
    edit: allowed.has('edit'),
    inviteMicrosoft: allowed.has('inviteMicrosoft'),
    grantView: allowed.has('grantMicrosoftView'),
    invitePartners: allowed.has('invitePartners'),
    register: allowed.has('register'),
    favorite: allowed.has('favorite'),
  };
  return {
    ...dealCardHead(deal, options),
    typeLine: typeLine(deal, tr),
    title: deal.name,
    identity: identityLine(deal, tr),
    status: tr.tk(`status.${deal.status}`),
    statusColor: STATUS_COLOR[deal.status],
    back: { list: options.back?.list ?? '', filter: options.back?.filter ?? '', token: options.back?.token ?? '' },
    heart: isFavorite(deal, viewer.userId) ? tr.t('deal.favorite.on') : tr.t('deal.favorite.off'),
    heartSets: !isFavorite(deal, viewer.userId),
    partnerCenter: partnerCenterLine(deal, tr),
    progress: progressOf(deal, tr),
    facts: factsOf(deal, tr, now),
    notes: deal.notes ?? '',
    inviteNotes: deal.inbound?.inviteContext.notes ?? '',
    microsoft: microsoftLine(deal, tr, now),
    partners: partnersOf(deal, tr),
    partnersMore: '',
    team: deal.team.slice(0, TEAM_SHOWN).map((t) => ({ name: oneLine(t.name, NAME_SHOWN), contact: [t.email, t.phone].join(' · ') })),
    teamMore: deal.team.length > TEAM_SHOWN ? tr.t('deal.teamMore', { count: deal.team.length - TEAM_SHOWN }) : deal.team.length === 0 ? tr.t('deal.teamEmpty') : '',
    solutions: deal.solutions.map((s) => solutionLabel(s, tr)).join('\n\n') || tr.t('referral.none'),
    assessment: {
      show: Boolean(deal.assessment),
      steps: ASSESSMENT_STAGES.map((s) => ({
        title: tr.tk(`assessmentStage.${s}`),
        state: done.has(s) ? tr.t('deal.assessment.done') : closed ? tr.t('deal.assessment.notDone') : s === next ? tr.t('deal.assessment.next') : tr.t('deal.assessment.todo'),
      })),
    },
    history: history.map((h) => ({ when: formatDateTime(h.at, reader), who: actorName(h.by, tr), what: historyText(h, tr) })),
    historyMore: deal.history.length > HISTORY_SHOWN ? tr.t('deal.historyMore', { shown: HISTORY_SHOWN, total: deal.history.length }) : '',
    registration: registrationOf(deal, tr),
    closedNote: isTerminal(deal) ? describeRefusal({ code: 'deal_closed', params: { status: deal.status } }, tr) : '',
    shortened: '',
    can: {
      ...can,
      nextStage: can.stage && nextStage !== undefined,
      primaryRow: (can.stage && nextStage !== undefined) || can.assessmentStage || can.won || can.lost,
      // Edit leads the second row: four buttons in one row do not fit Teams' width in French.
      moreRow: can.edit || can.stage || can.invitePartners,
      microsoftRow: can.inviteMicrosoft || can.grantView,
    },
    stageChoices: MARKABLE_STAGES.map((s) => ({ title: tr.t('deal.stageChoice', { stage: tr.tk(`stage.${s}`), percent: stagePercent({ status: 'open', salesStage: s }) ?? 0 }), value: s })),
    stageValue: nextStage ?? MARKABLE_STAGES[0]!,
    nextAssessmentStage: next ?? '',
    labels: {
      microsoft: tr.t('deal.section.microsoft'),
      partners: tr.t('deal.section.partners'),
      team: tr.t('deal.section.team'),
      solutions: tr.t('deal.section.solutions'),
      assessment: tr.t('deal.section.assessment'),
      history: tr.t('deal.section.history'),
      registration: tr.t('deal.section.registration'),
      notes: tr.t('referral.notes'),
      inviteNotes: tr.t('referral.inviteNotes'),
      shortened: tr.t('deal.shortened'),
      tooLarge: tr.t('deal.tooLarge'),
      teamMoreShortened: tr.t('deal.teamMoreShortened'),
      historyShortened: tr.t('deal.historyShortened'),
      partnersShortened: tr.t('deal.partnersShortened'),
      nextStage: nextStage ? tr.t('deal.action.nextStage', { stage: tr.tk(`stage.${nextStage}`) }) : '',
      otherStage: tr.t('deal.action.otherStage'),
      showMore: tr.t('deal.action.showMore'),
      back: tr.t('deal.action.backToList'),
      stage: tr.t('deal.action.stage'),
      save: tr.t('deal.action.save'),
      completeStage: next ? tr.t('deal.action.completeStage', { stage: tr.tk(`assessmentStage.${next}`) }) : '',
      won: tr.t('deal.action.won'),
      wonConfirm: tr.t('deal.action.wonConfirm'),
      lost: tr.t('deal.action.lost'),
      lostConfirm: tr.t('deal.action.lostConfirm'),
      lostReason: tr.t('deal.action.lostReason'),
      confirm: tr.t('deal.action.confirm'),
      edit: tr.t('deal.action.edit'),
      inviteMicrosoft: tr.t('deal.action.inviteMicrosoft'),
      grantView: tr.t('deal.action.grantView'),
      grantViewConfirm: tr.t('deal.action.grantViewConfirm'),
      invitePartners: tr.t('deal.action.invitePartners'),
      register: tr.t('deal.action.register'),
      editInvitation: tr.t('deal.invitation.edit'),
      accept: tr.t('referral.accept'),
      decline: tr.t('referral.decline'),
    },
  };
}

/** The kinds of help a seller may ask of Microsoft, default first. */
export function helpChoices(tr: Translator): Choice[] {
  return HelpKind.options.map((value) => ({ value, title: tr.tk(`helpKind.${value}`) }));
}
