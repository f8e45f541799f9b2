import type { Deal, DealDirection, Member, Organization, PartnerCenterConnection } from '../domain/model';
import type { FiguresRead } from '../domain/pipeline';
import type { SearchStage } from '../domain/search';
import type { Offer } from '../domain/offers';

/*
 * What the bot needs from storage, in domain words. Two implementations exist (embedded SQLite and
 * Azure Cosmos DB); both pass test/store/contract.ts. Conventions:
 * - not found is `undefined`; a stale etag is a thrown ConflictError, never a silent overwrite;
 * - every value read is parsed with the domain's zod schema, so both stores return the same shape;
 * - lists are pages `{ items, continuationToken? }`; pass the token back for the next page.
 */

/** A value with the etag of the stored version; pass the etag back to update it. */
export interface Stored<T> {
  readonly value: T;
  readonly etag: string;
}

export interface Page<T> {
  readonly items: T[];
  readonly continuationToken?: string;
}

export interface PageRequest {
  /** 1..200; stores clamp to that range. */
  readonly limit: number;
  readonly continuationToken?: string;
}

/** The stored version changed since it was read (optimistic concurrency). Reload, re-apply, retry. */
export class ConflictError extends Error {
  override readonly name = 'ConflictError';
  constructor(readonly entity: string, readonly key: string) {
    super(`${entity} ${key} was changed by someone else`);
  }
}

/** A create found the key already taken. */
export class AlreadyExistsError extends Error {
  override readonly name = 'AlreadyExistsError';
  constructor(readonly entity: string, readonly key: string) {
    super(`${entity} ${key} already exists`);
  }
}

/** An update named a record that is not there. */
export class NotFoundError extends Error {
  override readonly name = 'NotFoundError';
  constructor(readonly entity: string, readonly key: string) {
    super(`${entity} ${key} not found`);
  }
}

/**
 * The store is overloaded or unreachable for now; retry later. A read did not happen; a write may
 * have happened (its outcome is unknown), so reload before retrying it.
 */
export class StoreUnavailableError extends Error {
  override readonly name = 'StoreUnavailableError';
  constructor(message: string, readonly retryAfterMs?: number, options?: { cause?: unknown }) {
    super(message, options);
  }
}

// ---------- outbox ----------

/**
 * Work that must happen because a change was committed: a Teams message, a card update, a status
 * event to the sender. Written atomically with the change that causes it (see DealRepository) and
 * processed at least once by a worker holding a lease. `id` is deterministic for its cause, so
 * enqueueing the same item twice keeps one.
 */
export interface OutboxItem {
  readonly id: string;
  readonly kind: string;
  readonly tenantId: string;
  /** Items with the same key are throttled together (e.g. one Teams conversation). */
  readonly key?: string;
  readonly payload: Readonly<Record<string, unknown>>;
  /** Earliest time to process it (ISO instant); defaults to now. */
  readonly availableAt?: string;
}

export interface OutboxRecord extends OutboxItem {
  readonly status: 'pending' | 'done' | 'dead';
  readonly availableAt: string;
  readonly attempts: number;
  readonly lastError?: string;
  readonly createdAt: string;
  readonly updatedAt: string;
}

/** An item handed to one worker until `leaseUntil`; after that another worker may take it. */
export interface OutboxLease {
  readonly item: OutboxRecord;
  readonly owner: string;
  readonly leaseUntil: string;
}

/**
 * Items a worker asks the store to leave where they are: those with this key, or of this tenant, that
 * became available before `availableBefore` — all of them when it is absent. A worker whose
 * pacing holds a conversation or a tenant for a while skips its backlog, so one chat's queue never
 * fills the claims that other chats' items are waiting for.
 */
export type ClaimSkip = ({ readonly key: string } | { readonly tenantId: string }) & { readonly availableBefore?: string };

export interface ClaimOptions {
  /** Only these kinds. */
  readonly kinds?: readonly string[];
  readonly skip?: readonly ClaimSkip[];
}

