import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FixedClock } from '../services/clock';
import { Effects } from '../services/notifications/effects';
import { SqliteStore } from '../services/store/sqlite';
import { Sweeper } from '../services/sweeper';
import { bulkLoad, NOW, RULES } from './lib/seed';
import { check, round, type Figure } from './lib/stats';

/*
 * Sweep cost: one sweep with 1,000 referrals due among 10,000 stored, then among 1,000,000 stored.
 * The sweep reads only what is due (an index on due_at), so the second must cost about the same.
 */

const DUE = 1000;

async function sweepAmong(total: number): Promise<{ ms: number; loadMs: number }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'cosell-bench-sweep-'));
  try {
    await SqliteStore.open(dataDir).close(); // create the schema
    const t0 = performance.now();
    bulkLoad(dataDir, total, DUE);
    const loadMs = performance.now() - t0;
    const store = SqliteStore.open(dataDir);
    try {
      const sweeper = new Sweeper({
        store,
        clock: new FixedClock(NOW),
        timeRules: RULES,
        effects: new Effects({ eventsEnabled: true }),
        logger: { info: () => undefined, error: () => undefined },
        intervalMs: 60_000,
      });
      const started = performance.now();
      const report = await sweeper.sweepOnce();
      const ms = performance.now() - started;
      check(report.examined === DUE && report.reminders === DUE, `sweep among ${total}: expected ${DUE} reminders, got ${report.reminders} of ${report.examined} examined`);
      const again = await sweeper.sweepOnce();
      check(again.reminders === 0, `a second sweep sent ${again.reminders} reminders again`);
      check((await store.outbox.counts()).pending === DUE, 'each reminder must queue exactly one fan-out');
      return { ms, loadMs };
    } finally {
      await store.close();
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

export async function benchSweep(): Promise<Figure[]> {
  const small = await sweepAmong(10_000);
  const large = await sweepAmong(1_000_000);
  const name = `sweep cost (${DUE} referrals due)`;
  return [
    { benchmark: name, figure: 'one sweep among 10,000 stored', value: round(small.ms, 0), unit: 'ms' },
    {
      benchmark: name,
      figure: 'one sweep among 1,000,000 stored',
      value: round(large.ms, 0),
      unit: 'ms',
      reference: round(small.ms, 0),
      ratio: round(large.ms / small.ms),
      target: '≤ 2× the 10,000 case',
      met: large.ms <= 2 * small.ms,
    },
  ];
}
