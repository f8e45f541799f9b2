import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { benchBacklog } from './backlog';
import { benchCosmos } from './cosmos';
import { benchFanout } from './fanout';
import { benchStartup } from './startup';
import { benchSweep } from './sweep';
import { benchTurns } from './turns';
import { benchRuns, InvariantBroken, loadAverage, machine, machineKey, type Figure, type Spread } from './lib/stats';

/*
 * `npm run bench`: every benchmark, one table, the same as JSON in bench/results/<machine>.json (the
 * latest run on each machine). Each benchmark repeats its measurement BENCH_RUNS times (3 by default);
 * each figure is the median with the min and max over the runs, and a ratio to a floor is taken run by
 * run, the project and its floor measured side by side, so noise from whatever else the machine is
 * doing hits both. Exits 0 even when a target is missed (the table says so), but non-zero when a
 * correctness invariant broke. BENCH_ONLY=turns,fanout runs a subset.
 */

type Bench = { name: string; run: (runs: number) => Promise<Figure[]> };

const BENCHES: Bench[] = [
  {
    name: 'turns',
    run: (runs) =>
      benchTurns(
        {
          // Cycle the four stages so consecutive marks on one deal always change it.
          markStage: (dealId, round) => {
            const stage = ['qualified', 'developed', 'proposed', 'negotiated'][round % 4]!;
            return { verb: 'deal.stage', data: { dealId, stage }, expect: 'Stage saved' };
          },
        },
        runs,
      ),
  },
  { name: 'fanout', run: (runs) => benchFanout(runs) },
  { name: 'backlog', run: (runs) => benchBacklog(runs) },
  { name: 'sweep', run: (runs) => benchSweep(runs) },
  { name: 'startup', run: (runs) => benchStartup(runs) },
  { name: 'cosmos', run: () => benchCosmos() },
];

/** "48.6" for one run, "48.6 (45.1–52.3)" for several: the median, then the min and max. */
function show(s: Spread, runs: number): string {
  return runs === 1 || s.min === s.max ? `${s.median}` : `${s.median} (${s.min}–${s.max})`;
}

function table(figures: readonly Figure[]): string {
  const rows = [['benchmark', 'figure', 'runs', 'value: median (min–max)', 'reference', 'ratio', 'target', 'met']];
  for (const f of figures) {
    rows.push([
      f.benchmark,
      f.figure,
      `${f.runs}`,
      `${show(f.value, f.runs)} ${f.unit}`,
      f.reference ? `${show(f.reference, f.runs)} ${f.unit}` : '',
      f.ratio ? show(f.ratio, f.runs) : '',
      f.target ?? '',
      f.met === undefined ? '' : f.met ? 'yes' : 'NO',
    ]);
  }
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  return rows.map((r) => r.map((c, i) => c.padEnd(widths[i]!)).join(' | ')).join('\n');
}

async function main(): Promise<void> {
  const only = process.env.BENCH_ONLY?.split(',').map((s) => s.trim());
  const runs = benchRuns();
  const host = machine();
  const load = { atStart: loadAverage(), atEnd: NaN };
  const header = `machine: ${host.cpu}, ${host.cores} cores, ${host.memoryGb} GB, ${host.os}, Node ${host.node}; runs: ${runs} (BENCH_RUNS); load average at start: ${load.atStart}`;
  process.stderr.write(`${header}\n`);
  const figures: Figure[] = [];
  let broken = false;
  for (const bench of BENCHES.filter((b) => !only || only.includes(b.name))) {
    const t0 = performance.now();
    process.stderr.write(`running ${bench.name} (load average ${loadAverage()})…\n`);
    try {
      figures.push(...(await bench.run(runs)));
    } catch (err) {
      if (!(err instanceof InvariantBroken)) throw err;
      broken = true;
      process.stderr.write(`INVARIANT BROKEN in ${bench.name}: ${err.message}\n`);
    }
    process.stderr.write(`${bench.name} took ${((performance.now() - t0) / 1000).toFixed(1)} s\n`);
  }
  load.atEnd = loadAverage();
  process.stdout.write(`${header}, at end: ${load.atEnd}\n${table(figures)}\n`);
  const dir = join(__dirname, '..', '..', 'bench', 'results');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${machineKey(host)}.json`);
  // Written aside then renamed: an interrupted write never replaces the last good results (*.tmp is git-ignored).
  writeFileSync(`${file}.tmp`, JSON.stringify({ at: new Date().toISOString(), machine: host, loadAverage: load, runs, only: only ?? 'all', figures, invariantsHeld: !broken }, null, 2) + '\n');
  renameSync(`${file}.tmp`, file);
  process.stderr.write(`results written to ${file}\n`);
  process.exit(broken ? 1 : 0);
}

main().catch((err: unknown) => {
  process.stderr.write(`bench failed: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(2);
});
