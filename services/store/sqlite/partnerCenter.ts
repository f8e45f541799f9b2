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
import { newEtag, type Db, type GroupCommit } from './db';

interface Row {
  tenant_id: string;
  etag: string;
  doc: string;
}

export class SqlitePartnerCenterConnections implements PartnerCenterConnectionRepository {
  private readonly stmts;

  constructor(
    db: Db,
    private readonly writer: GroupCommit,
  ) {
    this.stmts = {
      get: db.prepare<[string], Row>('SELECT tenant_id, etag, doc FROM partner_center_connections WHERE tenant_id = ?'),
      insert: db.prepare('INSERT INTO partner_center_connections (tenant_id, etag, active, doc) VALUES (?, ?, ?, ?)'),
      update: db.prepare('UPDATE partner_center_connections SET etag = ?, active = ?, doc = ? WHERE tenant_id = ? AND etag = ?'),
      active: db.prepare<[string, number], Row>(
        'SELECT tenant_id, etag, doc FROM partner_center_connections WHERE active = 1 AND tenant_id > ? ORDER BY tenant_id LIMIT ?',
      ),
    };
  }

  private read(row: Row): Stored<PartnerCenterConnection> {
    return { value: PartnerCenterConnection.parse(JSON.parse(row.doc)), etag: row.etag };
  }

  async get(tenantId: string): Promise<Stored<PartnerCenterConnection> | undefined> {
    const row = this.stmts.get.get(tenantId);
    return row ? this.read(row) : undefined;
  }

  async create(connection: PartnerCenterConnection): Promise<Stored<PartnerCenterConnection>> {
    const value = PartnerCenterConnection.parse(connection);
    const etag = newEtag();
    await this.writer.run(() => {
      try {
        this.stmts.insert.run(value.tenantId, etag, value.state === 'disconnected' ? 0 : 1, JSON.stringify(value));
      } catch (err) {
        if ((err as { code?: string }).code?.startsWith('SQLITE_CONSTRAINT')) throw new AlreadyExistsError('partnerCenterConnection', value.tenantId);
        throw err;
      }
    });
    return { value, etag };
  }

  async update(connection: PartnerCenterConnection, ifMatch: string): Promise<Stored<PartnerCenterConnection>> {
    const value = PartnerCenterConnection.parse(connection);
    const etag = newEtag();
    await this.writer.run(() => {
      const result = this.stmts.update.run(etag, value.state === 'disconnected' ? 0 : 1, JSON.stringify(value), value.tenantId, ifMatch);
      if (result.changes === 0) {
        if (!this.stmts.get.get(value.tenantId)) throw new NotFoundError('partnerCenterConnection', value.tenantId);
        throw new ConflictError('partnerCenterConnection', value.tenantId);
      }
    });
    return { value, etag };
  }

  async listActive(page: PageRequest): Promise<Page<Stored<PartnerCenterConnection>>> {
    const limit = clampLimit(page.limit);
    const after = String(decodeToken(page.continuationToken)?.[0] ?? '');
    const rows = this.stmts.active.all(after, limit + 1);
    const items = rows.slice(0, limit).map((r) => this.read(r));
    const last = rows[limit - 1];
    return rows.length > limit && last ? { items, continuationToken: encodeToken([last.tenant_id]) } : { items };
  }
}
