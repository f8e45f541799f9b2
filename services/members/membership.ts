import { isoInstant, type Clock } from '../clock';
import { authorizeRoleChange, isAdmin } from '../domain/visibility';
import { CountryCode, type Member, type Organization, type ReaderTally, type Role } from '../domain/model';
import { ok, refuse, type Result } from '../domain/result';
import type { Reader } from '../i18n';
import { nextDigest } from '../notifications/digest';
import type { Effects } from '../notifications/effects';
import { AlreadyExistsError, ConflictError, type ConversationRecord, type Store, type Stored } from '../store/ports';
import { decideReader, EMPTY_TALLY, needsUsual, tallied, usualOf, type Heard } from './readers';

/** How long an organization's usual reader is reused before it is read again (other processes move it too). */
const USUAL_READER_TTL_MS = 5 * 60_000;
/** An organization with more members is counted from its first ones: enough to know its usual language. */
const COUNTED_MEMBERS = 1000;

/** Location scopes as given (codes, any case), each once; the first that is no country refuses them all. */
function parseScopes(raw: readonly string[]): Result<string[]> {
  const scopes: string[] = [];
  for (const value of raw) {
    const parsed = CountryCode.safeParse(value);
    if (!parsed.success) return refuse('invalid_location_scope', { value });
    if (!scopes.includes(parsed.data)) scopes.push(parsed.data);
  }
  return ok(scopes);
}

/** What the bot learns about a person when they install it or write to it. */
export interface Presence {
  readonly tenantId: string;
  /** Entra object id. */
  readonly userId: string;
  readonly name: string;
  readonly email?: string;
  readonly locale?: string;
  readonly timeZone?: string;
}

export interface MembershipDeps {
  readonly store: Store;
  readonly clock: Clock;
  /** What a member's install and settings cause (hand-over of waiting referrals, digests). */
  readonly effects: Effects;
  /** REFERRAL_ADMINS, lower-cased object ids or emails; empty: the first member of a tenant to install the bot personally becomes its admin. */
  readonly configuredAdmins: readonly string[];
}

/** How the bot met a person on this turn. */
export interface Sighting {
  /** The conversation the turn came from; a personal one means the bot is installed for them. */
  readonly conversation?: ConversationRecord;
  /** This turn installs the bot in the person's personal scope (see Membership). */
  readonly personalInstall?: boolean;
  /** Asked only for a member the bot has not met yet. */
  readonly lookupEmail?: () => Promise<string | undefined>;
}

/**
 * Who the bot knows: organizations (one per Entra tenant), their members and roles, and the
 * conversations it can reach them in. Roles: the members named in REFERRAL_ADMINS are referral admins
 * with global scope (the configuration is the source of truth for them); when none are named, the
 * first member of a tenant to install the bot in personal scope becomes its global admin — not the
 * first one seen: someone who only @mentions the bot in a channel cannot be reached in a personal chat,
 * so new referrals, which go to admins only, would reach nobody. Everyone else starts as a referral
 * user with no location scope, and an admin grants scopes from the members card.
 */
export class Membership {
  /** Each organization's usual reader, for a few minutes: a fan-out to members never heard from asks once. */
  private readonly usualReaders = new Map<string, { readonly usual: Heard; readonly until: number }>();

  constructor(private readonly deps: MembershipDeps) {}

  isConfiguredAdmin(p: Pick<Presence, 'userId' | 'email'>): boolean {
    const admins = this.deps.configuredAdmins;
    return admins.includes(p.userId.toLowerCase()) || (p.email !== undefined && admins.includes(p.email.toLowerCase()));
  }

  /**
   * The bot was installed for this person, or they wrote to it or clicked a card: keep organization,
   * member and conversation current (the serviceUrl can change between messages). Reads first and
   * writes only what changed.
   */
  async observe(presence: Presence, sighting: Sighting = {}): Promise<Member> {
    const { store } = this.deps;
    const { conversation, lookupEmail } = sighting;
    if (conversation) {
      const known = await store.conversations.get(conversation.tenantId, conversation.conversationId);
      if (!known || known.serviceUrl !== conversation.serviceUrl || known.userId !== conversation.userId || known.bot.id !== conversation.bot.id) {
        await store.conversations.put(conversation);
      }
    }
    const installedHere = conversation?.scope === 'personal';
    const existing = await store.members.get(presence.tenantId, presence.userId);
    if (installedHere && !existing?.value.installed) {
      // Queued before the member is written: a crash in between leaves an item that finds them not
      // installed and does nothing, never an install whose hand-over was lost.
      await store.outbox.enqueue([this.deps.effects.handover(presence.tenantId, presence.userId, isoInstant(this.deps.clock.now()))]);
    }
    let member: Member;
    if (existing) {
      member = await this.ensureMember(presence, installedHere, existing);
    } else {
      const email = presence.email ?? (await lookupEmail?.().catch(() => undefined));
      const full = { ...presence, ...(email ? { email } : {}) };
      await this.ensureOrganization(full);
      member = await this.ensureMember(full, installedHere);
    }
    return sighting.personalInstall ? this.settleFirstAdmin(member) : member;
  }

