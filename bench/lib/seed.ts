import Database from 'better-sqlite3';
import { closeSync, fsyncSync, openSync } from 'node:fs';
import { join } from 'node:path';
import { DateTime } from 'luxon';
import { receiveReferral } from '../../services/domain/lifecycle';
import { parseLeadTimes } from '../../services/domain/schedule';
import type { Deal } from '../../services/domain/model';
import { dealSearchSource } from '../../services/domain/search';
import { searchDocument } from '../../services/store/sqlite/deals';

export const NOW = DateTime.fromISO('2026-11-20T10:00:00Z', { zone: 'utc' });
export const RULES = { reminderLeadTimes: parseLeadTimes('P7D,P3D,P1D') };
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

export function dealId(n: number): string {
  let s = '';
  for (let i = 0; i < 12; i++) {
    s = ALPHABET[n % 32] + s;
    n = Math.floor(n / 32);
  }
  return `D${s}`;
}

/** A received referral built by the domain, created `createdDaysAgo` before `now`. */
export function referral(tenantId: string, n: number, createdDaysAgo: number, now = NOW): Deal {
  const created = now.minus({ days: createdDaysAgo, minutes: n % 1440 });
  const deal = receiveReferral(
    {
      tenantId,
      externalId: `x-${n}`,
      name: `Referral ${n}`,
      location: 'FR',
      sender: { type: 'Microsoft', organizationName: 'Microsoft' },
      customer: { name: 'Contoso SA', country: 'FR', contacts: [], contactConsent: false },
      value: { amount: 1000 + n, currency: 'EUR' },
      closeDate: '2027-03-31',
      solutions: [{ kind: 'microsoft', name: 'Azure Migrate' }],
      createdAt: created,
    },
    created,
    RULES,
  );
  return { ...deal, id: dealId(n) };
}

/**
 * Bulk-load `total` deals with the embedded store's own schema (create it first by opening the
 * store), in large unsynchronised transactions: one durable commit per deal through the repository
 * would take hours for a million, and what the benchmarks measure is what comes after. The first
 * `due` deals have a reminder due at NOW; the others are received referrals whose first reminder is
 * days away, so they sit in the due index too. Each gets its search keys, as the repository writes
 * them, so the store opens on an index it need not complete.
 */
export function bulkLoad(dataDir: string, total: number, due: number): void {
  const file = join(dataDir, 'cosell.sqlite');
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = OFF');
  const insert = db.prepare(
    `INSERT INTO deals (tenant_id, id, etag, direction, open, location, name_lower, created_at, due_at, doc, search_source)
     VALUES (?, ?, 'seed', 'inbound', 1, 'FR', ?, ?, ?, ?, ?)`,
  );
  const index = db.prepare('INSERT INTO deal_search (rowid, keys) VALUES (?, ?)');
  const notDue = referral('tenant-0', 0, 1);
  const notDueDoc = JSON.stringify(notDue);
  const batch = db.transaction((from: number, to: number) => {
    for (let n = from; n < to; n++) {
      const tenant = `tenant-${n % 97}`;
      if (n < due) {
        const d = { ...referral(tenant, n, 8), tenantId: tenant };
        const row = insert.run(tenant, d.id, d.name.toLowerCase(), d.createdAt, d.dueAt, JSON.stringify(d), dealSearchSource(d));
        index.run(row.lastInsertRowid, searchDocument(d));
      } else {
        const id = dealId(n);
        const doc = notDueDoc.replace(`"id":"${notDue.id}"`, `"id":"${id}"`).replace(`"tenantId":"tenant-0"`, `"tenantId":"${tenant}"`);
        const d = { ...notDue, id, tenantId: tenant };
        const row = insert.run(tenant, id, notDue.name.toLowerCase(), notDue.createdAt, notDue.dueAt, doc, dealSearchSource(d));
        index.run(row.lastInsertRowid, searchDocument(d));
      }
    }
  });
  for (let from = 0; from < total; from += 50_000) batch(from, Math.min(total, from + 50_000));
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  // Unsynchronised, the load leaves gigabytes for the OS to write back: on disk now, or the first fsync
  // of what is measured next (a sweep's commit, a start's health check) pays for the load.
  const fd = openSync(file, 'r+');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
