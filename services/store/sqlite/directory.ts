import { Member, Organization } from '../../domain/model';
import { clampLimit, decodeToken, encodeToken } from '../pagination';
import {
  AlreadyExistsError,
  ConflictError,
  NotFoundError,
  type MemberRepository,
  type OrganizationRepository,
  type Page,
  type PageRequest,
  type RoleRoster,
  type Stored,
} from '../ports';
import { newEtag, type Db, type GroupCommit } from './db';
import { ValidatedDocs } from './validatedDocs';

interface Row {
  etag: string;
  doc: string;
}

export class SqliteOrganizations implements OrganizationRepository {
  private readonly stmts;

  constructor(
    db: Db,
    private readonly writer: GroupCommit,
  ) {
    this.stmts = {
      get: db.prepare<[string], Row>('SELECT etag, doc FROM organizations WHERE tenant_id = ?'),
      insert: db.prepare('INSERT INTO organizations (tenant_id, etag, name_lower, doc) VALUES (?, ?, ?, ?)'),
      update: db.prepare('UPDATE organizations SET etag = ?, name_lower = ?, doc = ? WHERE tenant_id = ? AND etag = ?'),
      search: db.prepare<[string, number], Row>(
        `SELECT etag, doc FROM organizations WHERE name_lower LIKE ? ESCAPE '\\' ORDER BY name_lower, tenant_id LIMIT ?`,
      ),
    };
  }

  private read(row: Row): Stored<Organization> {
    return { value: Organization.parse(JSON.parse(row.doc)), etag: row.etag };
  }

  async get(tenantId: string): Promise<Stored<Organization> | undefined> {
    const row = this.stmts.get.get(tenantId);
    return row ? this.read(row) : undefined;
  }

  async create(org: Organization): Promise<Stored<Organization>> {
    const value = Organization.parse(org);
    const etag = newEtag();
    await this.writer.run(() => {
      try {
        this.stmts.insert.run(value.tenantId, etag, value.name.toLowerCase(), JSON.stringify(value));
      } catch (err) {
        if ((err as { code?: string }).code?.startsWith('SQLITE_CONSTRAINT')) throw new AlreadyExistsError('organization', value.tenantId);
        throw err;
      }
    });
    return { value, etag };
  }

  async update(org: Organization, ifMatch: string): Promise<Stored<Organization>> {
    const value = Organization.parse(org);
    const etag = newEtag();
    await this.writer.run(() => {
      const result = this.stmts.update.run(etag, value.name.toLowerCase(), JSON.stringify(value), value.tenantId, ifMatch);
      if (result.changes === 0) {
        if (!this.stmts.get.get(value.tenantId)) throw new NotFoundError('organization', value.tenantId);
        throw new ConflictError('organization', value.tenantId);
      }
    });
    return { value, etag };
  }