  /**
   * Without REFERRAL_ADMINS, a tenant's first personal install decides its first admin, once, across
   * processes: the installer becomes a global admin unless a global admin already has the bot
   * installed. A tenant whose only global admins never installed (made so by being seen first, before
   * this rule) thus gets a reachable one; they keep their role, the new admin can change it.
   */
  private async settleFirstAdmin(member: Member): Promise<Member> {
    const { store, clock, configuredAdmins } = this.deps;
    if (configuredAdmins.length > 0) return member;
    if (!(await store.members.claimFirstAdmin(member.tenantId, member.userId, isoInstant(clock.now())))) return member;
    return (await store.members.get(member.tenantId, member.userId))?.value ?? member;
  }

  /** The conversation can no longer be reached (uninstalled, or Teams answered 403/404): forget it and its cards. */
  async conversationGone(tenantId: string, conversationId: string): Promise<void> {
    const record = await this.deps.store.conversations.get(tenantId, conversationId);
    await this.deps.store.conversations.remove(tenantId, conversationId);
    await this.deps.store.cardCopies.removeConversation(tenantId, conversationId);
    if (record?.scope === 'personal' && record.userId) await this.setInstalled(tenantId, record.userId, false);
  }

  private async ensureOrganization(presence: Presence): Promise<void> {
    const { store, clock } = this.deps;
    if (await store.organizations.get(presence.tenantId)) return;
    const now = isoInstant(clock.now());
    const org: Organization = {
      tenantId: presence.tenantId,
      // Teams does not tell a bot its tenant's display name; the email domain is a readable start an admin can change.
      name: presence.email?.split('@')[1] ?? presence.tenantId,
      solutions: [],
      assessmentVetted: false,
      readers: EMPTY_TALLY,
      createdAt: now,
      updatedAt: now,
    };
    try {
      await store.organizations.create(org);
    } catch (err) {
      if (!(err instanceof AlreadyExistsError)) throw err;
    }
  }

  private async ensureMember(presence: Presence, installedHere: boolean, known?: Stored<Member>): Promise<Member> {
    const { store, clock } = this.deps;
    for (let attempt = 0; attempt < 5; attempt++) {
      const existing = attempt === 0 && known ? known : await store.members.get(presence.tenantId, presence.userId);
      if (existing) {
        const updated = this.refreshed(existing.value, presence, installedHere);
        if (updated === existing.value) return existing.value;
        let saved: Member;
        try {
          saved = (await store.members.update(updated, existing.etag)).value;
        } catch (err) {
          if (err instanceof ConflictError) continue;
          throw err;
        }
        await this.recount(saved.tenantId, existing.value, saved);
        return saved;
      }
      const now = isoInstant(clock.now());
      const fresh: Member = {
        tenantId: presence.tenantId,
        userId: presence.userId,
        name: presence.name,
        email: presence.email,
        role: this.isConfiguredAdmin(presence) ? 'globalAdmin' : 'user',
        locationScopes: [],
        locale: presence.locale,
        timeZone: presence.timeZone,
        installed: installedHere,
        joinedAt: now,
        updatedAt: now,
      };
      let created: Member;
      try {
        created = (await store.members.create(fresh)).value;
      } catch (err) {
        if (!(err instanceof AlreadyExistsError)) throw err;
        continue;
      }
      await this.recount(created.tenantId, {}, created);
      return created;
    }
    throw new Error(`could not record member ${presence.userId}: too many concurrent changes`);
  }

  /** The member with what this presence says, or the same object when nothing changed (no write then). */
  private refreshed(member: Member, p: Presence, installedHere: boolean): Member {
    const role: Role = this.isConfiguredAdmin(p) ? 'globalAdmin' : member.role;
    const next: Member = {
      ...member,
      name: p.name || member.name,
      email: p.email ?? member.email,
      locale: p.locale ?? member.locale,
      timeZone: p.timeZone ?? member.timeZone,
      installed: member.installed || installedHere,
      role,
    };
    const same =
      next.name === member.name &&
      next.email === member.email &&
      next.locale === member.locale &&
      next.timeZone === member.timeZone &&
      next.installed === member.installed &&
      next.role === member.role;
    return same ? member : { ...next, updatedAt: isoInstant(this.deps.clock.now()) };
  }

