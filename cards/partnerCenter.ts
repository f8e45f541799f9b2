import type { Deal, PartnerCenterConnection } from '../services/domain/model';
import { formatDateTime, type Translator } from '../services/i18n';
import { syncStateOf } from '../services/partnerCenter/mapping';
import { renderCompactCard } from './compact';
import { noticeFields, type CardColor } from './dealText';
import type { Fact } from './referral';
import { renderCard, type AdaptiveCardJson } from './render';
import template from './templates/partner-center.json';
import { oneLine, shorten } from './untrusted';

/** How many import errors the card lists (the connection keeps up to 20). */
export const ERRORS_SHOWN = 10;

/** The Partner Center connection card: its state, who connected it, the last sync, problems, and Disconnect. */
export interface PartnerCenterCardData {
  tenantId: string;
  notice: string;
  noticeColor: CardColor;
  title: string;
  status: string;
  statusColor: CardColor;
  intro: string;
  facts: Fact[];
  showErrors: boolean;
  errorsTitle: string;
  errors: { line: string }[];
  hint: string;
  canDisconnect: boolean;
  labels: { disconnect: string; disconnectConfirm: string; confirm: string };
  /** The compact card's sentence, when even the shortened card would be too large for Teams. */
  tooLarge: string;
}

export function renderPartnerCenterCard(data: PartnerCenterCardData): AdaptiveCardJson {
  return renderCard(template, data, {
    shrink: [(d) => ({ ...d, errors: d.errors.slice(0, 3) })],
    compact: (d) => renderCompactCard({ title: d.title, message: [d.notice, d.status, d.tooLarge].filter(Boolean).join(' ') }),
  });
}

export interface PartnerCenterViewOptions {
  /** The sentence at the top (the outcome of connect or disconnect). */
  readonly notice?: { readonly text: string; readonly color: CardColor };
  /** The reader may disconnect (a referral admin with global scope) and there is something to disconnect. */
  readonly canDisconnect: boolean;
  /** PARTNER_CENTER_SYNC_SECONDS, for the line about updates without a webhook. */
  readonly syncSeconds: number;
}

const STATE_COLOR: Readonly<Record<PartnerCenterConnection['state'], CardColor>> = { connected: 'Good', needsSignIn: 'Attention', disconnected: 'Default' };

/** Referral ids as Partner Center writes them; anything else in one (it came from outside) is masked. */
const safeId = (id: string) => id.replace(/[^A-Za-z0-9._-]/g, '?').slice(0, 64);

export function partnerCenterCardData(connection: PartnerCenterConnection | undefined, tr: Translator, options: PartnerCenterViewOptions): PartnerCenterCardData {
  const reader = tr.reader;
  const state = connection?.state;
  const facts: Fact[] = [];
  if (connection && state !== 'disconnected') {
    facts.push({ title: tr.t('partnerCenter.fact.connectedBy'), value: oneLine(connection.connectedBy.name || connection.connectedBy.userId, 120) });
    facts.push({ title: tr.t('partnerCenter.fact.connectedAt'), value: formatDateTime(connection.connectedAt, reader) });
    facts.push({ title: tr.t('partnerCenter.fact.lastSync'), value: connection.lastSyncAt ? formatDateTime(connection.lastSyncAt, reader) : tr.t('partnerCenter.never') });
    facts.push({
      title: tr.t('partnerCenter.fact.webhook'),
      value: connection.webhook ? tr.t('partnerCenter.webhook.on') : tr.t('partnerCenter.webhook.off', { minutes: Math.max(1, Math.round(options.syncSeconds / 60)) }),
    });
  }
  if (connection?.lastError) {
    const e = connection.lastError;
    facts.push({ title: tr.t('partnerCenter.fact.lastError'), value: tr.tk(`partnerCenter.error.${e.code}`, { when: formatDateTime(e.at, reader), status: e.status === undefined ? 'none' : String(e.status) }) });
  }
  const errors = (connection?.importErrors ?? []).slice(0, ERRORS_SHOWN).map((e) => ({
    line: tr.t('partnerCenter.importError', { referral: safeId(e.referralId), when: formatDateTime(e.at, reader), reason: shorten(e.reason, 500) }),
  }));
  return {
    tenantId: connection?.tenantId ?? '',
    ...noticeFields(options.notice),
    title: tr.t('partnerCenter.title'),
    status: tr.tk(`partnerCenter.state.${state ?? 'none'}`),
    statusColor: state ? STATE_COLOR[state] : 'Default',
    intro: !connection || state === 'disconnected' ? tr.t('partnerCenter.intro.none') : '',
    facts,
    showErrors: Boolean(connection && state !== 'disconnected'),
    errorsTitle: tr.t('partnerCenter.errorsTitle'),
    errors: errors.length > 0 ? errors : [{ line: tr.t('partnerCenter.noErrors') }],
    hint: state === 'needsSignIn' ? tr.t('partnerCenter.hint.signInAgain') : !connection || state === 'disconnected' ? tr.t('partnerCenter.hint.connect') : '',
    canDisconnect: options.canDisconnect && Boolean(connection) && state !== 'disconnected',
    labels: {
      disconnect: tr.t('partnerCenter.action.disconnect'),
      disconnectConfirm: tr.t('partnerCenter.action.disconnectConfirm'),
      confirm: tr.t('partnerCenter.action.confirm'),
    },
    tooLarge: tr.t('card.tooLarge'),
  };
}

/** The deal's "Partner Center: synced / waiting to sync / conflict" line, or none for a deal not linked to it. */
export function partnerCenterLine(deal: Deal, tr: Translator): { text: string; color: CardColor } {
  const sync = syncStateOf(deal);
  if (!sync) return { text: '', color: 'Default' };
  const when = formatDateTime(sync.at, tr.reader);
  switch (sync.state) {
    case 'synced':
      return { text: tr.t('partnerCenter.line.synced', { when }), color: 'Good' };
    case 'pending':
      return { text: tr.t('partnerCenter.line.pending', { when }), color: 'Warning' };
    case 'conflict':
      return {
        text: tr.tk(`partnerCenter.line.conflict.${sync.conflict?.code ?? 'keptRemote'}`, { when, remoteStatus: sync.conflict?.remoteStatus ?? '' }),
        color: 'Attention',
      };
  }
}
