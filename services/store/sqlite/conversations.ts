import { clampLimit, decodeToken, encodeToken } from '../pagination';
import type { CardCopy, CardCopyRepository, ConversationRecord, ConversationRepository, Page, PageRequest } from '../ports';
import type { Db } from './db';

export class SqliteConversations implements ConversationRepository {
  private readonly stmts;

  constructor(db: Db) {
    this.stmts = {
      get: db.prepare<[string], { doc: string }>('SELECT doc FROM conversations WHERE conversation_id = ?'),
      put: db.prepare(
        `INSERT INTO conversations (conversation_id, tenant_id, user_id, scope, doc) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (conversation_id) DO UPDATE SET tenant_id = excluded.tenant_id, user_id = excluded.user_id,
           scope = excluded.scope, doc = excluded.doc`,
      ),
      remove: db.prepare('DELETE FROM conversations WHERE conversation_id = ?'),
      personal: db.prepare<[string, string], { doc: string }>(
        `SELECT doc FROM conversations WHERE tenant_id = ? AND user_id = ? AND scope = 'personal' ORDER BY conversation_id LIMIT 1`,
      ),
      page: db.prepare<[string, string, number], { doc: string; conversation_id: string }>(
        `SELECT doc, conversation_id FROM conversations WHERE tenant_id = ? AND conversation_id > ? ORDER BY conversation_id LIMIT ?`,
      ),
    };
  }

  async get(conversationId: string): Promise<ConversationRecord | undefined> {
    const row = this.stmts.get.get(conversationId);
    return row ? (JSON.parse(row.doc) as ConversationRecord) : undefined;
  }

  async put(record: ConversationRecord): Promise<void> {
    this.stmts.put.run(record.conversationId, record.tenantId, record.userId ?? null, record.scope, JSON.stringify(record));
  }

  async remove(conversationId: string): Promise<void> {
    this.stmts.remove.run(conversationId);
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

  constructor(db: Db) {
    this.stmts = {
      add: db.prepare('INSERT OR IGNORE INTO card_copies (conversation_id, activity_id, tenant_id, deal_id, doc) VALUES (?, ?, ?, ?, ?)'),
      list: db.prepare<[string, string], { doc: string }>('SELECT doc FROM card_copies WHERE tenant_id = ? AND deal_id = ? ORDER BY rowid'),
      removeConversation: db.prepare('DELETE FROM card_copies WHERE conversation_id = ?'),
    };
  }

  async add(copy: CardCopy): Promise<void> {
    this.stmts.add.run(copy.conversationId, copy.activityId, copy.tenantId, copy.dealId, JSON.stringify(copy));
  }

  async listForDeal(tenantId: string, dealId: string): Promise<CardCopy[]> {
    return this.stmts.list.all(tenantId, dealId).map((r) => JSON.parse(r.doc) as CardCopy);
  }

  async removeConversation(conversationId: string): Promise<void> {
    this.stmts.removeConversation.run(conversationId);
  }
}