export interface OutboxRepository {
  /** Add items; an id already present (in any status) is left as it is. */
  enqueue(items: readonly OutboxItem[]): Promise<void>;
  /**
   * Take up to `limit` pending items available at `now` and not leased by a live lease, oldest
   * first, leasing each to `owner` for `leaseMs`. Two workers never hold the same item at once.
   */
  claim(owner: string, now: string, limit: number, leaseMs: number, options?: ClaimOptions): Promise<OutboxLease[]>;
  /**
   * Extend a lease by `leaseMs` from `now`, if nobody else took the item since it was leased (even
   * when it ran out meanwhile). Returns the new lease, or undefined when it was lost.
   */
  renew(lease: OutboxLease, now: string, leaseMs: number): Promise<OutboxLease | undefined>;
  /**
   * Put the item back untouched, available again at `availableAt`: not an attempt (the count and the
   * last error stay as they are). For work a worker did not start: paced to later, or shutting down.
   * False when the lease was lost.
   */
  release(lease: OutboxLease, availableAt: string, now: string): Promise<boolean>;
  /** Done. Ignored (false) when the lease was lost to another worker. */
  complete(lease: OutboxLease, now: string): Promise<boolean>;
  /** Try again at `availableAt`; `attempts` counts up. False when the lease was lost. */
  retry(lease: OutboxLease, availableAt: string, error: string, now: string): Promise<boolean>;
  /** Give up for good (kept for inspection). False when the lease was lost. */
  fail(lease: OutboxLease, error: string, now: string): Promise<boolean>;
  get(id: string): Promise<OutboxRecord | undefined>;
  /** Counts by status, for health and benchmarks. */
  counts(): Promise<{ pending: number; done: number; dead: number }>;
  /**
   * Drop done and dead items last updated before `before`; returns how many. Enqueue stays idempotent
   * for as long as an item is kept, so keep them longer than any cause can be retried.
   */
  purge(before: string): Promise<number>;
}

// ---------- deals ----------

export interface DealQuery {
  readonly direction?: DealDirection;
  /** true: not terminal; false: terminal only. */
  readonly open?: boolean;
  /** Only deals this user marked with the heart. */
  readonly favoriteOf?: string;
  /**
   * A referral user's view: only deals whose location is one of these and whose team lists this
   * user (by id or email). Admins pass no restriction.
   */
  readonly restrictTo?: { readonly locations: readonly string[]; readonly userId: string; readonly email?: string };
  /** Only deals at this stage (domain/search.ts searchStageOf: an open deal's sales stage, else its status). */
  readonly stage?: SearchStage;
  /** Only deals whose close date is on or before this day (yyyy-MM-dd). */
  readonly closeBy?: string;
  /** Only referrals answered (accepted or declined) at or after this instant. */
  readonly respondedSince?: string;
}

/**
 * Deals by their search keys (domain/search.ts dealSearchKeys): one group of keys per typed word; a
 * deal matches a group when it holds any key of it. `all`: every group matches; `any`: one at least.
 */
export interface KeyQuery {
  readonly groups: readonly (readonly string[])[];
  readonly mode: 'all' | 'any';
}

export interface WriteOptions {
  /** Work to record atomically with this write. */
  readonly outbox?: readonly OutboxItem[];
}

export interface DealRepository {
  get(tenantId: string, id: string): Promise<Stored<Deal> | undefined>;
  /** Throws AlreadyExistsError when (tenantId, id) exists; nothing is written then, outbox included. */
  create(deal: Deal, options?: WriteOptions): Promise<Stored<Deal>>;
  /**
   * Replace the deal if its stored etag is still `ifMatch`, together with `options.outbox`; throws
   * ConflictError (nothing written) otherwise, NotFoundError when it is gone.
   */
  update(deal: Deal, ifMatch: string, options?: WriteOptions): Promise<Stored<Deal>>;
  /** Newest first (by createdAt, then id). */
  list(tenantId: string, query: DealQuery, page: PageRequest): Promise<Page<Stored<Deal>>>;
  /** Deals whose name contains `text` (case-insensitive), or whose id is `text`; newest first. */
  search(tenantId: string, text: string, query: DealQuery, limit: number): Promise<Stored<Deal>[]>;
  /**
   * Deals holding the keys asked for, newest first, at most `limit`. Served by an index of the keys, so
   * its cost grows with the deals that hold them, not with the deals stored. Deals written before the
   * stores kept keys are found once `indexOlderDeals` has run.
   */
  searchByKeys(tenantId: string, keys: KeyQuery, query: DealQuery, limit: number): Promise<Stored<Deal>[]>;
  /**
   * The pipeline's few fields of the deals matching `query`, newest first, at most `limit`
   * (`truncated` when more were left): read without the rest of each deal.
   */
  figures(tenantId: string, query: DealQuery, limit: number): Promise<FiguresRead>;
  /**
   * Give search keys to the deals written before the store kept them (or by an older scheme). Run in the
   * background after start-up until `complete`; `stopped` is asked between batches. Harmless to repeat.
   */
  indexOlderDeals(stopped?: () => boolean): Promise<{ rewritten: number; complete: boolean }>;
  /**
   * Deals of every tenant with `dueAt <= before`, soonest first. Served by an index on dueAt, so its
   * cost grows with the number due, not the number stored.
   */
  listDue(before: string, page: PageRequest): Promise<Page<Stored<Deal>>>;
}

