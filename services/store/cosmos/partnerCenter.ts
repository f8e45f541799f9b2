import { z } from 'zod';
import { PartnerCenterConnection } from '../../domain/model';
import { clampLimit, decodeToken, encodeToken } from '../pagination';
import {
  AlreadyExistsError,
  ConflictError,
  NotFoundError,
  type Page,
  type PageRequest,
  type PartnerCenterConnectionRepository,
  type Stored,
} from '../ports';
import type { Collection } from './collection';

/*
 * A tenant's Partner Center connection is one more document in the directory container (partitioned
 * by tenant), beside its organization and members: no container to create, and the directory's
 * `type` index serves the poll's list. Its state is not indexed (the container keeps its indexing
 * policy), so the list filters on `type` and leaves disconnected ones out as it reads.
 */

const CONNECTION_ID = 'partner-center-connection';
const TYPE = 'partnerCenterConnection';
const ConnectionDoc = z.object({ connection: PartnerCenterConnection, _etag: z.string() });

export class CosmosPartnerCenterConnections implements PartnerCenterConnectionRepository {
  constructor(private readonly items: Collection) {}

  private toDocument(connection: PartnerCenterConnection) {
    return { id: CONNECTION_ID, tenantId: connection.tenantId, type: TYPE, connection };
  }

  private read(raw: unknown): Stored<PartnerCenterConnection> {
    const doc = ConnectionDoc.parse(raw);
    return { value: doc.connection, etag: doc._etag };
  }

  async get(tenantId: string): Promise<Stored<PartnerCenterConnection> | undefined> {
    const raw = await this.items.read(CONNECTION_ID, tenantId);
    return raw ? this.read(raw) : undefined;
  }

  async create(connection: PartnerCenterConnection): Promise<Stored<PartnerCenterConnection>> {
    const value = PartnerCenterConnection.parse(connection);
    const created = await this.items.create(this.toDocument(value));
    if (!created) throw new AlreadyExistsError('partnerCenterConnection', value.tenantId);
    return this.read(created);
  }

  async update(connection: PartnerCenterConnection, ifMatch: string): Promise<Stored<PartnerCenterConnection>> {
    const value = PartnerCenterConnection.parse(connection);
    const replaced = await this.items.replace(this.toDocument(value), value.tenantId, ifMatch);
    if (replaced === 'conflict') throw new ConflictError('partnerCenterConnection', value.tenantId);
    if (replaced === 'missing') throw new NotFoundError('partnerCenterConnection', value.tenantId);
    return this.read(replaced.doc);
  }

  /** Across partitions: background work (the poll), a few documents per organization at most. */
  async listActive(page: PageRequest): Promise<Page<Stored<PartnerCenterConnection>>> {
    const limit = clampLimit(page.limit);
    const after = String(decodeToken(page.continuationToken)?.[0] ?? '');
    const found = await this.items.all({
      query: `SELECT * FROM c WHERE c.type = @type AND c.tenantId > @after ORDER BY c.tenantId`,
      parameters: [
        { name: '@type', value: TYPE },
        { name: '@after', value: after },
      ],
    });
    const all = found.map((raw) => this.read(raw));
    const active = all.filter((c) => c.value.state !== 'disconnected');
    const items = active.slice(0, limit);
    const last = items[limit - 1];
    return active.length > limit && last ? { items, continuationToken: encodeToken([last.value.tenantId]) } : { items };
  }
}
