import { z } from 'zod';
import { Member, Organization } from '../../domain/model';
import { clampLimit, decodeToken, encodeToken } from '../pagination';
import {
  AlreadyExistsError,
  ConflictError,
  NotFoundError,
  StoreUnavailableError,
  type MemberRepository,
  type OrganizationRepository,
  type Page,
  type PageRequest,
  type RoleRoster,
  type Stored,
} from '../ports';
import type { Collection } from './collection';
import { docId } from './ids';

/*
 * The directory container, partitioned by tenant, holds per tenant: one organization document, one
 * document per member, and the roles document that serializes role changes (see CosmosMembers).
 */

const ORGANIZATION_ID = 'organization';
const ROLES_ID = 'roles';
/** The roster version of a tenant that has no roles document yet (Cosmos DB etags are never empty). */
const NO_ROLES = '';

const OrganizationDoc = z.object({ organization: Organization, _etag: z.string() });
const MemberDoc = z.object({ member: Member, _etag: z.string() });
/** What a role change writes into the member document. */
const RoleChange = Member.pick({ userId: true, role: true, locationScopes: true, updatedAt: true });
type RoleChange = z.infer<typeof RoleChange>;
/** `change`: the tenant's latest role change, recorded here before it is written into the member document. */
const RolesDoc = z.object({ firstAdminSettled: z.boolean(), change: RoleChange.nullable(), _etag: z.string() });
type RolesDoc = z.infer<typeof RolesDoc>;

const memberId = (userId: string) => docId('member', userId);
const carries = (member: Member, change: RoleChange) =>
  member.role === change.role && member.locationScopes.join() === change.locationScopes.join();

export class CosmosOrganizations implements OrganizationRepository {
  constructor(private readonly items: Collection) {}

  private toDocument(org: Organization) {
    return { id: ORGANIZATION_ID, tenantId: org.tenantId, type: 'organization', organization: org, nameLower: org.name.toLowerCase() };
  }

  private read(raw: unknown): Stored<Organization> {
    const doc = OrganizationDoc.parse(raw);
    return { value: doc.organization, etag: doc._etag };
  }

  async get(tenantId: string): Promise<Stored<Organization> | undefined> {
    const raw = await this.items.read(ORGANIZATION_ID, tenantId);
    return raw ? this.read(raw) : undefined;
  }

  async create(org: Organization): Promise<Stored<Organization>> {
    const value = Organization.parse(org);
    const created = await this.items.create(this.toDocument(value));
    if (!created) throw new AlreadyExistsError('organization', value.tenantId);
    return this.read(created);
  }

  async update(org: Organization, ifMatch: string): Promise<Stored<Organization>> {
    const value = Organization.parse(org);
    const replaced = await this.items.replace(this.toDocument(value), value.tenantId, ifMatch);
    if (replaced === 'conflict') throw new ConflictError('organization', value.tenantId);
    if (replaced === 'missing') throw new NotFoundError('organization', value.tenantId);
    return this.read(replaced.doc);
  }

  /** Across tenants by nature (partner search); not on a card-action path. */
  async searchByName(text: string, limit: number): Promise<Organization[]> {
    const found = await this.items.all({
      query: `SELECT TOP ${clampLimit(limit)} * FROM c WHERE c.type = 'organization' AND CONTAINS(c.nameLower, @text) ORDER BY c.nameLower, c.tenantId`,
      parameters: [{ name: '@text', value: text.trim().toLowerCase() }],
    });
    return found.map((raw) => this.read(raw).value);
  }
}

/**
 * Role changes are serialized per tenant by the roles document, without transactional batches (the test
 * server's are not atomic): a change is first recorded in it by a replace conditional on the etag the
 * decision was taken on (the roster's version), then written into the member document. A second change
 * decided on the same roster is refused (412), so two admins demoting each other cannot both succeed.
 * Between the two writes the member document still holds the old role: a demotion leaves one more
 * global admin than decided for a moment, never fewer, and a promotion takes effect a moment later. If
 * the writer dies there, the change stays recorded, and whoever reads the roster next finishes it before
 * counting, so every decision is taken on finished changes. The first-admin claim is a role change
 * recorded the same way, with the tenant marked settled in the same replace.
 */
