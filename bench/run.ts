import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { benchBacklog } from './backlog';
import { benchCosmos } from './cosmos';
import { benchFanout } from './fanout';
import { benchStartup } from './startup';
import { benchSweep } from './sweep';
import { benchTurns } from './turns';
import { InvariantBroken, type Figure } from './lib/stats';

/*
 * `npm run bench`: every benchmark, one table, the same as JSON under bench/results/. Exits 0 even
 * when a target is missed (the table says so), but non-zero when a correctness invariant broke.
 * BENCH_ONLY=turns,fanout runs a subset.
 */

type Bench = { name: string; run: () => Promise<Figure[]> };

const BENCHES: Bench[] = [
  {
    name: 'turns',
    run: () =>
      benchTurns({
        // Cycle the four stages so consecutive marks on one deal always change it.
        markStage: (dealId, round) => {
          const stage = ['qualified', 'developed', 'proposed', 'negotiated'][round % 4]!;
          return { verb: 'deal.stage', data: { dealId, stage }, expect: 'Stage saved' };
        },
      }),
  },
  { name: 'fanout', run: () => benchFanout() },
  { name: 'backlog', run: () => benchBacklog() },
  { name: 'sweep', run: () => benchSweep() },
  { name: 'startup', run: () => benchStartup() },
  { name: 'cosmos', run: () => benchCosmos() },
];

function table(figures: readonly Figure[]): string {
  const rows = [['benchmark', 'figure', 'value', 'reference', 'ratio', 'target', 'met']];
  for (const f of figures) {
    rows.push([f.benchmark, f.figure, `${f.value} ${f.unit}`, f.reference === undefined ? '' : `${f.reference} ${f.unit}`, f.ratio === undefined ? '' : `${f.ratio}`, f.target ?? '', f.met === undefined ? '' : f.met ? 'yes' : 'NO']);
  }
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  return rows.map((r) => r.map((c, i) => c.padEnd(widths[i]!)).join(' | ')).join('\n');
}

async function main(): Promise<void> {
  const only = process.env.BENCH_ONLY?.split(',').map((s) => s.trim());
  const figures: Figure[] = [];
  let broken = false;
  for (const bench of BENCHES.filter((b) => !only || only.includes(b.name))) {
    const t0 = performance.now();
    process.stderr.write(`running ${bench.name}…\n`);
    try {
      figures.push(...(await bench.run()));
    } catch (err) {
      if (!(err instanceof InvariantBroken)) throw err;
      broken = true;
      process.stderr.write(`INVARIANT BROKEN in ${bench.name}: ${err.message}\n`);
    }
    process.stderr.write(`${bench.name} took ${((performance.now() - t0) / 1000).toFixed(1)} s\n`);
  }
  const out = table(figures);
  process.stdout.write(`${out}\n`);
  const dir = join(__dirname, '..', '..', 'bench', 'results');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  writeFileSync(file, JSON.stringify({ at: new Date().toISOString(), node: process.version, cpus: require('node:os').cpus().length, figures, invariantsHeld: !broken }, null, 2) + '\n');
  process.stderr.write(`results written to ${file}\n`);
  process.exit(broken ? 1 : 0);
}

main().catch((err: unknown) => {
  process.stderr.write(`bench failed: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(2);
});
