import { clampLimit, decodeToken, encodeToken } from '../pagination';
import type { CardCopy, CardCopyRepository, ConversationRecord, ConversationRepository, Page, PageRequest } from '../ports';
import type { Db, GroupCommit } from './db';

export class SqliteConversations implements ConversationRepository {
  private readonly stmts;

  constructor(
    db: Db,
    private readonly writer: GroupCommit,
  ) {
    this.stmts = {
      get: db.prepare<[string, string], { doc: string }>('SELECT doc FROM conversations WHERE tenant_id = ? AND conversation_id = ?'),
      put: db.prepare(
        `INSERT INTO conversations (tenant_id, conversation_id, user_id, scope, doc) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (tenant_id, conversation_id) DO UPDATE SET user_id = excluded.user_id, scope = excluded.scope, doc = excluded.doc`,
      ),
      remove: db.prepare('DELETE FROM conversations WHERE tenant_id = ? AND conversation_id = ?'),
      personal: db.prepare<[string, string], { doc: string }>(
        `SELECT doc FROM conversations WHERE tenant_id = ? AND user_id = ? AND scope = 'personal' ORDER BY conversation_id LIMIT 1`,
      ),
      page: db.prepare<[string, string, number], { doc: string; conversation_id: string }>(
        `SELECT doc, conversation_id FROM conversations WHERE tenant_id = ? AND conversation_id > ? ORDER BY conversation_id LIMIT ?`,
      ),
    };
  }

  async get(tenantId: string, conversationId: string): Promise<ConversationRecord | undefined> {
    const row = this.stmts.get.get(tenantId, conversationId);
    return row ? (JSON.parse(row.doc) as ConversationRecord) : undefined;
  }

  async put(record: ConversationRecord): Promise<void> {
    await this.writer.run(() => this.stmts.put.run(record.tenantId, record.conversationId, record.userId ?? null, record.scope, JSON.stringify(record)));
  }

  async remove(tenantId: string, conversationId: string): Promise<void> {
    await this.writer.run(() => this.stmts.remove.run(tenantId, conversationId));
  }

  async findPersonal(tenantId: string, userId: string): Promise<ConversationRecord | undefined> {
    const row = this.stmts.personal.get(tenantId, userId);
    return row ? (JSON.parse(row.doc) as ConversationRecord) : undefined;
  }

  async listByTenant(tenantId: string, page: PageRequest): Promise<Page<ConversationRecord>> {
    const limit = clampLimit(page.limit);
    const after = decodeToken(page.continuationToken) ?? [''];
    const rows = this.stmts.page.all(tenantId, String(after[0]), limit + 1);
    const items = rows.slice(0, limit).map((r) => JSON.parse(r.doc) as ConversationRecord);
    const last = rows[limit - 1];
    return rows.length > limit && last ? { items, continuationToken: encodeToken([last.conversation_id]) } : { items };
  }
}

export class SqliteCardCopies implements CardCopyRepository {
  private readonly stmts;

  constructor(
    db: Db,
    private readonly writer: GroupCommit,
  ) {
    this.stmts = {
      add: db.prepare('INSERT OR IGNORE INTO card_copies (tenant_id, conversation_id, activity_id, deal_id, doc) VALUES (?, ?, ?, ?, ?)'),
      list: db.prepare<[string, string], { doc: string }>('SELECT doc FROM card_copies WHERE tenant_id = ? AND deal_id = ? ORDER BY rowid'),
      removeConversation: db.prepare('DELETE FROM card_copies WHERE tenant_id = ? AND conversation_id = ?'),
      put: db.prepare(
        `INSERT INTO card_copies (tenant_id, conversation_id, activity_id, deal_id, doc) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (tenant_id, conversation_id, activity_id) DO UPDATE SET deal_id = excluded.deal_id, doc = excluded.doc`,
      ),
      remove: db.prepare('DELETE FROM card_copies WHERE tenant_id = ? AND conversation_id = ? AND activity_id = ?'),
    };
  }

  async add(copy: CardCopy): Promise<void> {
    await this.writer.run(() => this.stmts.add.run(copy.tenantId, copy.conversationId, copy.activityId, copy.dealId, JSON.stringify(copy)));
  }

  async listForDeal(tenantId: string, dealId: string): Promise<CardCopy[]> {
    return this.stmts.list.all(tenantId, dealId).map((r) => JSON.parse(r.doc) as CardCopy);
  }

  async replace(message: { tenantId: string; conversationId: string; activityId: string }, copy: CardCopy | undefined): Promise<void> {
    await this.writer.run(() =>
      copy
        ? this.stmts.put.run(message.tenantId, message.conversationId, message.activityId, copy.dealId, JSON.stringify({ ...copy, ...message }))
        : this.stmts.remove.run(message.tenantId, message.conversationId, message.activityId),
    );
  }

  async removeConversation(tenantId: string, conversationId: string): Promise<void> {
    await this.writer.run(() => this.stmts.removeConversation.run(tenantId, conversationId));
  }
}