export class CosmosMembers implements MemberRepository {
  constructor(private readonly items: Collection) {}

  private toDocument(member: Member) {
    return {
      id: memberId(member.userId),
      tenantId: member.tenantId,
      type: 'member',
      member,
      userId: member.userId,
      nameLower: member.name.toLowerCase(),
      emailLower: member.email?.trim().toLowerCase() ?? null,
    };
  }

  private read(raw: unknown): Stored<Member> {
    const doc = MemberDoc.parse(raw);
    return { value: doc.member, etag: doc._etag };
  }

  async get(tenantId: string, userId: string): Promise<Stored<Member> | undefined> {
    const raw = await this.items.read(memberId(userId), tenantId);
    return raw ? this.read(raw) : undefined;
  }

  async findByEmail(tenantId: string, email: string): Promise<Stored<Member> | undefined> {
    const [raw] = await this.items.all(
      {
        query: `SELECT TOP 1 * FROM c WHERE c.tenantId = @tenantId AND c.type = 'member' AND c.emailLower = @email ORDER BY c.userId`,
        parameters: [
          { name: '@tenantId', value: tenantId },
          { name: '@email', value: email.trim().toLowerCase() },
        ],
      },
      { partitionKey: tenantId },
    );
    return raw ? this.read(raw) : undefined;
  }

  async create(member: Member): Promise<Stored<Member>> {
    const value = Member.parse(member);
    const created = await this.items.create(this.toDocument(value));
    if (!created) throw new AlreadyExistsError('member', value.userId);
    return this.read(created);
  }

  async update(member: Member, ifMatch: string): Promise<Stored<Member>> {
    const value = Member.parse(member);
    const replaced = await this.items.replace(this.toDocument(value), value.tenantId, ifMatch);
    if (replaced === 'conflict') throw new ConflictError('member', value.userId);
    if (replaced === 'missing') throw new NotFoundError('member', value.userId);
    return this.read(replaced.doc);
  }

  async roster(tenantId: string): Promise<RoleRoster> {
    const roles = await this.finishedRoles(tenantId);
    return { globalAdmins: await this.countGlobalAdmins(tenantId, false), version: roles?._etag ?? NO_ROLES };
  }

  async changeRole(member: Member, ifMatch: string, rosterVersion: string): Promise<Stored<Member>> {
    const value = Member.parse(member);
    const stored = await this.get(value.tenantId, value.userId);
    if (!stored) throw new NotFoundError('member', value.userId);
    if (stored.etag !== ifMatch) throw new ConflictError('member', value.userId);
    const roles = await this.readRoles(value.tenantId);
    if ((roles?._etag ?? NO_ROLES) !== rosterVersion) throw new ConflictError('roles', value.tenantId);
    const change = RoleChange.parse(value);
    const recorded = await this.recordRoles(value.tenantId, rosterVersion, roles?.firstAdminSettled ?? false, change);
    if (!recorded) throw new ConflictError('roles', value.tenantId);
    // Recorded: from here on the change happens, by this writer or by the next reader of the roster.
    const replaced = await this.items.replace(this.toDocument(value), value.tenantId, ifMatch);
    if (typeof replaced === 'object') return this.read(replaced.doc);
    await this.finish(value.tenantId, change, recorded);
    const written = await this.get(value.tenantId, value.userId);
    if (!written) throw new NotFoundError('member', value.userId);
    return written;
  }

  async claimFirstAdmin(tenantId: string, userId: string, at: string): Promise<boolean> {
    for (let attempt = 0; attempt < 5; attempt++) {
      const roles = await this.finishedRoles(tenantId);
      if (roles?.firstAdminSettled) return false;
      const version = roles?._etag ?? NO_ROLES;
      if ((await this.countGlobalAdmins(tenantId, true)) > 0) {
        if (await this.recordRoles(tenantId, version, true, null)) return false;
        continue;
      }
      const stored = await this.get(tenantId, userId);
      if (!stored) throw new NotFoundError('member', userId);
      const change: RoleChange = { userId, role: 'globalAdmin', locationScopes: stored.value.locationScopes, updatedAt: at };
      const recorded = await this.recordRoles(tenantId, version, true, change);
      if (!recorded) continue;
      const replaced = await this.items.replace(this.toDocument({ ...stored.value, ...change }), tenantId, stored.etag);
      if (replaced === 'conflict') await this.finish(tenantId, change, recorded);
      return true;
    }
    throw new ConflictError('roles', tenantId);
  }