// ---------- organizations and members ----------

export interface OrganizationRepository {
  get(tenantId: string): Promise<Stored<Organization> | undefined>;
  create(org: Organization): Promise<Stored<Organization>>;
  update(org: Organization, ifMatch: string): Promise<Stored<Organization>>;
  /** Organizations whose name contains `text` (case-insensitive), by name; for partner search. */
  searchByName(text: string, limit: number): Promise<Organization[]>;
}

/**
 * A tenant's global admins as of one version of its roles. Every role change of the tenant moves the
 * version, so a decision taken on a roster ("not the last global admin", "the actor is a global
 * admin") still holds when the change names that version.
 */
export interface RoleRoster {
  readonly globalAdmins: number;
  /** Opaque; pass it to changeRole. */
  readonly version: string;
}

export interface MemberRepository {
  get(tenantId: string, userId: string): Promise<Stored<Member> | undefined>;
  findByEmail(tenantId: string, email: string): Promise<Stored<Member> | undefined>;
  create(member: Member): Promise<Stored<Member>>;
  /**
   * Replace the member. Keep the role as read (or grant REFERRAL_ADMINS theirs): an admin's role
   * change goes through changeRole, which serializes it with the tenant's other role changes.
   */
  update(member: Member, ifMatch: string): Promise<Stored<Member>>;
  /** All members of a tenant, by name then id. */
  list(tenantId: string, page: PageRequest): Promise<Page<Stored<Member>>>;
  /**
   * The tenant's roster. Read it before the members a role change is decided on: those reads then
   * reflect every role change up to its version (a change another process left half done is finished
   * first).
   */
  roster(tenantId: string): Promise<RoleRoster>;
  /**
   * Give a member a new role and location scopes, if the member's stored etag is still `ifMatch` and the
   * tenant's roles are still at `rosterVersion`; throws ConflictError (nothing written) otherwise,
   * NotFoundError when the member is gone. Of several changes decided on one roster, across processes,
   * exactly one is written: two admins demoting each other at once cannot both succeed.
   */
  changeRole(member: Member, ifMatch: string, rosterVersion: string): Promise<Stored<Member>>;
  /**
   * Settle, once per tenant, who its first admin is: the member `userId` (already stored, installing the
   * bot in personal scope) becomes a global admin, updated at `at`, when the tenant has no global admin
   * with the bot installed. Only the first call for a tenant decides, whatever process makes it; later
   * calls change nothing. Returns true when this call made the member a global admin. A role change
   * (it moves the roster's version).
   */
  claimFirstAdmin(tenantId: string, userId: string, at: string): Promise<boolean>;
}

// ---------- the organization's own offers ----------

export interface OfferRepository {
  get(tenantId: string, id: string): Promise<Stored<Offer> | undefined>;
  /** Throws AlreadyExistsError when (tenantId, id) exists; nothing is written then, outbox included. */
  create(offer: Offer, options?: WriteOptions): Promise<Stored<Offer>>;
  /**
   * Replace the offer if its stored etag is still `ifMatch`, together with `options.outbox`; throws
   * ConflictError (nothing written) otherwise, NotFoundError when it is gone.
   */
  update(offer: Offer, ifMatch: string, options?: WriteOptions): Promise<Stored<Offer>>;
  /** Delete the offer if its stored etag is still `ifMatch`; ConflictError otherwise, NotFoundError when it is gone. */
  delete(tenantId: string, id: string, ifMatch: string): Promise<void>;
  /** A tenant's offers by name (case-insensitive), then id. */
  list(tenantId: string, page: PageRequest): Promise<Page<Stored<Offer>>>;
  /** Offers of every tenant with `dueAt <= before`, soonest first; from an index, so it costs what is due. */
  listDue(before: string, page: PageRequest): Promise<Page<Stored<Offer>>>;
}

// ---------- Teams conversations and the cards sent into them ----------

export interface ConversationRecord {
  /** The conversation id: our key for it. */
  readonly conversationId: string;
  readonly tenantId: string;
  readonly scope: 'personal' | 'groupChat' | 'team';
  /** For personal chats: the member it belongs to (Entra object id). */
  readonly userId?: string;
  readonly serviceUrl: string;
  readonly channelId: string;
  readonly bot: { readonly id: string; readonly name?: string };
  /** A team's or group chat's name, for the members card. */
  readonly name?: string;
  readonly updatedAt: string;
}

