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
  type Stored,
} from '../ports';
import type { Collection } from './collection';
import { docId } from './ids';

/*
 * The directory container, partitioned by tenant, holds per tenant: one organization document, one
 * document per member, and the first-member marker.
 */

const ORGANIZATION_ID = 'organization';
const FIRST_MEMBER_ID = 'first-member';

const OrganizationDoc = z.object({ organization: Organization, _etag: z.string() });
const MemberDoc = z.object({ member: Member, _etag: z.string() });
/** `member` is the tenant's first member when createFirst wrote the marker, null when create did. */
const FirstMemberDoc = z.object({ member: Member.nullable() });

const memberId = (userId: string) => docId('member', userId);

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

  /**
   * Every member document is written after the tenant's first-member marker exists, so the marker is
   * there as soon as any member is: createFirst only has to create the marker to know it was first.
   */
  async create(member: Member): Promise<Stored<Member>> {
    const value = Member.parse(member);
    if (!(await this.items.read(FIRST_MEMBER_ID, value.tenantId))) {
      await this.items.create({ id: FIRST_MEMBER_ID, tenantId: value.tenantId, type: 'firstMember', member: null });
    }
    const created = await this.items.create(this.toDocument(value));
    if (!created) throw new AlreadyExistsError('member', value.userId);
    return this.read(created);
  }

  /**
   * Exactly one creator of the marker exists per tenant: the service refuses a second create of the
   * same id in a partition (409), whichever process sends it. The marker carries the first member, so
   * when its creator dies before writing the member document, whoever meets the marker next writes it.
   */
  async createFirst(member: Member): Promise<boolean> {
    const value = Member.parse(member);
    for (let attempt = 0; attempt < 5; attempt++) {
      if (await this.items.create({ id: FIRST_MEMBER_ID, tenantId: value.tenantId, type: 'firstMember', member: value })) {
        await this.items.create(this.toDocument(value));
        return true;
      }
      const raw = await this.items.read(FIRST_MEMBER_ID, value.tenantId);
      // Refused, yet not readable: a replica that has not caught up with the create. Ask again.
      if (!raw) continue;
      const first = FirstMemberDoc.parse(raw).member;
      if (first) await this.items.create(this.toDocument(first));
      return first?.userId === value.userId;
    }
    throw new StoreUnavailableError(`the first member of tenant ${value.tenantId} could not be read back`);
  }

  async update(member: Member, ifMatch: string): Promise<Stored<Member>> {
    const value = Member.parse(member);
    const replaced = await this.items.replace(this.toDocument(value), value.tenantId, ifMatch);
    if (replaced === 'conflict') throw new ConflictError('member', value.userId);
    if (replaced === 'missing') throw new NotFoundError('member', value.userId);
    return this.read(replaced.doc);
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
