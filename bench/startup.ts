import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawn } from 'node:child_process';
import { SqliteStore } from '../services/store/sqlite';
import { DIST, rssOf } from './lib/processes';
import { bulkLoad } from './lib/seed';
import { percentile, round, type Figure } from './lib/stats';

/*
 * Start and memory: from process start to GET /healthz answering 200, and the resident memory then,
 * with 100,000 deals stored; the median of five starts.
 */

const DEALS = 100_000;
const RUNS = 5;

async function once(dataDir: string, port: number): Promise<{ ms: number; rssMb: number }> {
  const t0 = performance.now();
  const child = spawn(process.execPath, ['--disable-warning=DEP0111', join(DIST, 'bot/index.js')], {
    env: { ...process.env, DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn' },
    stdio: 'ignore',
  });
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`the bot exited with ${child.exitCode}`);
      try {
        const res = await fetch(`http://127.0.0.1:${port}/healthz`);
        if (res.status === 200) break;
      } catch {
        // not listening yet
      }
      if (performance.now() - t0 > 30_000) throw new Error('the bot did not become healthy in 30 s');
      await new Promise((r) => setTimeout(r, 5));
    }
    const ms = performance.now() - t0;
    await new Promise((r) => setTimeout(r, 1000)); // the sweeper and outbox worker start with the server: let them settle
    return { ms, rssMb: rssOf(child.pid!) };
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
  }
}

export async function benchStartup(): Promise<Figure[]> {
  const dataDir = mkdtempSync(join(tmpdir(), 'cosell-bench-start-'));
  try {
    await SqliteStore.open(dataDir).close();
    bulkLoad(dataDir, DEALS, 0);
    const runs: { ms: number; rssMb: number }[] = [];
    for (let i = 0; i < RUNS; i++) runs.push(await once(dataDir, 39000 + i));
    const ms = percentile(runs.map((r) => r.ms), 50);
    const rss = percentile(runs.map((r) => r.rssMb), 50);
    const name = `start and memory (${DEALS.toLocaleString('en-US')} deals stored; median of ${RUNS})`;
    return [
      { benchmark: name, figure: 'process start to /healthz 200', value: round(ms, 0), unit: 'ms', target: '< 1500 ms', met: ms < 1500 },
      { benchmark: name, figure: 'resident memory once healthy', value: round(rss, 0), unit: 'MB', target: '< 250 MB', met: rss < 250 },
    ];
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}