/** Conversations are keyed by (tenant, conversation id): every activity names both, and a store can partition by tenant. */
export interface ConversationRepository {
  get(tenantId: string, conversationId: string): Promise<ConversationRecord | undefined>;
  /** Insert or replace (the serviceUrl can change from one message to the next). */
  put(record: ConversationRecord): Promise<void>;
  remove(tenantId: string, conversationId: string): Promise<void>;
  /** The personal chat with a member, if the bot is installed for them. */
  findPersonal(tenantId: string, userId: string): Promise<ConversationRecord | undefined>;
  listByTenant(tenantId: string, page: PageRequest): Promise<Page<ConversationRecord>>;
}

/** One copy of a deal's card the bot sent, so that every copy can show the new state. */
export interface CardCopy {
  readonly tenantId: string;
  readonly dealId: string;
  readonly conversationId: string;
  readonly activityId: string;
  /** For personal chats: the reader, so the copy can be rendered for them. */
  readonly userId?: string;
  readonly kind: string;
  /** The deal version this copy shows, when known (dealVersion): a refresh to that same version is not sent. */
  readonly version?: string;
  readonly sentAt: string;
}

export interface CardCopyRepository {
  /** Idempotent on (conversationId, activityId). */
  add(copy: CardCopy): Promise<void>;
  listForDeal(tenantId: string, dealId: string): Promise<CardCopy[]>;
  /**
   * What one message shows now that a card action answered in it: a copy of a deal's card (whatever
   * it was a copy of before), or — `undefined` — nothing a deal change should touch.
   */
  replace(message: { tenantId: string; conversationId: string; activityId: string }, copy: CardCopy | undefined): Promise<void>;
  removeConversation(tenantId: string, conversationId: string): Promise<void>;
}

// ---------- idempotency ----------

export interface IdempotencyRepository {
  /**
   * Record `key` with `value` unless it exists and has not expired at `now`. Returns `{ created: true }`
   * for the first caller and `{ created: false, value }` with the first caller's value for every later
   * one. `now` comes from the caller's clock, the same clock `expiresAt` was computed from.
   */
  putIfAbsent<T>(key: string, value: T, expiresAt: string, now: string): Promise<{ created: true } | { created: false; value: T }>;
  /** Replace the value of a key this caller created (e.g. the response once it is known). */
  set<T>(key: string, value: T, expiresAt: string): Promise<void>;
  /** The value of a key that has not expired at `now`. */
  get<T>(key: string, now: string): Promise<T | undefined>;
  /** Drop records that expired before `now`; returns how many. */
  purgeExpired(now: string): Promise<number>;
}

// ---------- bot state ----------

/** A state item; `eTag` '*' or absent overwrites, any other value must match the stored one. */
export interface StateItem {
  eTag?: string;
  [key: string]: unknown;
}

/**
 * botbuilder's `Storage` (dialog and conversation state), declared structurally so the domain side
 * needs no botbuilder import. Semantics follow botbuilder's MemoryStorage: a write whose eTag is set
 * (and not '*') to something other than the stored eTag is refused with an error.
 */
export interface StateStorage {
  read(keys: string[]): Promise<Record<string, StateItem>>;
  write(changes: Record<string, StateItem>): Promise<void>;
  delete(keys: string[]): Promise<void>;
}

// ---------- Partner Center connections ----------

/** One connection per organization (services/partnerCenter); kept when disconnected, for its history. */
export interface PartnerCenterConnectionRepository {
  get(tenantId: string): Promise<Stored<PartnerCenterConnection> | undefined>;
  /** Throws AlreadyExistsError when the tenant has one. */
  create(connection: PartnerCenterConnection): Promise<Stored<PartnerCenterConnection>>;
  /** Replace if the stored etag is still `ifMatch`; ConflictError otherwise, NotFoundError when gone. */
  update(connection: PartnerCenterConnection, ifMatch: string): Promise<Stored<PartnerCenterConnection>>;
  /**
   * Every connection that is not disconnected, across tenants, in pages (by tenant id): the
   * reconciliation poll's work list. Background work only, never on a turn.
   */
  listActive(page: PageRequest): Promise<Page<Stored<PartnerCenterConnection>>>;
}

// ---------- the whole store ----------

export interface Store {
  readonly kind: 'sqlite' | 'cosmos';
  readonly deals: DealRepository;
  readonly offers: OfferRepository;
  readonly organizations: OrganizationRepository;
  readonly members: MemberRepository;
  readonly conversations: ConversationRepository;
  readonly cardCopies: CardCopyRepository;
  readonly outbox: OutboxRepository;
  readonly idempotency: IdempotencyRepository;
  /** botbuilder's Storage for dialog and conversation state, with etag semantics. */
  readonly botState: StateStorage;
  readonly partnerCenter: PartnerCenterConnectionRepository;
  /** Resolves when the store can read and write; rejects otherwise. */
  ping(): Promise<void>;
  close(): Promise<void>;
}