  async searchByName(text: string, limit: number): Promise<Organization[]> {
    const escaped = text.trim().toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`);
    return this.stmts.search.all(`%${escaped}%`, clampLimit(limit)).map((r) => this.read(r).value);
  }
}

export class SqliteMembers implements MemberRepository {
  private readonly stmts;
  private readonly docs = new ValidatedDocs(Member);

  constructor(
    private readonly db: Db,
    private readonly writer: GroupCommit,
  ) {
    this.stmts = {
      get: db.prepare<[string, string], Row>('SELECT etag, doc FROM members WHERE tenant_id = ? AND user_id = ?'),
      byEmail: db.prepare<[string, string], Row>('SELECT etag, doc FROM members WHERE tenant_id = ? AND email_lower = ? ORDER BY user_id LIMIT 1'),
      insert: db.prepare(
        'INSERT INTO members (tenant_id, user_id, etag, email_lower, name_lower, doc) VALUES (@tenantId, @userId, @etag, @email, @name, @doc)',
      ),
      update: db.prepare(
        `UPDATE members SET etag = @etag, email_lower = @email, name_lower = @name, doc = @doc
         WHERE tenant_id = @tenantId AND user_id = @userId AND etag = @ifMatch`,
      ),
      page: db.prepare<[string, string, string, number], Row & { name_lower: string; user_id: string }>(
        `SELECT etag, doc, name_lower, user_id FROM members WHERE tenant_id = ? AND (name_lower, user_id) > (?, ?)
         ORDER BY name_lower, user_id LIMIT ?`,
      ),
      roles: db.prepare<[string], { version: number; first_admin_settled: number }>(
        'SELECT version, first_admin_settled FROM member_roles WHERE tenant_id = ?',
      ),
      moveRoles: db.prepare(
        `INSERT INTO member_roles (tenant_id, version, first_admin_settled) VALUES (@tenantId, @bump, @settled)
         ON CONFLICT (tenant_id) DO UPDATE SET version = version + @bump, first_admin_settled = max(first_admin_settled, @settled)`,
      ),
      // A tenant has few members and role changes are rare: reading the role inside the document is enough.
      globalAdmins: db.prepare<[string], { n: number }>(
        `SELECT COUNT(*) AS n FROM members WHERE tenant_id = ? AND json_extract(doc, '$.role') = 'globalAdmin'`,
      ),
      // A document without `installed` predates it and reads as installed (the schema's default).
      installedGlobalAdmins: db.prepare<[string], { n: number }>(
        `SELECT COUNT(*) AS n FROM members
         WHERE tenant_id = ? AND json_extract(doc, '$.role') = 'globalAdmin' AND coalesce(json_extract(doc, '$.installed'), 1) = 1`,
      ),
    };
  }

  private read(row: Row): Stored<Member> {
    return { value: this.docs.read(row.etag, row.doc), etag: row.etag };
  }

  private columns(member: Member, etag: string) {
    return {
      tenantId: member.tenantId,
      userId: member.userId,
      etag,
      email: member.email?.toLowerCase() ?? null,
      name: member.name.toLowerCase(),
      doc: JSON.stringify(member),
    };
  }

  async get(tenantId: string, userId: string): Promise<Stored<Member> | undefined> {
    const row = this.stmts.get.get(tenantId, userId);
    return row ? this.read(row) : undefined;
  }

  async findByEmail(tenantId: string, email: string): Promise<Stored<Member> | undefined> {
    const row = this.stmts.byEmail.get(tenantId, email.trim().toLowerCase());
    return row ? this.read(row) : undefined;
  }

  async create(member: Member): Promise<Stored<Member>> {
    const value = Member.parse(member);
    const etag = newEtag();
    await this.writer.run(() => {
      try {
        this.stmts.insert.run(this.columns(value, etag));
      } catch (err) {
        if ((err as { code?: string }).code?.startsWith('SQLITE_CONSTRAINT')) throw new AlreadyExistsError('member', value.userId);
        throw err;
      }
    });
    this.docs.wrote(etag);
    return { value, etag };
  }

  async update(member: Member, ifMatch: string): Promise<Stored<Member>> {
    const value = Member.parse(member);
    const etag = newEtag();
    await this.writer.run(() => this.replace(value, etag, ifMatch));
    this.docs.wrote(etag);
    return { value, etag };
  }

  /** Inside the writer's transaction. */
  private replace(value: Member, etag: string, ifMatch: string): void {
    const result = this.stmts.update.run({ ...this.columns(value, etag), ifMatch });
    if (result.changes === 0) {
      if (!this.stmts.get.get(value.tenantId, value.userId)) throw new NotFoundError('member', value.userId);
      throw new ConflictError('member', value.userId);
    }
  }

  private rolesVersion(tenantId: string): string {
    return String(this.stmts.roles.get(tenantId)?.version ?? 0);
  }

  async roster(tenantId: string): Promise<RoleRoster> {
    // One read transaction: the count and the version come from one snapshot, even while another process writes.
    return this.db.transaction(() => ({ globalAdmins: this.stmts.globalAdmins.get(tenantId)!.n, version: this.rolesVersion(tenantId) }))();
  }

  async changeRole(member: Member, ifMatch: string, rosterVersion: string): Promise<Stored<Member>> {
    const value = Member.parse(member);
    const etag = newEtag();
    await this.writer.run(() => {
      if (this.rolesVersion(value.tenantId) !== rosterVersion) throw new ConflictError('roles', value.tenantId);
      this.replace(value, etag, ifMatch);
      this.stmts.moveRoles.run({ tenantId: value.tenantId, bump: 1, settled: 0 });
    });
    this.docs.wrote(etag);
    return { value, etag };
  }

  async claimFirstAdmin(tenantId: string, userId: string, at: string): Promise<boolean> {
    return this.writer.run(() => {
      if (this.stmts.roles.get(tenantId)?.first_admin_settled) return false;
      if (this.stmts.installedGlobalAdmins.get(tenantId)!.n > 0) {
        this.stmts.moveRoles.run({ tenantId, bump: 0, settled: 1 });
        return false;
      }
      const row = this.stmts.get.get(tenantId, userId);
      if (!row) throw new NotFoundError('member', userId);
      this.replace({ ...this.read(row).value, role: 'globalAdmin', updatedAt: at }, newEtag(), row.etag);
      this.stmts.moveRoles.run({ tenantId, bump: 1, settled: 1 });
      return true;
    });
  }

  async list(tenantId: string, page: PageRequest): Promise<Page<Stored<Member>>> {
    const limit = clampLimit(page.limit);
    const after = decodeToken(page.continuationToken) ?? ['', ''];
    const rows = this.stmts.page.all(tenantId, String(after[0]), String(after[1]), limit + 1);
    const items = rows.slice(0, limit).map((r) => this.read(r));
    const last = rows[limit - 1];
    return rows.length > limit && last ? { items, continuationToken: encodeToken([last.name_lower, last.user_id]) } : { items };
  }
}
