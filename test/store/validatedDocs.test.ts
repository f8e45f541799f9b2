import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { acceptInput, acceptReferral, declineReferral, DeclineInput, Deal, Member, type Deal as DealT } from '../../services/domain';
import { SqliteStore } from '../../services/store/sqlite';
import { admin, ANA_ON_TEAM, ctx, member, NOW, outboundDeal, receivedReferral, RULES, TENANT, unwrap } from '../support/fixtures';

/*
 * The embedded store skips the schema for a document version it already validated (see
 * services/store/sqlite/validatedDocs.ts). What a reader gets must not change: always what the schema
 * gives, never an object another reader holds, and a version written by anyone else goes through the
 * schema again.
 */

let dir: string;
let store: SqliteStore;
/** Another writer on the same file: what a second bot process, a migration or a hand edit would do. */
let other: Database.Database;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'cosell-validated-'));
  store = SqliteStore.open(dir);
  other = new Database(join(dir, 'cosell.sqlite'));
});

afterEach(async () => {
  other.close();
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

const roundTrip = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;

/** Deals in the shapes the bot stores: received, accepted (optional texts left out), declined with "other", outbound with a team. */
function sampleDeals(): DealT[] {
  const accept = acceptInput(NOW.toISODate()!).parse({ name: 'Contoso migration', value: { amount: '260000', currency: 'EUR' }, closeDate: '2027-04-30', notes: '', crmId: ' ', team: [ANA_ON_TEAM] });
  return [
    receivedReferral(),
    unwrap(acceptReferral(receivedReferral({ externalId: 'pc-2' }), accept, ctx(), RULES)),
    unwrap(declineReferral(receivedReferral({ externalId: 'pc-3' }), DeclineInput.parse({ reason: 'other', reasonText: 'Too far', notes: '' }), ctx(), RULES)),
    outboundDeal(),
  ];
}

describe('documents validated once read as if validated every time', () => {
  it("when the schema's output is stored and read back, then the schema gives the same again (its transforms are idempotent)", () => {
    for (const deal of sampleDeals()) {
      const stored = roundTrip(Deal.parse(deal));
      expect(Deal.parse(stored)).toStrictEqual(stored);
    }
    for (const m of [member(), admin({ phone: '+33 6 00 00 00 00', locale: 'fr-FR', timeZone: 'Europe/Paris' }), member({ email: '' as never })]) {
      const stored = roundTrip(Member.parse(m));
      expect(Member.parse(stored)).toStrictEqual(stored);
    }
  });

  it('when a deal and a member this process wrote are read again and again, then each read is what the schema gives, as a fresh object', async () => {
    for (const deal of sampleDeals()) {
      const created = await store.deals.create(deal);
      const updated = await store.deals.update({ ...created.value, notes: 'Second version' }, created.etag);
      const expected = Deal.parse(JSON.parse(other.prepare('SELECT doc FROM deals WHERE id = ?').pluck().get(deal.id) as string));
      const first = (await store.deals.get(TENANT, deal.id))!;
      expect(first).toStrictEqual({ value: expected, etag: updated.etag });
      first.value.team.push({ name: 'Mallory', phone: '+33 1 00 00 00 00', email: 'mallory@example.com' });
      first.value.notes = 'changed by a reader';
      for (let i = 0; i < 3; i++) expect((await store.deals.get(TENANT, deal.id))!.value).toStrictEqual(expected);
    }
    await store.members.create(member());
    for (let i = 0; i < 4; i++) {
      const read = (await store.members.get(TENANT, 'user-ana'))!;
      expect(read.value).toStrictEqual(Member.parse(member()));
      read.value.locationScopes.push('DE');
    }
  });

  it('when another writer stores a version the schema normalizes, then every read normalizes it, not only the first', async () => {
    const deal = receivedReferral();
    await store.deals.create(deal);
    const old = { ...roundTrip(deal), location: 'fr' } as Record<string, unknown>;
    delete old.favoritedBy; // a document from before favorites: the schema fills the default
    other.prepare('UPDATE deals SET etag = ?, doc = ? WHERE id = ?').run('etag-from-elsewhere', JSON.stringify(old), deal.id);
    for (let i = 0; i < 4; i++) {
      const read = (await store.deals.get(TENANT, deal.id))!;
      expect(read.etag).toBe('etag-from-elsewhere');
      expect(read.value.location).toBe('FR');
      expect(read.value.favoritedBy).toEqual([]);
    }
  });

  it('when another writer stores an invalid version over one read many times, then every read refuses it', async () => {
    await store.members.create(member());
    for (let i = 0; i < 3; i++) await store.members.get(TENANT, 'user-ana');
    other.prepare('UPDATE members SET etag = ?, doc = ? WHERE user_id = ?').run('bad-etag', JSON.stringify({ ...member(), role: 'emperor' }), 'user-ana');
    for (let i = 0; i < 3; i++) await expect(store.members.get(TENANT, 'user-ana')).rejects.toThrow();
  });
});