  /**
   * Which language and zone `member` reads (decideReader): what this turn `heard` from them, what they
   * said last, what most of their organization uses (read only when needed), English and UTC.
   * `member` undefined: someone the bot does not know yet, e.g. the admins of an organization a
   * referral was answered for.
   */
  async readerFor(tenantId: string, member: Pick<Member, 'locale' | 'timeZone'> | undefined, heard: Heard = {}): Promise<Reader> {
    return decideReader(heard, member, needsUsual(heard, member) ? await this.usualReader(tenantId) : {});
  }

  /**
   * The locale and zone most of an organization's members use, from the tally kept on the organization.
   * An organization from before the tally was kept gets one counted from its members, once.
   */
  private async usualReader(tenantId: string): Promise<Heard> {
    const now = this.deps.clock.now().toMillis();
    const cached = this.usualReaders.get(tenantId);
    if (cached && cached.until > now) return cached.usual;
    const org = await this.deps.store.organizations.get(tenantId);
    const tally = org && (org.value.readers ?? (await this.countReaders(org)));
    const usual = usualOf(tally);
    if (this.usualReaders.size >= 1000) this.usualReaders.clear();
    this.usualReaders.set(tenantId, { usual, until: now + USUAL_READER_TTL_MS });
    return usual;
  }

  /**
   * Count what the organization's members use (at most COUNTED_MEMBERS of them) and keep it on the
   * organization unless it changed meanwhile: from then on the tally is kept as members change.
   */
  private async countReaders(org: Stored<Organization>): Promise<ReaderTally> {
    const { store, clock } = this.deps;
    let tally = EMPTY_TALLY;
    let seen = 0;
    let token: string | undefined;
    do {
      const page = await store.members.list(org.value.tenantId, { limit: 100, continuationToken: token });
      for (const { value } of page.items) tally = tallied(tally, {}, value);
      seen += page.items.length;
      token = page.continuationToken;
    } while (token && seen < COUNTED_MEMBERS);
    try {
      await store.organizations.update({ ...org.value, readers: tally, updatedAt: isoInstant(clock.now()) }, org.etag);
    } catch (err) {
      // Someone else changed the organization: counting again next time costs less than a wrong count.
      if (!(err instanceof ConflictError)) throw err;
    }
    return tally;
  }

  /**
   * A member's locale or zone changed: move their count in the organization's tally. Not counted while
   * the organization has no tally (it is counted from the members when first needed). A crash between
   * the member's write and this one leaves the tally one off: it picks the usual reader, not anyone's.
   */
  private async recount(tenantId: string, before: Heard, after: Heard): Promise<void> {
    if (before.locale === after.locale && before.timeZone === after.timeZone) return;
    const { store, clock } = this.deps;
    for (let attempt = 0; attempt < 5; attempt++) {
      const org = await store.organizations.get(tenantId);
      if (!org?.value.readers) return;
      const readers = tallied(org.value.readers, before, after);
      try {
        await store.organizations.update({ ...org.value, readers, updatedAt: isoInstant(clock.now()) }, org.etag);
        this.usualReaders.delete(tenantId);
        return;
      } catch (err) {
        if (!(err instanceof ConflictError)) throw err;
      }
    }
  }

  /** Keep the phone a member gave on a deal team, to prefill their next form; writes only when it changed. */
  async rememberPhone(member: Member, phone: string): Promise<void> {
    if (member.phone === phone) return;
    for (let attempt = 0; attempt < 3; attempt++) {
      const stored = await this.deps.store.members.get(member.tenantId, member.userId);
      if (!stored || stored.value.phone === phone) return;
      try {
        await this.deps.store.members.update({ ...stored.value, phone, updatedAt: isoInstant(this.deps.clock.now()) }, stored.etag);
        return;
      } catch (err) {
        if (!(err instanceof ConflictError)) throw err;
      }
    }
  }

  private async setInstalled(tenantId: string, userId: string, installed: boolean): Promise<void> {
    for (let attempt = 0; attempt < 5; attempt++) {
      const stored = await this.deps.store.members.get(tenantId, userId);
      if (!stored || stored.value.installed === installed) return;
      try {
        await this.deps.store.members.update({ ...stored.value, installed, updatedAt: isoInstant(this.deps.clock.now()) }, stored.etag);
        return;
      } catch (err) {
        if (!(err instanceof ConflictError)) throw err;
      }
    }
  }