  private async readRoles(tenantId: string): Promise<RolesDoc | undefined> {
    const raw = await this.items.read(ROLES_ID, tenantId);
    return raw ? RolesDoc.parse(raw) : undefined;
  }

  /** The roles document, with the change it records finished. */
  private async finishedRoles(tenantId: string): Promise<RolesDoc | undefined> {
    const roles = await this.readRoles(tenantId);
    if (roles?.change) await this.finish(tenantId, roles.change, roles._etag);
    return roles;
  }

  /** Replace the roles document if it is still at `version` (create it for NO_ROLES); its new etag, or undefined when another change got there first. */
  private async recordRoles(tenantId: string, version: string, firstAdminSettled: boolean, change: RoleChange | null): Promise<string | undefined> {
    const doc = { id: ROLES_ID, tenantId, type: 'roles', firstAdminSettled, change };
    if (version === NO_ROLES) {
      const created = await this.items.create(doc);
      return created ? RolesDoc.parse(created)._etag : undefined;
    }
    const replaced = await this.items.replace(doc, tenantId, version);
    return typeof replaced === 'object' ? RolesDoc.parse(replaced.doc)._etag : undefined;
  }

  /**
   * Write a recorded change into the member document, unless it is there already or a later change was
   * recorded since (`recorded` is no longer the roles document's etag): the author of that later change
   * finished this one before recording its own. The member is read before the roles document, so a
   * later change that lands in between also changes the member's etag and this replace is refused.
   */
  private async finish(tenantId: string, change: RoleChange, recorded: string): Promise<void> {
    for (let attempt = 0; attempt < 10; attempt++) {
      const stored = await this.get(tenantId, change.userId);
      if (!stored || carries(stored.value, change)) return;
      if ((await this.readRoles(tenantId))?._etag !== recorded) return;
      const replaced = await this.items.replace(this.toDocument({ ...stored.value, ...change }), tenantId, stored.etag);
      if (replaced !== 'conflict') return;
    }
    throw new StoreUnavailableError(`the role change of member ${change.userId} could not be finished: too many concurrent writes`);
  }

  /** `installedOnly`: those the bot can reach; a document without `installed` predates it and reads as installed. */
  private async countGlobalAdmins(tenantId: string, installedOnly: boolean): Promise<number> {
    const [count] = await this.items.all(
      {
        query: `SELECT VALUE COUNT(1) FROM c WHERE c.tenantId = @tenantId AND c.type = 'member' AND c.member.role = 'globalAdmin'
                ${installedOnly ? 'AND (NOT IS_DEFINED(c.member.installed) OR c.member.installed = true)' : ''}`,
        parameters: [{ name: '@tenantId', value: tenantId }],
      },
      { partitionKey: tenantId },
    );
    return Number(count ?? 0);
  }

  async list(tenantId: string, page: PageRequest): Promise<Page<Stored<Member>>> {
    const limit = clampLimit(page.limit);
    const after = decodeToken(page.continuationToken);
    const found = await this.items.all(
      {
        query: `SELECT TOP ${limit + 1} * FROM c WHERE c.tenantId = @tenantId AND c.type = 'member'
                ${after ? 'AND (c.nameLower > @afterName OR (c.nameLower = @afterName AND c.userId > @afterId))' : ''}
                ORDER BY c.nameLower, c.userId`,
        parameters: [
          { name: '@tenantId', value: tenantId },
          ...(after ? [{ name: '@afterName', value: after[0]! }, { name: '@afterId', value: after[1]! }] : []),
        ],
      },
      { partitionKey: tenantId },
    );
    const items = found.slice(0, limit).map((raw) => this.read(raw));
    const last = items[limit - 1]?.value;
    return found.length > limit && last ? { items, continuationToken: encodeToken([last.name.toLowerCase(), last.userId]) } : { items };
  }
}
