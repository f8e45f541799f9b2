import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteStore } from '../../services/store/sqlite';
import { searchWords, wordKeys } from '../../services/domain/search';
import { outboundDeal } from '../support/fixtures';
import { describeStoreContract } from './contract';

describeStoreContract('sqlite (embedded)', {
  async fresh() {
    const dir = mkdtempSync(join(tmpdir(), 'cosell-store-'));
    const store = SqliteStore.open(dir);
    return {
      store,
      env: { STORE: 'sqlite', DATA_DIR: dir },
      reopen: async () => SqliteStore.open(dir),
      dispose: async () => {
        await store.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  },
});

describe('sqlite store specifics: search', () => {
  it('when deals were stored before search keys existed (no keys in the index), then reopening the store makes them searchable, stage and close date included', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cosell-store-'));
    try {
      const deal = { ...outboundDeal(), name: 'Société Générale – cloud' };
      (await SqliteStore.open(dir).close());
      // A row as a writer from before wrote it: the document and the list columns, nothing for search.
      const db = new Database(join(dir, 'cosell.sqlite'));
      db.prepare(
        `INSERT INTO deals (tenant_id, id, etag, direction, open, location, name_lower, created_at, due_at, doc) VALUES (?, ?, 'old', 'outbound', 1, 'FR', ?, ?, NULL, ?)`,
      ).run(deal.tenantId, deal.id, deal.name.toLowerCase(), deal.createdAt, JSON.stringify(deal));
      db.close();

      const store = SqliteStore.open(dir);
      try {
        const keys = { groups: searchWords('societe generale').map(wordKeys), mode: 'all' as const };
        expect((await store.deals.searchByKeys(deal.tenantId, keys, { stage: 'created', closeBy: deal.closeDate }, 10)).map((d) => d.value.id)).toEqual([deal.id]);
        expect(await store.deals.indexOlderDeals()).toEqual({ rewritten: 0, complete: true });
      } finally {
        await store.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