  /**
   * An admin changes a member's role and location scopes. Members named in REFERRAL_ADMINS keep their
   * global role (the configuration decides for them). The decision is taken on the tenant's roster and
   * on the actor and target as stored after it, and written only if no other role change landed in
   * between: two global admins demoting each other at once cannot leave the organization without one,
   * and an actor whose global role was just taken away cannot use it.
   */
  async changeMember(actor: Member, targetUserId: string, change: { role: Role; locationScopes: readonly string[] }): Promise<Result<Member>> {
    const { store, clock } = this.deps;
    const parsedScopes = parseScopes(change.locationScopes);
    if (!parsedScopes.ok) return parsedScopes;
    const scopes = parsedScopes.value;
    for (let attempt = 0; attempt < 5; attempt++) {
      const roster = await store.members.roster(actor.tenantId);
      const [current, target] = await Promise.all([store.members.get(actor.tenantId, actor.userId), store.members.get(actor.tenantId, targetUserId)]);
      if (!current) return refuse('not_permitted');
      if (!target) return refuse('member_not_found');
      if (this.isConfiguredAdmin(target.value) && change.role !== 'globalAdmin') return refuse('admin_by_configuration');
      const allowed = authorizeRoleChange(current.value, target.value, change.role, roster.globalAdmins);
      if (!allowed.ok) return allowed;
      const updated: Member = { ...target.value, role: change.role, locationScopes: scopes, updatedAt: isoInstant(clock.now()) };
      try {
        return ok((await store.members.changeRole(updated, target.etag, roster.version)).value);
      } catch (err) {
        if (!(err instanceof ConflictError)) throw err;
      }
    }
    return refuse('not_permitted');
  }

  /**
   * Single reminders or one digest a day, as the member chooses. Choosing the digest queues its next
   * one (at 9:00 where they are); the digest keeps queueing the following ones while it is chosen.
   */
  async setReminders(member: Member, mode: 'single' | 'digest'): Promise<Member> {
    const { store, clock, effects } = this.deps;
    if (mode === 'digest') {
      const next = nextDigest(clock.now(), member.timeZone);
      await store.outbox.enqueue([effects.digest(member.tenantId, member.userId, next.day, next.at)]);
    }
    for (let attempt = 0; attempt < 5; attempt++) {
      const stored = await store.members.get(member.tenantId, member.userId);
      if (!stored) return member;
      if ((stored.value.reminders ?? 'single') === mode) return stored.value;
      try {
        return (await store.members.update({ ...stored.value, reminders: mode, updatedAt: isoInstant(clock.now()) }, stored.etag)).value;
      } catch (err) {
        if (!(err instanceof ConflictError)) throw err;
      }
    }
    throw new ConflictError('member', member.userId);
  }

  /**
   * An admin gives a colleague a role and location scopes before the colleague has installed the bot
   * (picked from the tenant's directory, so known by Entra object id only, and perhaps a name). The
   * colleague is recorded as not installed; when they install, presence finds them by that id, keeps
   * what was set, and hands them the referrals waiting that they may see. Someone already known just
   * gets the change. The role goes through changeMember, so it is decided and serialized like any other.
   */
  async provision(actor: Member, userId: string, change: { role: Role; locationScopes: readonly string[]; name?: string; email?: string }): Promise<Result<Member>> {
    const { store, clock } = this.deps;
    if (!(await store.members.get(actor.tenantId, userId))) {
      const now = isoInstant(clock.now());
      const colleague: Member = {
        tenantId: actor.tenantId,
        userId,
        name: change.name ?? '',
        ...(change.email ? { email: change.email } : {}),
        role: this.isConfiguredAdmin({ userId, email: change.email }) ? 'globalAdmin' : 'user',
        locationScopes: [],
        installed: false,
        joinedAt: now,
        updatedAt: now,
      };
      // Decided before anything is written, so a refused change leaves no one behind.
      const scopes = parseScopes(change.locationScopes);
      if (!scopes.ok) return scopes;
      const allowed = authorizeRoleChange(actor, colleague, change.role, (await store.members.roster(actor.tenantId)).globalAdmins);
      if (!allowed.ok) return allowed;
      try {
        await store.members.create(colleague);
      } catch (err) {
        if (!(err instanceof AlreadyExistsError)) throw err;
      }
    }
    return this.changeMember(actor, userId, change);
  }

  /** One page of the tenant's members, for the members card; only admins may list them. */
  async listMembers(actor: Member, continuationToken?: string): Promise<Result<{ members: Stored<Member>[]; continuationToken?: string }>> {
    if (!isAdmin(actor)) return refuse('not_permitted');
    const page = await this.deps.store.members.list(actor.tenantId, { limit: 10, continuationToken });
    return ok({ members: page.items, continuationToken: page.continuationToken });
  }
}
