import { z } from 'zod';
import { clampLimit, decodeToken, encodeToken } from '../pagination';
import type { CardCopy, CardCopyRepository, ConversationRecord, ConversationRepository, Page, PageRequest } from '../ports';
import type { Collection } from './collection';
import { docId } from './ids';

/*
 * The conversations container, partitioned by tenant: conversation records and the deal cards sent
 * into them. Every activity names its tenant, so every lookup stays inside one partition.
 */

const ConversationSchema = z.object({
  conversationId: z.string(),
  tenantId: z.string(),
  scope: z.enum(['personal', 'groupChat', 'team']),
  userId: z.string().optional(),
  serviceUrl: z.string(),
  channelId: z.string(),
  bot: z.object({ id: z.string(), name: z.string().optional() }),
  name: z.string().optional(),
  updatedAt: z.string(),
});
const ConversationDoc = z.object({ record: ConversationSchema });

const CardCopySchema = z.object({
  tenantId: z.string(),
  dealId: z.string(),
  conversationId: z.string(),
  activityId: z.string(),
  userId: z.string().optional(),
  kind: z.string(),
  version: z.string().optional(),
  sentAt: z.string(),
});
const CardCopyDoc = z.object({ copy: CardCopySchema });

const conversationDocId = (conversationId: string) => docId('conversation', conversationId);

export class CosmosConversations implements ConversationRepository {
  constructor(private readonly items: Collection) {}

  async get(tenantId: string, conversationId: string): Promise<ConversationRecord | undefined> {
    const raw = await this.items.read(conversationDocId(conversationId), tenantId);
    return raw ? ConversationDoc.parse(raw).record : undefined;
  }

  async put(record: ConversationRecord): Promise<void> {
    const value = ConversationSchema.parse(record);
    await this.items.upsert({
      id: conversationDocId(value.conversationId),
      tenantId: value.tenantId,
      type: 'conversation',
      conversationId: value.conversationId,
      scope: value.scope,
      userId: value.userId ?? null,
      record: value,
    });
  }

  async remove(tenantId: string, conversationId: string): Promise<void> {
    await this.items.delete(conversationDocId(conversationId), tenantId);
  }

  async findPersonal(tenantId: string, userId: string): Promise<ConversationRecord | undefined> {
    const [raw] = await this.items.all(
      {
        query: `SELECT TOP 1 * FROM c WHERE c.tenantId = @tenantId AND c.type = 'conversation' AND c.scope = 'personal' AND c.userId = @userId
                ORDER BY c.conversationId`,
        parameters: [
          { name: '@tenantId', value: tenantId },
          { name: '@userId', value: userId },
        ],
      },
      { partitionKey: tenantId },
    );
    return raw ? ConversationDoc.parse(raw).record : undefined;
  }

  async listByTenant(tenantId: string, page: PageRequest): Promise<Page<ConversationRecord>> {
    const limit = clampLimit(page.limit);
    const after = decodeToken(page.continuationToken);
    const found = await this.items.all(
      {
        query: `SELECT TOP ${limit + 1} * FROM c WHERE c.tenantId = @tenantId AND c.type = 'conversation'
                ${after ? 'AND c.conversationId > @after' : ''} ORDER BY c.conversationId`,
        parameters: [{ name: '@tenantId', value: tenantId }, ...(after ? [{ name: '@after', value: after[0]! }] : [])],
      },
      { partitionKey: tenantId },
    );
    const items = found.slice(0, limit).map((raw) => ConversationDoc.parse(raw).record);
    const last = items[limit - 1];
    return found.length > limit && last ? { items, continuationToken: encodeToken([last.conversationId]) } : { items };
  }
}

export class CosmosCardCopies implements CardCopyRepository {
  constructor(private readonly items: Collection) {}

  /** A create: the service keeps the first copy of an (conversation, activity) id and refuses the rest. */
  async add(copy: CardCopy): Promise<void> {
    const value = CardCopySchema.parse(copy);
    await this.items.create({
      id: docId('card', value.conversationId, value.activityId),
      tenantId: value.tenantId,
      type: 'cardCopy',
      dealId: value.dealId,
      conversationId: value.conversationId,
      copy: value,
    });
  }

  async replace(message: { tenantId: string; conversationId: string; activityId: string }, copy: CardCopy | undefined): Promise<void> {
    const id = docId('card', message.conversationId, message.activityId);
    if (!copy) {
      await this.items.delete(id, message.tenantId);
      return;
    }
    const value = CardCopySchema.parse({ ...copy, ...message });
    await this.items.upsert({ id, tenantId: value.tenantId, type: 'cardCopy', dealId: value.dealId, conversationId: value.conversationId, copy: value });
  }

  async listForDeal(tenantId: string, dealId: string): Promise<CardCopy[]> {
    const found = await this.items.all(
      {
        query: `SELECT * FROM c WHERE c.tenantId = @tenantId AND c.type = 'cardCopy' AND c.dealId = @dealId`,
        parameters: [
          { name: '@tenantId', value: tenantId },
          { name: '@dealId', value: dealId },
        ],
      },
      { partitionKey: tenantId },
    );
    return found.map((raw) => CardCopyDoc.parse(raw).copy);
  }

  async removeConversation(tenantId: string, conversationId: string): Promise<void> {
    const found = await this.items.all(
      {
        query: `SELECT c.id FROM c WHERE c.tenantId = @tenantId AND c.type = 'cardCopy' AND c.conversationId = @conversationId`,
        parameters: [
          { name: '@tenantId', value: tenantId },
          { name: '@conversationId', value: conversationId },
        ],
      },
      { partitionKey: tenantId },
    );
    const ids = z.array(z.object({ id: z.string() })).parse(found);
    await Promise.all(ids.map(({ id }) => this.items.delete(id, tenantId)));
  }
}
