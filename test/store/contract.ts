import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { DateTime } from 'luxon';
import { createOffer, offerDetailsInput, toggleFavorite, type Deal, type Offer, type PartnerCenterConnection } from '../../services/domain';
import { figuresOf } from '../../services/domain/pipeline';
import { searchStageOf, searchWords, shortDealId, shortIdKey, wordKeys } from '../../services/domain/search';
import {
  AlreadyExistsError,
  ConflictError,
  NotFoundError,
  type OutboxItem,
  type Store,
} from '../../services/store/ports';
import { member, outboundDeal, receivedReferral, seq } from '../support/fixtures';

/**
 * The store contract: every Store implementation must pass this suite unchanged.
 * A harness gives each test a fresh, empty store, the environment a child process needs to open the
 * same store (STORE, DATA_DIR or COSMOS_*), and a way to reopen it.
 */
export interface StoreHandle {
  readonly store: Store;
  readonly env: Record<string, string>;
  reopen(): Promise<Store>;
  dispose(): Promise<void>;
}

export interface StoreHarness {
  fresh(): Promise<StoreHandle>;
}

let counter = 0;
const uniqueTenant = () => `tenant-${process.pid}-${Date.now().toString(36)}-${++counter}`;

function dealIn(tenantId: string, i: number, overrides: Partial<Deal> = {}): Deal {
  const base = outboundDeal();
  const created = DateTime.fromISO('2026-11-01T00:00:00Z').plus({ minutes: i }).toUTC().toISO()!;
  const random = seq(i + 1);
  const id = 'D' + Array.from({ length: 12 }, () => '0123456789ABCDEFGHJKMNPQRSTVWXYZ'[Math.floor(random() * 32)]).join('');
  return { ...base, id, tenantId, name: `Deal ${String(i).padStart(3, '0')}`, createdAt: created, updatedAt: created, ...overrides };
}

function outboxItem(tenantId: string, id: string, extra: Partial<OutboxItem> = {}): OutboxItem {
  return { id, kind: 'teams.send', tenantId, key: 'conv-1', payload: { n: id }, ...extra };
}

const iso = (s: string) => DateTime.fromISO(s).toUTC().toISO()!;

function offerIn(tenantId: string, i: number, overrides: Partial<Offer> = {}): Offer {
  const input = offerDetailsInput('2026-11-20').parse({ name: `Offer ${String(i).padStart(3, '0')}`, offerType: 'saas', listingType: 'transact', liveSince: '2026-10-01' });
  const id = 'O' + String(i).padStart(12, '0');
  const at = { actor: { kind: 'user' as const, id: 'user-adam', name: 'Adam Admin' }, now: DateTime.fromISO('2026-11-01T00:00:00Z').plus({ minutes: i }) };
  return { ...createOffer(id, tenantId, input, at), ...overrides };
}

