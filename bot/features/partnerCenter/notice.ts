import { renderNoticeCard } from '../../../cards/notice';
import { ADAPTIVE_CARD_CONTENT_TYPE } from '../../../cards/render';
import { readerOf, translator } from '../../../services/i18n';
import type { HandlerOutcome, OutboxHandler } from '../../../services/outbox/dispatcher';
import { backoffMs } from '../../../services/outbox/backoff';
import type { NoticePayload } from '../../../services/partnerCenter/connections';
import type { OutboxRecord, Store } from '../../../services/store/ports';
import type { Logger } from '../../logger';
import { ConnectorError, type BotConnector } from '../../teams/connector';

/**
 * pc.notice: tell the admin who connected Partner Center, in their personal chat, that it needs them
 * (a new sign-in). One message per need, so it is sent without the card pacing; a chat that is gone
 * leaves the state on `partner center` for any admin to see.
 */
export class PartnerCenterNoticeSender implements OutboxHandler {
  constructor(private readonly deps: { readonly store: Store; readonly connector: BotConnector; readonly logger: Logger }) {}

  async handle(item: OutboxRecord): Promise<HandlerOutcome> {
    const p = item.payload as unknown as NoticePayload;
    const { store, connector, logger } = this.deps;
    const conversation = await store.conversations.findPersonal(p.tenantId, p.userId);
    if (!conversation) {
      logger.warn('partner center notice: the admin has no personal chat with the bot', { tenantId: p.tenantId, userId: p.userId });
      return { kind: 'done' };
    }
    const member = (await store.members.get(p.tenantId, p.userId))?.value;
    const tr = translator(readerOf(member?.locale, member?.timeZone));
    const title = tr.t('partnerCenter.notice.signInAgainTitle');
    const card = renderNoticeCard({ title, message: tr.t('partnerCenter.notice.signInAgain'), color: 'Attention' });
    try {
      await connector.send(conversation.serviceUrl, conversation.conversationId, { type: 'message', summary: title, attachments: [{ contentType: ADAPTIVE_CARD_CONTENT_TYPE, content: card }] });
      return { kind: 'done' };
    } catch (err) {
      if (!(err instanceof ConnectorError)) throw err;
      const retryable = err.status === undefined || err.status === 429 || err.status >= 500;
      return retryable && item.attempts < 20 ? { kind: 'retry', afterMs: backoffMs(item.attempts, 2000, 15 * 60_000), error: err.message } : { kind: 'dead', error: err.message };
    }
  }
}
