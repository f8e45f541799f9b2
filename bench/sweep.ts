import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FixedClock } from '../services/clock';
import { Effects } from '../services/notifications/effects';
import { SqliteStore } from '../services/store/sqlite';
import { Sweeper } from '../services/sweeper';
import { bulkLoad, NOW, RULES } from './lib/seed';
import { check, round, summarize, type Figure, type Sample } from './lib/stats';

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

export async function benchSweep(runs = 1): Promise<Figure[]> {
  const small: Sample[] = [];
  const large: Sample[] = [];
  for (let r = 1; r <= runs; r++) {
    // The pair side by side in each run, so what else the machine does hits both.
    const s = await sweepAmong(10_000);
    const l = await sweepAmong(1_000_000);
    small.push({ value: s.ms });
    large.push({ value: l.ms, reference: s.ms });
    process.stderr.write(`  run ${r}/${runs}: ${round(s.ms, 0)} ms among 10,000, ${round(l.ms, 0)} ms among 1,000,000\n`);
  }
  const benchmark = `sweep cost (${DUE} referrals due)`;
  return [
    summarize({ benchmark, figure: 'one sweep among 10,000 stored', unit: 'ms', digits: 0 }, small),
    summarize({ benchmark, figure: 'one sweep among 1,000,000 stored (reference: among 10,000)', unit: 'ms', digits: 0, target: '≤ 2× the 10,000 case', meets: (m) => m.ratio! <= 2 }, large),
  ];
}