export function describeStoreContract(name: string, harness: StoreHarness): void {
  describe(`store contract: ${name}`, () => {
    let handle: StoreHandle;
    let store: Store;
    let tenant: string;

    beforeEach(async () => {
      handle = await harness.fresh();
      store = handle.store;
      tenant = uniqueTenant();
    });

    afterEach(async () => {
      await handle.dispose();
    });

    describe('deals', () => {
      it('when a deal is created, then reading it returns the same deal and an etag; an unknown id reads as undefined', async () => {
        const deal = dealIn(tenant, 1);
        const created = await store.deals.create(deal);
        expect(created.etag).toEqual(expect.any(String));
        const read = await store.deals.get(tenant, deal.id);
        expect(read).toEqual({ value: deal, etag: created.etag });
        expect(await store.deals.get(tenant, 'DNOPE00000000')).toBeUndefined();
        expect(await store.deals.get('another-tenant', deal.id)).toBeUndefined();
      });

      it('when an instant would not sort as text (a five-digit year, an impossible day), then the deal is refused and nothing is written', async () => {
        // The due index compares instants as strings: "+010000-…" would sort before "2026-…".
        const deal = dealIn(tenant, 7);
        await expect(store.deals.create({ ...deal, dueAt: '+010000-01-07T23:59:59.999Z' })).rejects.toThrow();
        await expect(store.deals.create({ ...deal, dueAt: '2026-02-31T00:00:00.000Z' })).rejects.toThrow();
        expect(await store.deals.get(tenant, deal.id)).toBeUndefined();
      });

      it('when the same deal is created twice, then the second is refused and the first is untouched', async () => {
        const deal = dealIn(tenant, 1);
        await store.deals.create(deal);
        await expect(store.deals.create({ ...deal, name: 'Impostor' }, { outbox: [outboxItem(tenant, 'x-dup')] })).rejects.toBeInstanceOf(
          AlreadyExistsError,
        );
        expect((await store.deals.get(tenant, deal.id))!.value.name).toBe(deal.name);
        expect(await store.outbox.get('x-dup')).toBeUndefined();
      });

      it('when updated with the current etag, then the change is stored under a new etag', async () => {
        const created = await store.deals.create(dealIn(tenant, 1));
        const updated = await store.deals.update({ ...created.value, name: 'Renamed' }, created.etag);
        expect(updated.etag).not.toBe(created.etag);
        expect(await store.deals.get(tenant, created.value.id)).toEqual({ value: { ...created.value, name: 'Renamed' }, etag: updated.etag });
      });

      it('when updated with a stale etag, then a ConflictError is thrown and nothing is overwritten', async () => {
        const created = await store.deals.create(dealIn(tenant, 1));
        const first = await store.deals.update({ ...created.value, name: 'First' }, created.etag);
        await expect(store.deals.update({ ...created.value, name: 'Stale' }, created.etag, { outbox: [outboxItem(tenant, 'x-stale')] })).rejects.toBeInstanceOf(
          ConflictError,
        );
        expect(await store.deals.get(tenant, created.value.id)).toEqual({ value: { ...created.value, name: 'First' }, etag: first.etag });
        expect(await store.outbox.get('x-stale')).toBeUndefined();
      });

      it('when a missing deal is updated, then NotFoundError is thrown', async () => {
        await expect(store.deals.update(dealIn(tenant, 1), 'whatever')).rejects.toBeInstanceOf(NotFoundError);
      });

      it('when 20 updates of one deal start from the same etag at once, then exactly one succeeds and it is the one stored', async () => {
        const created = await store.deals.create(dealIn(tenant, 1));
        const results = await Promise.allSettled(
          Array.from({ length: 20 }, (_, i) =>
            store.deals.update({ ...created.value, name: `Writer ${i}` }, created.etag, { outbox: [outboxItem(tenant, `race-${tenant}-${i}`)] }),
          ),
        );
        const won = results.filter((r) => r.status === 'fulfilled');
        const lost = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
        expect(won).toHaveLength(1);
        expect(lost).toHaveLength(19);
        for (const r of lost) expect(r.reason).toBeInstanceOf(ConflictError);
        const winner = (won[0] as PromiseFulfilledResult<{ value: Deal; etag: string }>).value;
        expect(await store.deals.get(tenant, created.value.id)).toEqual(winner);
        const winnerIndex = Number(winner.value.name.split(' ')[1]);
        const written = await Promise.all(Array.from({ length: 20 }, (_, i) => store.outbox.get(`race-${tenant}-${i}`)));
        expect(written.map((w, i) => (w ? i : -1)).filter((i) => i >= 0)).toEqual([winnerIndex]);
      });

      it('when a write carries outbox items, then they are recorded with it', async () => {
        const deal = dealIn(tenant, 1);
        await store.deals.create(deal, { outbox: [outboxItem(tenant, `c-${tenant}`)] });
        const created = await store.deals.get(tenant, deal.id);
        await store.deals.update({ ...deal, name: 'x' }, created!.etag, { outbox: [outboxItem(tenant, `u-${tenant}`, { kind: 'webhook' })] });
        expect(await store.outbox.get(`c-${tenant}`)).toMatchObject({ status: 'pending', kind: 'teams.send', tenantId: tenant, payload: { n: `c-${tenant}` } });
        expect(await store.outbox.get(`u-${tenant}`)).toMatchObject({ status: 'pending', kind: 'webhook' });
      });

      it('lists newest first in pages that together hold every deal exactly once, and never another tenant’s', async () => {
        for (let i = 0; i < 7; i++) await store.deals.create(dealIn(tenant, i));
        await store.deals.create(dealIn('someone-else', 99));
        const seen: string[] = [];
        let token: string | undefined;
        let pages = 0;
        do {
          const page = await store.deals.list(tenant, {}, { limit: 3, continuationToken: token });
          seen.push(...page.items.map((d) => d.value.name));
          token = page.continuationToken;
          pages++;
        } while (token);
        expect(pages).toBe(3);
        expect(seen).toEqual(['Deal 006', 'Deal 005', 'Deal 004', 'Deal 003', 'Deal 002', 'Deal 001', 'Deal 000']);
      });

      it('filters lists by direction, open/closed, favorites of a user, and a referral user’s scope and team', async () => {
        const inbound = { ...receivedReferral({ tenantId: tenant }), createdAt: iso('2026-11-10T00:00:00Z') };
        await store.deals.create(inbound);
        await store.deals.create(dealIn(tenant, 1, { status: 'won', salesStage: 'won' }));
        await store.deals.create(toggleFavorite(dealIn(tenant, 2, { location: 'DE' }), 'user-bo').deal);
        const names = async (q: Parameters<Store['deals']['list']>[1]) =>
          (await store.deals.list(tenant, q, { limit: 50 })).items.map((d) => d.value.name).sort();
        expect(await names({ direction: 'inbound' })).toEqual([inbound.name]);
        expect(await names({ direction: 'outbound', open: true })).toEqual(['Deal 002']);
        expect(await names({ open: false })).toEqual(['Deal 001']);
        expect(await names({ favoriteOf: 'user-bo' })).toEqual(['Deal 002']);
        expect(await names({ favoriteOf: 'user-ana' })).toEqual([]);
        // Ana is on the team of the outbound fixtures (by id and email); the inbound one has no team.
        expect(await names({ restrictTo: { locations: ['FR'], userId: 'user-ana' } })).toEqual(['Deal 001']);
        expect(await names({ restrictTo: { locations: ['FR', 'DE'], userId: 'nobody', email: 'ANA@fabrikam.example' } })).toEqual(['Deal 001', 'Deal 002']);
        expect(await names({ restrictTo: { locations: [], userId: 'user-ana' } })).toEqual([]);
      });

      it('finds deals by part of their name, case-insensitively, or by id', async () => {
        const a = dealIn(tenant, 1, { name: 'Contoso – Azure migration' });
        await store.deals.create(a);
        await store.deals.create(dealIn(tenant, 2, { name: 'Northwind lakehouse' }));
        await store.deals.create(dealIn('someone-else', 3, { name: 'Contoso elsewhere' }));
        expect((await store.deals.search(tenant, 'azure MIG', {}, 10)).map((d) => d.value.name)).toEqual(['Contoso – Azure migration']);
        expect((await store.deals.search(tenant, a.id.toLowerCase(), {}, 10)).map((d) => d.value.id)).toEqual([a.id]);
        expect(await store.deals.search(tenant, '100%_', {}, 10)).toEqual([]);
      });

      describe('search keys (services/domain/search.ts)', () => {
        /** The keys of each typed word, as the search use case asks for them. */
        const keysOf = (text: string) => searchWords(text).map(wordKeys);
        const names = (found: { value: Deal }[]) => found.map((d) => d.value.name);
        const partner = (name: string): Deal['invitations'][number] => ({
          id: `inv-${name}`,
          partner: { name },
          closeDate: '2027-06-30',
          value: { amount: 1, currency: 'EUR' },
          team: [],
          solutions: [{ kind: 'own', name: 'Backup' }],
          status: 'pending',
          invitedAt: '2026-11-01T00:00:00.000Z',
          invitedBy: { kind: 'user', id: 'user-ana', name: 'Ana' },
        });

        it('finds deals by the keys of their name, customer, CRM id, partners and short id — all words or any word, newest first, never another tenant’s', async () => {
          const contoso = dealIn(tenant, 1, { name: 'Contoso – Azure migration', crmId: 'CRM-4471' });
          const societe = dealIn(tenant, 2, { name: 'Data platform', customer: { ...contoso.customer, name: 'Société Générale' }, invitations: [partner('Tailspin Toys')] });
          const contosoData = dealIn(tenant, 3, { name: 'Contoso data estate' });
          for (const d of [contoso, societe, contosoData]) await store.deals.create(d);
          await store.deals.create(dealIn('someone-else', 4, { name: 'Contoso elsewhere' }));
          const find = async (text: string, mode: 'all' | 'any' = 'all') => names(await store.deals.searchByKeys(tenant, { groups: keysOf(text), mode }, {}, 50));

          expect(await find('contoso')).toEqual(['Contoso data estate', 'Contoso – Azure migration']);
          expect(await find('contso')).toEqual(['Contoso data estate', 'Contoso – Azure migration']); // one letter missing
          expect(await find('societe generale')).toEqual(['Data platform']); // no accents
          expect(await find('SOCIÉTÉ')).toEqual(['Data platform']);
          expect(await find('tailspin')).toEqual(['Data platform']);
          expect(await find('crm 4471')).toEqual(['Contoso – Azure migration']);
          expect(await find('migr')).toEqual(['Contoso – Azure migration']); // the start of a word
          expect(await find('contoso data')).toEqual(['Contoso data estate']);
          expect(await find('contoso data', 'any')).toEqual(['Contoso data estate', 'Data platform', 'Contoso – Azure migration']);
          expect(names(await store.deals.searchByKeys(tenant, { groups: [[`i${shortDealId(societe.id).toLowerCase()}`]], mode: 'any' }, {}, 10))).toEqual(['Data platform']);
          expect(names(await store.deals.searchByKeys(tenant, { groups: keysOf('contoso'), mode: 'all' }, {}, 1))).toEqual(['Contoso data estate']);
        });

        it('when a deal\'s short id is typed (its last six characters, any case, "#" or not), then its id key finds that deal only, in its tenant only', async () => {
          const a = dealIn(tenant, 1, { name: 'Contoso – Azure migration' });
          await store.deals.create(a);
          await store.deals.create(dealIn(tenant, 2, { name: 'Contoso – Azure migration' }));
          await store.deals.create({ ...dealIn('someone-else', 3), id: `D999999${a.id.slice(-6)}` });
          const short = shortDealId(a.id);
          for (const typed of [short, short.toLowerCase(), `#${short}`]) {
            expect((await store.deals.searchByKeys(tenant, { groups: [[shortIdKey(typed)!]], mode: 'any' }, {}, 10)).map((d) => d.value.id)).toEqual([a.id]);
          }
          // Not a short id (a LIKE pattern, too short): no id key, and the name search finds nothing.
          expect([shortIdKey('%%%%%%'), shortIdKey(short.slice(1))]).toEqual([undefined, undefined]);
          expect(await store.deals.search(tenant, '%%%%%%', {}, 10)).toEqual([]);
        });

        it('when a deal is renamed, then it is found by its new name and no longer by its old one', async () => {
          const created = await store.deals.create(dealIn(tenant, 1, { name: 'Fabrikam lakehouse' }));
          const find = async (text: string) => names(await store.deals.searchByKeys(tenant, { groups: keysOf(text), mode: 'all' }, {}, 10));
          await store.deals.update({ ...created.value, name: 'Northwind warehouse' }, created.etag);
          expect(await find('lakehouse')).toEqual([]);
          expect(await find('northwind')).toEqual(['Northwind warehouse']);
        });

        it('when keys hold what a query language would read (quotes, operators, wildcards), then they are looked up as text and nothing breaks', async () => {
          await store.deals.create(dealIn(tenant, 1, { name: 'Alpha' }));
          for (const key of ['w" OR "walpha', 'w*', 'wNEAR(a b)', 'w%', 'w_', "w'; DROP TABLE deals; --", 'w\\', '']) {
            expect(await store.deals.searchByKeys(tenant, { groups: [[key]], mode: 'any' }, {}, 10)).toEqual([]);
          }
          expect(names(await store.deals.searchByKeys(tenant, { groups: [['walpha']], mode: 'any' }, {}, 10))).toEqual(['Alpha']);
        });

        it('applies the list filters, the referral user’s view and the stage, close-date and answered-since filters to the keys’ matches', async () => {
          const mk = (i: number, overrides: Partial<Deal>) => dealIn(tenant, i, { name: `Contoso ${i}`, ...overrides });
          await store.deals.create(mk(1, { salesStage: 'qualified', closeDate: '2027-01-15' }));
          await store.deals.create(mk(2, { status: 'won', salesStage: 'won', closeDate: '2027-03-31' }));
          await store.deals.create(mk(3, { location: 'DE', closeDate: '2026-12-01' }));
          const find = async (query: Parameters<Store['deals']['list']>[1]) =>
            names(await store.deals.searchByKeys(tenant, { groups: keysOf('contoso'), mode: 'all' }, query, 10)).sort();
          expect(await find({ stage: 'qualified' })).toEqual(['Contoso 1']);
          expect(await find({ stage: 'won' })).toEqual(['Contoso 2']);
          expect(await find({ stage: 'created' })).toEqual(['Contoso 3']);
          expect(await find({ closeBy: '2027-01-15' })).toEqual(['Contoso 1', 'Contoso 3']);
          expect(await find({ restrictTo: { locations: ['FR'], userId: 'user-ana' } })).toEqual(['Contoso 1', 'Contoso 2']);
          expect(await find({ restrictTo: { locations: ['FR'], userId: 'nobody' } })).toEqual([]);
          expect(await find({ open: true, direction: 'outbound' })).toEqual(['Contoso 1', 'Contoso 3']);
        });

        it('files every deal under the stage the domain gives it (searchStageOf), whatever its status', async () => {
          const deals = [
            dealIn(tenant, 1, { salesStage: 'negotiated' }),
            dealIn(tenant, 2, { salesStage: undefined }),
            dealIn(tenant, 3, { status: 'lost' }),
            { ...receivedReferral({ tenantId: tenant, externalId: 'x-1' }), createdAt: iso('2026-11-10T00:00:00Z') },
            { ...receivedReferral({ tenantId: tenant, externalId: 'x-2' }), status: 'expired' as const, createdAt: iso('2026-11-11T00:00:00Z') },
          ];
          for (const d of deals) await store.deals.create(d);
          for (const d of deals) {
            const listed = (await store.deals.list(tenant, { stage: searchStageOf(d) }, { limit: 50 })).items.map((s) => s.value.id);
            expect({ stage: searchStageOf(d), listed: listed.includes(d.id) }).toEqual({ stage: searchStageOf(d), listed: true });
          }
        });

        it('reads the pipeline figures of the deals a query matches, newest first, with the answer time of referrals, and says when it stopped at its limit', async () => {
          const received = { ...receivedReferral({ tenantId: tenant, externalId: 'r-1' }), createdAt: iso('2026-11-10T00:00:00Z') };
          const answered: Deal = { ...received, id: 'DANSWERED0001', status: 'open', salesStage: 'accepted', response: { action: 'accepted', at: '2026-11-12T06:00:00.000Z', by: { kind: 'user', name: 'Ana' } }, createdAt: iso('2026-11-09T00:00:00Z') };
          const assessment = dealIn(tenant, 3, { assessment: { type: 'Migration', location: 'FR' }, assessmentStage: 'discovery' });
          for (const d of [received, answered, assessment, dealIn(tenant, 4, { status: 'lost' })]) await store.deals.create(d);
          await store.deals.create(dealIn('someone-else', 5));

          const open = await store.deals.figures(tenant, { open: true }, 10);
          expect(open).toEqual({ items: [received, answered, assessment].map(figuresOf), truncated: false });
          expect(await store.deals.figures(tenant, { open: true }, 2)).toEqual({ items: [received, answered].map(figuresOf), truncated: true });
          const since = await store.deals.figures(tenant, { direction: 'inbound', respondedSince: '2026-11-12T06:00:00.000Z' }, 10);
          expect(since.items.map((f) => [f.id, f.receivedAt, f.respondedAt])).toEqual([[answered.id, answered.inbound!.receivedAt, '2026-11-12T06:00:00.000Z']]);
          expect((await store.deals.figures(tenant, { respondedSince: '2026-11-12T06:00:00.001Z' }, 10)).items).toEqual([]);
          expect((await store.deals.figures(tenant, { open: true, restrictTo: { locations: [], userId: 'user-ana' } }, 10)).items).toEqual([]);
        });
      });

      it('lists deals due before a time, soonest first across tenants, in pages, skipping deals that are not due', async () => {
        const due = ['2026-11-27T09:30:00.000Z', '2026-11-25T00:00:00.000Z', '2026-12-30T00:00:00.000Z', '2026-11-26T00:00:00.000Z'];
        for (const [i, dueAt] of due.entries()) await store.deals.create(dealIn(i % 2 ? tenant : `${tenant}-b`, i, { dueAt }));
        await store.deals.create(dealIn(tenant, 9, { dueAt: null }));
        const seen: string[] = [];
        let token: string | undefined;
        do {
          const page = await store.deals.listDue('2026-11-27T09:30:00.000Z', { limit: 2, continuationToken: token });
          seen.push(...page.items.map((d) => d.value.dueAt!));
          token = page.continuationToken;
        } while (token);
        expect(seen).toEqual(['2026-11-25T00:00:00.000Z', '2026-11-26T00:00:00.000Z', '2026-11-27T09:30:00.000Z']);
      });

      it('when a deal stops being due, then it leaves the due list', async () => {
        const created = await store.deals.create(dealIn(tenant, 1, { dueAt: '2026-11-25T00:00:00.000Z' }));
        await store.deals.update({ ...created.value, dueAt: null }, created.etag);
        expect((await store.deals.listDue('2027-01-01T00:00:00.000Z', { limit: 10 })).items).toEqual([]);
      });

      it('when the process is killed (SIGKILL) right after writes were acknowledged, then every acknowledged write is there after restart', async () => {
        const acked = await runChildWriterAndKill(handle.env, tenant, 25);
        expect(acked.length).toBeGreaterThanOrEqual(25);
        const reopened = await handle.reopen();
        try {
          for (const id of acked) {
            const found = await reopened.deals.get(tenant, id);
            expect(found?.value.id).toBe(id);
            expect(found?.value.history.length).toBeGreaterThan(0);
          }
        } finally {
          if (reopened !== store) await reopened.close();
        }
      }, 60000);
    });

    describe('offers', () => {
      it('when an offer is created, then reading it returns the same offer and an etag; another tenant never reads it', async () => {
        const offer = offerIn(tenant, 1);
        const created = await store.offers.create(offer);
        expect(await store.offers.get(tenant, offer.id)).toEqual({ value: offer, etag: created.etag });
        expect(await store.offers.get('another-tenant', offer.id)).toBeUndefined();
        expect(await store.offers.get(tenant, 'O999999999999')).toBeUndefined();
        await expect(store.offers.create({ ...offer, name: 'Impostor' }, { outbox: [outboxItem(tenant, `offer-dup-${tenant}`)] })).rejects.toBeInstanceOf(AlreadyExistsError);
        expect((await store.offers.get(tenant, offer.id))!.value.name).toBe('Offer 001');
        expect(await store.outbox.get(`offer-dup-${tenant}`)).toBeUndefined();
      });

      it('updates with the current etag together with its outbox items; a stale etag is a ConflictError and writes nothing; a missing offer is NotFound', async () => {
        const created = await store.offers.create(offerIn(tenant, 1));
        const updated = await store.offers.update({ ...created.value, name: 'Renamed' }, created.etag, { outbox: [outboxItem(tenant, `offer-u-${tenant}`)] });
        expect(updated.etag).not.toBe(created.etag);
        expect(await store.offers.get(tenant, created.value.id)).toEqual({ value: { ...created.value, name: 'Renamed' }, etag: updated.etag });
        expect(await store.outbox.get(`offer-u-${tenant}`)).toMatchObject({ status: 'pending', tenantId: tenant });
        await expect(store.offers.update({ ...created.value, name: 'Stale' }, created.etag, { outbox: [outboxItem(tenant, `offer-s-${tenant}`)] })).rejects.toBeInstanceOf(ConflictError);
        expect((await store.offers.get(tenant, created.value.id))!.value.name).toBe('Renamed');
        expect(await store.outbox.get(`offer-s-${tenant}`)).toBeUndefined();
        await expect(store.offers.update(offerIn(tenant, 2), 'whatever')).rejects.toBeInstanceOf(NotFoundError);
      });

      it('when 10 updates start from the same etag at once, then exactly one succeeds, with only its outbox item', async () => {
        const created = await store.offers.create(offerIn(tenant, 1));
        const results = await Promise.allSettled(
          Array.from({ length: 10 }, (_, i) => store.offers.update({ ...created.value, name: `Writer ${i}` }, created.etag, { outbox: [outboxItem(tenant, `offer-race-${tenant}-${i}`)] })),
        );
        const won = results.filter((r): r is PromiseFulfilledResult<{ value: Offer; etag: string }> => r.status === 'fulfilled');
        expect(won).toHaveLength(1);
        for (const r of results) if (r.status === 'rejected') expect(r.reason).toBeInstanceOf(ConflictError);
        const winner = Number(won[0]!.value.value.name.split(' ')[1]);
        const written = await Promise.all(Array.from({ length: 10 }, (_, i) => store.outbox.get(`offer-race-${tenant}-${i}`)));
        expect(written.map((w, i) => (w ? i : -1)).filter((i) => i >= 0)).toEqual([winner]);
      });

      it('deletes with the current etag only; a stale etag is a ConflictError, a missing offer NotFound', async () => {
        const created = await store.offers.create(offerIn(tenant, 1));
        const updated = await store.offers.update({ ...created.value, name: 'Changed' }, created.etag);
        await expect(store.offers.delete(tenant, created.value.id, created.etag)).rejects.toBeInstanceOf(ConflictError);
        expect(await store.offers.get(tenant, created.value.id)).toBeDefined();
        await store.offers.delete(tenant, created.value.id, updated.etag);
        expect(await store.offers.get(tenant, created.value.id)).toBeUndefined();
        await expect(store.offers.delete(tenant, created.value.id, updated.etag)).rejects.toBeInstanceOf(NotFoundError);
      });

      it('lists a tenant’s offers by name, case-insensitively, in pages that hold each once, never another tenant’s', async () => {
        for (const [i, name] of ['zeta', 'Alpha', 'beta', 'Gamma', 'delta'].entries()) await store.offers.create(offerIn(tenant, i, { name }));
        await store.offers.create(offerIn(`${tenant}-other`, 9, { name: 'Aardvark' }));
        const seen: string[] = [];
        let token: string | undefined;
        do {
          const page = await store.offers.list(tenant, { limit: 2, continuationToken: token });
          seen.push(...page.items.map((o) => o.value.name));
          token = page.continuationToken;
        } while (token);
        expect(seen).toEqual(['Alpha', 'beta', 'delta', 'Gamma', 'zeta']);
      });

      it('lists offers due before a time, soonest first across tenants, in pages; an offer no longer due leaves the list', async () => {
        const due = ['2026-11-27T09:30:00.000Z', '2026-11-25T00:00:00.000Z', '2026-12-30T00:00:00.000Z', '2026-11-26T00:00:00.000Z'];
        const created = [];
        for (const [i, dueAt] of due.entries()) created.push(await store.offers.create(offerIn(i % 2 ? tenant : `${tenant}-b`, i, { dueAt })));
        await store.offers.create(offerIn(tenant, 8, { dueAt: null }));
        const seen: string[] = [];
        let token: string | undefined;
        do {
          const page = await store.offers.listDue('2026-11-27T09:30:00.000Z', { limit: 2, continuationToken: token });
          seen.push(...page.items.map((o) => o.value.dueAt!));
          token = page.continuationToken;
        } while (token);
        expect(seen).toEqual(['2026-11-25T00:00:00.000Z', '2026-11-26T00:00:00.000Z', '2026-11-27T09:30:00.000Z']);
        await store.offers.update({ ...created[1]!.value, dueAt: null }, created[1]!.etag);
        expect((await store.offers.listDue('2026-11-25T12:00:00.000Z', { limit: 10 })).items.filter((o) => o.value.tenantId.startsWith(tenant))).toEqual([]);
      });
    });

    describe('organizations', () => {
      const org = (tenantId: string, name: string) => ({
        tenantId,
        name,
        solutions: [],
        assessmentVetted: false,
        createdAt: '2026-01-01T00:00:00.000Z',
        updatedAt: '2026-01-01T00:00:00.000Z',
      });

      it('creates, reads, updates by etag, refuses stale updates and duplicate creates', async () => {
        const created = await store.organizations.create(org(tenant, 'Fabrikam'));
        expect(await store.organizations.get(tenant)).toEqual(created);
        await expect(store.organizations.create(org(tenant, 'Again'))).rejects.toBeInstanceOf(AlreadyExistsError);
        const updated = await store.organizations.update({ ...created.value, name: 'Fabrikam Ltd' }, created.etag);
        await expect(store.organizations.update({ ...created.value, name: 'Stale' }, created.etag)).rejects.toBeInstanceOf(ConflictError);
        expect((await store.organizations.get(tenant))!).toEqual(updated);
      });

      it('keeps the tally of the locales and time zones its members use, and an organization from before the tally reads without one', async () => {
        const before = await store.organizations.create(org(tenant, 'Fabrikam'));
        expect(before.value.readers).toBeUndefined();
        const readers = { locales: { 'fr-FR': 3, 'zh-CN': 1 }, timeZones: { 'Europe/Paris': 3, 'Asia/Shanghai': 1 } };
        const updated = await store.organizations.update({ ...before.value, readers }, before.etag);
        expect((await store.organizations.get(tenant))!.value.readers).toEqual(readers);
        await expect(store.organizations.update({ ...before.value, readers: { locales: {}, timeZones: {} } }, before.etag)).rejects.toBeInstanceOf(ConflictError);
        expect((await store.organizations.get(tenant))!).toEqual(updated);
      });

      it('finds organizations by part of their name, case-insensitively', async () => {
        await store.organizations.create(org(`${tenant}-1`, 'Tailspin Toys'));
        await store.organizations.create(org(`${tenant}-2`, 'Wide World Importers'));
        await store.organizations.create(org(`${tenant}-3`, 'Tailwind Traders'));
        const names = (await store.organizations.searchByName('TAIL', 10)).map((o) => o.name).filter((n) => n.startsWith('Tail'));
        expect(names).toEqual(['Tailspin Toys', 'Tailwind Traders']);
      });
    });

    describe('partner center connections', () => {
      const connection = (tenantId: string, overrides: Partial<PartnerCenterConnection> = {}): PartnerCenterConnection => ({
        tenantId,
        state: 'connected',
        connectedBy: { userId: 'user-ada', name: 'Ada' },
        connectedAt: '2026-11-20T10:00:00.000Z',
        updatedAt: '2026-11-20T10:00:00.000Z',
        importErrors: [],
        dev: false,
        ...overrides,
      });

      it('creates, reads, updates by etag, refuses stale updates and a second connection for one tenant', async () => {
        expect(await store.partnerCenter.get(tenant)).toBeUndefined();
        const created = await store.partnerCenter.create(connection(tenant, { importErrors: [{ referralId: 'r-1', at: '2026-11-20T10:00:00.000Z', reason: 'details.currency: Required.' }] }));
        expect(await store.partnerCenter.get(tenant)).toEqual(created);
        await expect(store.partnerCenter.create(connection(tenant))).rejects.toBeInstanceOf(AlreadyExistsError);
        const updated = await store.partnerCenter.update({ ...created.value, watermark: '2026-11-20T09:59:00.000Z' }, created.etag);
        await expect(store.partnerCenter.update({ ...created.value, state: 'disconnected' }, created.etag)).rejects.toBeInstanceOf(ConflictError);
        expect(await store.partnerCenter.get(tenant)).toEqual(updated);
        await expect(store.partnerCenter.update(connection(`${tenant}-none`), 'whatever')).rejects.toBeInstanceOf(NotFoundError);
      });

      it('lists every connection that is not disconnected, across tenants, in pages, each once', async () => {
        for (let i = 0; i < 5; i++) await store.partnerCenter.create(connection(`${tenant}-${i}`, { state: i === 2 ? 'disconnected' : i === 3 ? 'needsSignIn' : 'connected' }));
        const seen: string[] = [];
        let token: string | undefined;
        do {
          const page = await store.partnerCenter.listActive({ limit: 2, continuationToken: token });
          seen.push(...page.items.map((c) => c.value.tenantId));
          token = page.continuationToken;
        } while (token);
        expect(seen.filter((t) => t.startsWith(tenant))).toEqual([`${tenant}-0`, `${tenant}-1`, `${tenant}-3`, `${tenant}-4`]);
      });

      it('when a deal carries its Partner Center link, then it reads back whole; a deal stored before links existed reads without one', async () => {
        const linked = dealIn(tenant, 1, {
          partnerCenter: {
            referralId: 'pc-1',
            eTag: '"0001"',
            synced: { status: 'Active', substatus: 'Accepted', name: 'Deal 001', dealValue: 120000, currency: 'EUR', closeDate: '2027-06-30', notes: '', statusReason: '' },
            state: 'conflict',
            at: '2026-11-20T10:00:00.000Z',
            conflict: { code: 'keptRemote', remoteStatus: 'Closed/Declined' },
          },
        });
        await store.deals.create(linked);
        expect((await store.deals.get(tenant, linked.id))!.value.partnerCenter).toEqual(linked.partnerCenter);
        const plain = dealIn(tenant, 2);
        await store.deals.create(plain);
        expect((await store.deals.get(tenant, plain.id))!.value).not.toHaveProperty('partnerCenter');
      });
    });

    describe('members', () => {
      it('creates, reads by id and by email (any case), updates by etag and refuses stale updates', async () => {
        const m = member({ tenantId: tenant, email: 'Ana@Fabrikam.example' });
        const created = await store.members.create(m);
        expect(await store.members.get(tenant, m.userId)).toEqual(created);
        expect(await store.members.findByEmail(tenant, 'ana@FABRIKAM.example')).toEqual(created);
        expect(await store.members.findByEmail('someone-else', 'ana@fabrikam.example')).toBeUndefined();
        const updated = await store.members.update({ ...m, role: 'admin' }, created.etag);
        await expect(store.members.update({ ...m, role: 'globalAdmin' }, created.etag)).rejects.toBeInstanceOf(ConflictError);
        expect((await store.members.get(tenant, m.userId))!).toEqual(updated);
        await expect(store.members.create(m)).rejects.toBeInstanceOf(AlreadyExistsError);
      });

      it('lists a tenant’s members by name in pages', async () => {
        const names = ['Zoe', 'ana', 'Bo', 'Chen', 'Dee'];
        for (const [i, n] of names.entries()) await store.members.create(member({ tenantId: tenant, userId: `u${i}`, name: n, email: `${n}@x.example` }));
        await store.members.create(member({ tenantId: 'someone-else', userId: 'u9', name: 'Aaron' }));
        const seen: string[] = [];
        let token: string | undefined;
        do {
          const page = await store.members.list(tenant, { limit: 2, continuationToken: token });
          seen.push(...page.items.map((m) => m.value.name));
          token = page.continuationToken;
        } while (token);
        expect(seen).toEqual(['ana', 'Bo', 'Chen', 'Dee', 'Zoe']);
      });

      it('when several personal installers race to be a tenant’s first admin, then exactly one becomes a global admin and later claims change nothing', async () => {
        const racers = Array.from({ length: 8 }, (_, i) => member({ tenantId: tenant, userId: `first-${i}`, role: 'user', installed: true }));
        for (const m of racers) await store.members.create(m);
        const results = await Promise.all(racers.map((m) => store.members.claimFirstAdmin(tenant, m.userId, '2026-11-20T10:00:00.000Z')));
        expect(results.filter(Boolean)).toHaveLength(1);
        const winner = racers[results.indexOf(true)]!;
        expect((await store.members.get(tenant, winner.userId))!.value).toMatchObject({ role: 'globalAdmin', updatedAt: '2026-11-20T10:00:00.000Z' });
        expect((await store.members.roster(tenant)).globalAdmins).toBe(1);
        await store.members.create(member({ tenantId: tenant, userId: 'late', role: 'user' }));
        expect(await store.members.claimFirstAdmin(tenant, 'late', '2026-11-20T11:00:00.000Z')).toBe(false);
        expect((await store.members.get(tenant, 'late'))!.value.role).toBe('user');
      });

      it('when a tenant’s only global admin never installed the bot, then the first claim makes the installer a global admin too; with an installed global admin it makes nobody one, for good', async () => {
        const unreachable = `${tenant}-unreachable`;
        await store.members.create(member({ tenantId: unreachable, userId: 'cy', role: 'globalAdmin', installed: false }));
        await store.members.create(member({ tenantId: unreachable, userId: 'ada', role: 'user', installed: true }));
        expect(await store.members.claimFirstAdmin(unreachable, 'ada', '2026-11-20T10:00:00.000Z')).toBe(true);
        expect((await store.members.roster(unreachable)).globalAdmins).toBe(2);

        const reachable = `${tenant}-reachable`;
        const cy = await store.members.create(member({ tenantId: reachable, userId: 'cy', role: 'globalAdmin', installed: true }));
        await store.members.create(member({ tenantId: reachable, userId: 'ada', role: 'user', installed: true }));
        expect(await store.members.claimFirstAdmin(reachable, 'ada', '2026-11-20T10:00:00.000Z')).toBe(false);
        // Settled: the admin uninstalling later does not hand the role to the next installer.
        await store.members.update({ ...cy.value, installed: false }, cy.etag);
        expect(await store.members.claimFirstAdmin(reachable, 'ada', '2026-11-20T11:00:00.000Z')).toBe(false);
        expect((await store.members.get(reachable, 'ada'))!.value.role).toBe('user');
      });

      it('when a role change names the roster it was decided on, then it is written and moves the roster; one decided on an older roster or a stale member is refused', async () => {
        const a = await store.members.create(member({ tenantId: tenant, userId: 'a', role: 'globalAdmin' }));
        const b = await store.members.create(member({ tenantId: tenant, userId: 'b', role: 'globalAdmin' }));
        const roster = await store.members.roster(tenant);
        expect(roster.globalAdmins).toBe(2);
        const changed = await store.members.changeRole({ ...b.value, role: 'admin', locationScopes: ['FR'] }, b.etag, roster.version);
        expect(await store.members.get(tenant, 'b')).toEqual(changed);
        expect(changed.value).toMatchObject({ role: 'admin', locationScopes: ['FR'] });
        const after = await store.members.roster(tenant);
        expect(after.globalAdmins).toBe(1);
        expect(after.version).not.toBe(roster.version);
        await expect(store.members.changeRole({ ...a.value, role: 'admin' }, a.etag, roster.version)).rejects.toBeInstanceOf(ConflictError);
        await expect(store.members.changeRole({ ...b.value, role: 'user' }, b.etag, after.version)).rejects.toBeInstanceOf(ConflictError);
        expect((await store.members.get(tenant, 'a'))!.value.role).toBe('globalAdmin');
        expect((await store.members.get(tenant, 'b'))!.value.role).toBe('admin');
      });

      it('when two global admins demote each other at once from two processes, then a global admin remains, every round', async () => {
        const other = await handle.reopen();
        try {
          for (let round = 0; round < 10; round++) {
            const t = `${tenant}-round-${round}`;
            await store.members.create(member({ tenantId: t, userId: 'a', role: 'globalAdmin' }));
            await store.members.create(member({ tenantId: t, userId: 'b', role: 'globalAdmin' }));
            // What the use case does: decide on the roster ("not the last global admin"), then write naming it.
            const demote = async (s: Store, userId: string) => {
              const roster = await s.members.roster(t);
              const target = (await s.members.get(t, userId))!;
              if (roster.globalAdmins <= 1) return 'refused';
              await s.members.changeRole({ ...target.value, role: 'admin' }, target.etag, roster.version);
              return 'demoted';
            };
            const results = await Promise.allSettled([demote(store, 'b'), demote(other, 'a')]);
            const globals = (await store.members.list(t, { limit: 10 })).items.filter((m) => m.value.role === 'globalAdmin');
            expect({ round, globals: globals.length }).toEqual({ round, globals: 1 });
            expect(results.filter((r) => r.status === 'fulfilled' && r.value === 'demoted')).toHaveLength(1);
            for (const r of results) if (r.status === 'rejected') expect(r.reason).toBeInstanceOf(ConflictError);
            expect((await other.members.roster(t)).globalAdmins).toBe(1);
          }
        } finally {
          if (other !== store) await other.close();
        }
      });
    });

    describe('conversations and card copies', () => {
      const conversation = (id: string, overrides: Record<string, unknown> = {}) => ({
        conversationId: id,
        tenantId: tenant,
        scope: 'personal' as const,
        userId: 'user-ana',
        serviceUrl: 'https://smba.trafficmanager.net/emea/',
        channelId: 'msteams',
        bot: { id: '28:bot', name: 'Co-sell' },
        updatedAt: '2026-11-20T10:00:00.000Z',
        ...overrides,
      });

      it('stores a conversation, replaces it when the service URL changes, finds a member’s personal chat, and removes it', async () => {
        await store.conversations.put(conversation('a:1'));
        await store.conversations.put(conversation('a:1', { serviceUrl: 'https://smba.trafficmanager.net/amer/' }));
        await store.conversations.put(conversation('19:team', { scope: 'team', userId: undefined }));
        expect((await store.conversations.get(tenant, 'a:1'))!.serviceUrl).toBe('https://smba.trafficmanager.net/amer/');
        expect((await store.conversations.findPersonal(tenant, 'user-ana'))!.conversationId).toBe('a:1');
        expect(await store.conversations.findPersonal(tenant, 'user-bo')).toBeUndefined();
        const all = await store.conversations.listByTenant(tenant, { limit: 1 });
        expect(all.items).toHaveLength(1);
        const rest = await store.conversations.listByTenant(tenant, { limit: 1, continuationToken: all.continuationToken });
        expect([...all.items, ...rest.items].map((c) => c.conversationId).sort()).toEqual(['19:team', 'a:1']);
        expect(await store.conversations.get('someone-else', 'a:1')).toBeUndefined();
        await store.conversations.remove(tenant, 'a:1');
        expect(await store.conversations.get(tenant, 'a:1')).toBeUndefined();
        expect(await store.conversations.findPersonal(tenant, 'user-ana')).toBeUndefined();
      });

      it('records each card copy once and forgets the copies of a removed conversation', async () => {
        const copy = { tenantId: tenant, dealId: 'D1', conversationId: 'a:1', activityId: 'act-1', userId: 'user-ana', kind: 'referral', sentAt: '2026-11-20T10:00:00.000Z' };
        await store.cardCopies.add(copy);
        await store.cardCopies.add(copy);
        await store.cardCopies.add({ ...copy, conversationId: 'a:2', activityId: 'act-2' });
        await store.cardCopies.add({ ...copy, dealId: 'D2', activityId: 'act-3' });
        expect((await store.cardCopies.listForDeal(tenant, 'D1')).map((c) => c.activityId).sort()).toEqual(['act-1', 'act-2']);
        await store.cardCopies.removeConversation(tenant, 'a:1');
        expect((await store.cardCopies.listForDeal(tenant, 'D1')).map((c) => c.activityId)).toEqual(['act-2']);
        expect(await store.cardCopies.listForDeal(tenant, 'D2')).toEqual([]);
      });

      it('makes a message a copy of what a card action showed in it last: another deal, another kind, or nothing', async () => {
        const message = { tenantId: tenant, conversationId: 'a:1', activityId: 'act-1' };
        const copy = { ...message, dealId: 'D1', userId: 'user-ana', kind: 'referral', sentAt: '2026-11-20T10:00:00.000Z' };
        await store.cardCopies.add(copy);
        await store.cardCopies.replace(message, { ...copy, kind: 'deal', version: '2026-11-20T10:00:00.000Z:3' });
        expect(await store.cardCopies.listForDeal(tenant, 'D1')).toEqual([{ ...copy, kind: 'deal', version: '2026-11-20T10:00:00.000Z:3' }]);
        await store.cardCopies.replace(message, { ...copy, dealId: 'D2', kind: 'deal' });
        expect(await store.cardCopies.listForDeal(tenant, 'D1')).toEqual([]);
        expect((await store.cardCopies.listForDeal(tenant, 'D2')).map((c) => [c.activityId, c.kind])).toEqual([['act-1', 'deal']]);
        await store.cardCopies.replace(message, undefined);
        await store.cardCopies.replace(message, undefined);
        expect(await store.cardCopies.listForDeal(tenant, 'D2')).toEqual([]);
        // A message that was no copy becomes one (a deal opened from a list).
        await store.cardCopies.replace({ ...message, activityId: 'act-9' }, { ...copy, activityId: 'act-9', kind: 'deal' });
        expect((await store.cardCopies.listForDeal(tenant, 'D1')).map((c) => c.activityId)).toEqual(['act-9']);
      });
    });

    describe('outbox', () => {
      const now = '2026-11-20T10:00:00.000Z';
      const later = (seconds: number) => DateTime.fromISO(now).plus({ seconds }).toUTC().toISO()!;

      it('enqueues each id once, whatever its status', async () => {
        await store.outbox.enqueue([outboxItem(tenant, `o-${tenant}`, { availableAt: now })]);
        await store.outbox.enqueue([outboxItem(tenant, `o-${tenant}`, { availableAt: now, payload: { n: 'changed' } })]);
        const [lease] = await store.outbox.claim('w1', now, 10, 30000);
        expect(lease!.item.payload).toEqual({ n: `o-${tenant}` });
        await store.outbox.complete(lease!, now);
        await store.outbox.enqueue([outboxItem(tenant, `o-${tenant}`, { availableAt: now })]);
        expect(await store.outbox.claim('w1', later(1), 10, 30000)).toEqual([]);
        expect((await store.outbox.counts()).done).toBe(1);
      });

      it('never hands the same item to two workers at once, and only hands out items that are available', async () => {
        const items = Array.from({ length: 10 }, (_, i) => outboxItem(tenant, `p-${tenant}-${i}`, { availableAt: now }));
        await store.outbox.enqueue([...items, outboxItem(tenant, `future-${tenant}`, { availableAt: later(60) })]);
        const hour = 3600_000;
        const [a, b] = await Promise.all([store.outbox.claim('w1', now, 6, hour), store.outbox.claim('w2', now, 6, hour)]);
        const ids = [...a, ...b].map((l) => l.item.id);
        expect(new Set(ids).size).toBe(ids.length);
        expect(ids.sort()).toEqual(items.map((i) => i.id).sort());
        expect(await store.outbox.claim('w3', now, 10, hour)).toEqual([]);
        expect((await store.outbox.claim('w3', later(61), 10, hour)).map((l) => l.item.id)).toEqual([`future-${tenant}`]);
      });

      it('when a lease runs out, then another worker takes the item and the first can no longer settle it', async () => {
        await store.outbox.enqueue([outboxItem(tenant, `l-${tenant}`, { availableAt: now })]);
        const [first] = await store.outbox.claim('w1', now, 1, 1000);
        expect(await store.outbox.claim('w2', later(0.5), 1, 1000)).toEqual([]);
        const [second] = await store.outbox.claim('w2', later(2), 1, 1000);
        expect(second!.item.id).toBe(`l-${tenant}`);
        expect(await store.outbox.complete(first!, later(2))).toBe(false);
        expect(await store.outbox.complete(second!, later(2))).toBe(true);
        expect((await store.outbox.get(`l-${tenant}`))!.status).toBe('done');
      });

      it('retries later with a growing attempt count, and keeps failed items as dead', async () => {
        await store.outbox.enqueue([outboxItem(tenant, `r-${tenant}`, { availableAt: now }), outboxItem(tenant, `d-${tenant}`, { availableAt: now })]);
        const leases = await store.outbox.claim('w1', now, 2, 30000);
        const retry = leases.find((l) => l.item.id === `r-${tenant}`)!;
        const dead = leases.find((l) => l.item.id === `d-${tenant}`)!;
        expect(await store.outbox.retry(retry, later(30), '429 Too Many Requests', now)).toBe(true);
        expect(await store.outbox.fail(dead, '403 Forbidden', now)).toBe(true);
        expect(await store.outbox.claim('w1', later(29), 10, 30000)).toEqual([]);
        const [again] = await store.outbox.claim('w1', later(30), 10, 30000);
        expect(again!.item).toMatchObject({ id: `r-${tenant}`, attempts: 1, lastError: '429 Too Many Requests' });
        expect(await store.outbox.get(`d-${tenant}`)).toMatchObject({ status: 'dead', lastError: '403 Forbidden' });
        expect(await store.outbox.counts()).toEqual({ pending: 1, done: 0, dead: 1 });
      });

      it('claims only the kinds asked for', async () => {
        await store.outbox.enqueue([outboxItem(tenant, `k1-${tenant}`, { availableAt: now }), outboxItem(tenant, `k2-${tenant}`, { availableAt: now, kind: 'webhook' })]);
        expect((await store.outbox.claim('w1', now, 10, 30000, { kinds: ['webhook'] })).map((l) => l.item.id)).toEqual([`k2-${tenant}`]);
      });

      it('when a worker skips a paced key or tenant, then a claim leaves that backlog alone and hands out everyone else’s items', async () => {
        const other = `${tenant}-other`;
        await store.outbox.enqueue([
          ...Array.from({ length: 5 }, (_, i) => outboxItem(tenant, `busy-${tenant}-${i}`, { key: 'busy-chat', availableAt: later(-60 + i) })),
          outboxItem(tenant, `paced-${tenant}`, { key: 'busy-chat', availableAt: later(-1) }),
          outboxItem(tenant, `calm-${tenant}`, { key: 'calm-chat', availableAt: now }),
          outboxItem(other, `x-${tenant}-1`, { key: 'x-chat-1', availableAt: later(-30) }),
          outboxItem(other, `x-${tenant}-2`, { key: 'x-chat-2', availableAt: later(-20) }),
        ]);
        const ids = (leases: { item: { id: string } }[]) => leases.map((l) => l.item.id).sort();
        // The busy chat's old backlog and the whole paced tenant are skipped; an item put back to its turn is not.
        const first = await store.outbox.claim('w1', now, 10, 30000, { skip: [{ key: 'busy-chat', availableBefore: later(-2) }, { tenantId: other }] });
        expect(ids(first)).toEqual([`calm-${tenant}`, `paced-${tenant}`].sort());
        // Only the first item fits: the skipped backlog would have been first in line.
        await store.outbox.enqueue([outboxItem(tenant, `new-${tenant}`, { key: 'new-chat', availableAt: now })]);
        expect(ids(await store.outbox.claim('w2', now, 1, 30000, { skip: [{ key: 'busy-chat' }, { tenantId: other }] }))).toEqual([`new-${tenant}`]);
        expect(ids(await store.outbox.claim('w3', now, 10, 30000))).toEqual([...Array.from({ length: 5 }, (_, i) => `busy-${tenant}-${i}`), `x-${tenant}-1`, `x-${tenant}-2`].sort());
      });

      it('when a worker puts an item back for later, then it is not an attempt: the count and last error stay, and it returns at that time', async () => {
        await store.outbox.enqueue([outboxItem(tenant, `b-${tenant}`, { availableAt: now })]);
        const [first] = await store.outbox.claim('w1', now, 1, 30000);
        expect(await store.outbox.retry(first!, now, '503 Service Unavailable', now)).toBe(true);
        const [second] = await store.outbox.claim('w1', now, 1, 30000);
        expect(await store.outbox.release(second!, later(20), now)).toBe(true);
        expect(await store.outbox.release(second!, later(20), now)).toBe(false);
        expect(await store.outbox.claim('w2', later(19), 1, 30000)).toEqual([]);
        const [back] = await store.outbox.claim('w2', later(20), 1, 30000);
        expect(back!.item).toMatchObject({ id: `b-${tenant}`, status: 'pending', attempts: 1, lastError: '503 Service Unavailable', availableAt: later(20) });
        // Put back "now" (a worker shutting down): another worker takes it at once.
        expect(await store.outbox.release(back!, later(20), later(20))).toBe(true);
        expect((await store.outbox.claim('w3', later(20), 1, 30000)).map((l) => l.item.id)).toEqual([`b-${tenant}`]);
      });

      it('renews a lease still held, even one that ran out unnoticed, and never one another worker took since', async () => {
        await store.outbox.enqueue([outboxItem(tenant, `n-${tenant}`, { availableAt: now }), outboxItem(tenant, `m-${tenant}`, { availableAt: now })]);
        const leases = await store.outbox.claim('w1', now, 2, 1000);
        const kept = leases.find((l) => l.item.id === `n-${tenant}`)!;
        const lost = leases.find((l) => l.item.id === `m-${tenant}`)!;
        const renewed = await store.outbox.renew(kept, later(2), 60_000);
        expect(renewed).toMatchObject({ owner: 'w1', item: { id: `n-${tenant}` } });
        expect(renewed!.leaseUntil).toBe(later(62));
        const [taken] = await store.outbox.claim('w2', later(2), 10, 60_000);
        expect(taken!.item.id).toBe(`m-${tenant}`);
        expect(await store.outbox.renew(lost, later(2), 60_000)).toBeUndefined();
        expect(await store.outbox.renew(kept, later(3), 60_000)).toBeUndefined(); // the old lease is no longer the held one
        expect(await store.outbox.complete(renewed!, later(3))).toBe(true);
        expect(await store.outbox.complete(lost, later(3))).toBe(false);
        expect(await store.outbox.complete(taken!, later(3))).toBe(true);
      });

      it('purges finished items older than a time, never pending ones', async () => {
        await store.outbox.enqueue([outboxItem(tenant, `f-${tenant}`, { availableAt: now }), outboxItem(tenant, `q-${tenant}`, { availableAt: later(3600) })]);
        const [lease] = await store.outbox.claim('w1', now, 1, 30000);
        await store.outbox.complete(lease!, now);
        expect(await store.outbox.purge(later(1))).toBe(1);
        expect(await store.outbox.get(`f-${tenant}`)).toBeUndefined();
        expect(await store.outbox.get(`q-${tenant}`)).toBeDefined();
      });
    });

    describe('idempotency', () => {
      const now = '2026-11-20T10:00:00.000Z';
      it('the first caller of a key wins and every later caller gets the first value', async () => {
        const far = '2099-01-01T00:00:00.000Z';
        const results = await Promise.all(Array.from({ length: 10 }, (_, i) => store.idempotency.putIfAbsent(`k-${tenant}`, { caller: i }, far, now)));
        const created = results.filter((r) => r.created);
        expect(created).toHaveLength(1);
        const firstValue = (results.find((r) => !r.created) as { value: { caller: number } }).value;
        for (const r of results) if (!r.created) expect(r.value).toEqual(firstValue);
        await store.idempotency.set(`k-${tenant}`, { caller: 'final' }, far);
        expect(await store.idempotency.get(`k-${tenant}`, now)).toEqual({ caller: 'final' });
      });

      it('an expired key counts as absent and is purged', async () => {
        await store.idempotency.putIfAbsent(`e-${tenant}`, 1, '2000-01-01T00:00:00.000Z', now);
        expect(await store.idempotency.get(`e-${tenant}`, now)).toBeUndefined();
        expect(await store.idempotency.putIfAbsent(`e-${tenant}`, 2, '2099-01-01T00:00:00.000Z', now)).toEqual({ created: true });
        await store.idempotency.putIfAbsent(`e2-${tenant}`, 1, '2000-01-01T00:00:00.000Z', now);
        expect(await store.idempotency.purgeExpired('2001-01-01T00:00:00.000Z')).toBeGreaterThanOrEqual(1);
        expect(await store.idempotency.get(`e-${tenant}`, now)).toBe(2);
      });

      it('expiry is judged by the caller\'s clock, not the machine\'s: a key kept until a past date is alive for a clock before it', async () => {
        // A test clock (or a replayed turn) in the past still sees what it recorded a moment ago.
        const pastNow = '2020-06-01T10:00:00.000Z';
        await store.idempotency.putIfAbsent(`p-${tenant}`, 'first', '2020-06-02T10:00:00.000Z', pastNow);
        expect(await store.idempotency.get(`p-${tenant}`, pastNow)).toBe('first');
        expect(await store.idempotency.putIfAbsent(`p-${tenant}`, 'second', '2020-06-02T10:00:00.000Z', pastNow)).toEqual({ created: false, value: 'first' });
        expect(await store.idempotency.get(`p-${tenant}`, '2020-06-03T00:00:00.000Z')).toBeUndefined();
      });
    });

    describe('bot state (botbuilder Storage)', () => {
      it('reads what was written with a fresh eTag, refuses a stale eTag, overwrites with "*", and deletes', async () => {
        const key = `conv/${tenant}`;
        expect(await store.botState.read([key])).toEqual({});
        await store.botState.write({ [key]: { dialogStack: ['a'] } });
        const first = (await store.botState.read([key]))[key]!;
        expect(first).toMatchObject({ dialogStack: ['a'], eTag: expect.any(String) });
        await store.botState.write({ [key]: { ...first, dialogStack: ['b'] } });
        await expect(store.botState.write({ [key]: { ...first, dialogStack: ['stale'] } })).rejects.toThrow();
        expect((await store.botState.read([key]))[key]).toMatchObject({ dialogStack: ['b'] });
        await store.botState.write({ [key]: { dialogStack: ['forced'], eTag: '*' } });
        expect((await store.botState.read([key]))[key]).toMatchObject({ dialogStack: ['forced'] });
        await store.botState.delete([key]);
        expect(await store.botState.read([key])).toEqual({});
      });
    });

    it('answers ping while usable and refuses after close', async () => {
      await expect(store.ping()).resolves.toBeUndefined();
      await store.close();
      await expect(store.ping()).rejects.toThrow();
    });
  });
}

/** Run a child process that creates deals and prints "ACK <id>" after each acknowledged write; SIGKILL it after `count` acks. */
async function runChildWriterAndKill(env: Record<string, string>, tenantId: string, count: number): Promise<string[]> {
  const child = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', join(__dirname, 'childWriter.ts'), tenantId], {
    env: { ...process.env, ...env, TS_NODE_PROJECT: join(__dirname, '../../tsconfig.json') },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const acked: string[] = [];
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  await new Promise<void>((resolve, reject) => {
    let buffer = '';
    child.stdout.on('data', (d: Buffer) => {
      buffer += d.toString();
      const lines = buffer.split('\n');
      buffer = lines.pop()!;
      for (const line of lines) {
        if (line.startsWith('ACK ')) acked.push(line.slice(4));
        if (acked.length >= count) {
          child.kill('SIGKILL');
          resolve();
        }
      }
    });
    child.on('exit', () => (acked.length >= count ? resolve() : reject(new Error(`child exited early: ${stderr}`))));
  });
  await new Promise((r) => (child.exitCode !== null || child.signalCode !== null ? r(undefined) : child.once('exit', r)));
  expect(child.signalCode).toBe('SIGKILL');
  return acked;
}
