import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { SqliteStore } from '../services/store/sqlite';
import { cpuOf, DIST, rssOf } from './lib/processes';
import { bulkLoad } from './lib/seed';
import { round, summarize, type Figure, type Sample } from './lib/stats';

/*
 * Start and memory with 100,000 deals stored: from spawning to GET /healthz answering 200, three ways
 * in turn each round — `npm start` (the README's command, the target), `node scripts/start.js` (what
 * npm runs: the difference is npm's own start-up) and `node dist/bot/index.js` (the bot alone: the
 * difference is start.js checking that the build is current) — and the bot's resident memory then.
 * Beside the wall time, the CPU time those processes spent until then: start-up is one thread of
 * loading and compiling code, so on a quiet machine the two meet, and on a busy one the CPU time
 * still says what starting costs.
 */

const DEALS = 100_000;
/** Start-up is a single short measurement, noisier than the others: never fewer rounds than this. */
const MIN_ROUNDS = 5;
const ROOT = join(DIST, '..');

type Way = 'npm start' | 'node scripts/start.js' | 'node dist/bot/index.js';

function spawnWay(way: Way, env: NodeJS.ProcessEnv): ChildProcess {
  const options: SpawnOptions = { cwd: ROOT, env, stdio: ['ignore', 'ignore', 'pipe'] };
  switch (way) {
    case 'npm start': {
      // npm starts a shell that starts node: its own process group, so stopping it stops them all.
      const npm = process.env.npm_execpath;
      return npm ? spawn(process.execPath, [npm, 'start'], { ...options, detached: true }) : spawn('npm', ['start'], { ...options, detached: true });
    }
    case 'node scripts/start.js':
      return spawn(process.execPath, ['--disable-warning=DEP0111', join(ROOT, 'scripts/start.js')], options);
    case 'node dist/bot/index.js':
      return spawn(process.execPath, ['--disable-warning=DEP0111', join(DIST, 'bot/index.js')], options);
  }
}

async function stop(way: Way, child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  if (way === 'npm start') process.kill(-child.pid!, 'SIGTERM');
  else child.kill('SIGTERM');
  await exited;
  if (way !== 'npm start') return;
  // The bot under npm must be gone too before the next start opens the same store.
  for (;;) {
    try {
      process.kill(-child.pid!, 0);
    } catch {
      return;
    }
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** A port nothing listens on now: fixed ports collide with other benchmarks and tests on the same machine. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

interface Start {
  /** Also read the bot's resident memory once it settled (only for the bot spawned directly: npm is another process). */
  readonly memory?: boolean;
  /** A warm-up may compile first: it is not measured. */
  readonly warmUp?: boolean;
}

/** The processes of a group (npm, its shell and the bot it starts): /proc/<pid>/stat's 5th field is the group. */
function groupMembers(pgid: number): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      if (Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[2]) === pgid) pids.push(Number(entry));
    } catch {
      // gone meanwhile
    }
  }
  return pids;
}

/** CPU time spent so far by what a way started: on a busy machine it still says what the start costs. */
function cpuSpent(way: Way, child: ChildProcess): number {
  const pids = way === 'npm start' ? groupMembers(child.pid!) : [child.pid!];
  return pids.reduce((sum, pid) => {
    try {
      return sum + cpuOf(pid);
    } catch {
      return sum;
    }
  }, 0);
}

async function once(way: Way, dataDir: string, how: Start = {}): Promise<{ ms: number; cpuMs: number; rssMb?: number }> {
  const port = await freePort();
  const t0 = performance.now();
  const child = spawnWay(way, { ...process.env, DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn' });
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`${way} exited with ${child.exitCode}: ${stderr}`);
      try {
        const res = await fetch(`http://127.0.0.1:${port}/healthz`);
        if (res.status === 200) break;
      } catch {
        // not listening yet
      }
      if (performance.now() - t0 > 60_000) throw new Error(`${way}: the bot did not become healthy in 60 s: ${stderr}`);
      await new Promise((r) => setTimeout(r, 5));
    }
    const ms = performance.now() - t0;
    const cpuMs = cpuSpent(way, child);
    // A start that compiled measured the compiler, not the start.
    if (!how.warmUp && /compiling first/.test(stderr)) throw new Error(`${way} compiled before starting: the build was not current (${stderr.trim()})`);
    if (!how.memory) return { ms, cpuMs };
    await new Promise((r) => setTimeout(r, 1000)); // the sweeper and outbox worker start with the server: let them settle
    return { ms, cpuMs, rssMb: rssOf(child.pid!) };
  } finally {
    await stop(way, child);
  }
}

export async function benchStartup(runs = 1): Promise<Figure[]> {
  const dataDir = mkdtempSync(join(tmpdir(), 'cosell-bench-start-'));
  try {
    await SqliteStore.open(dataDir).close();
    bulkLoad(dataDir, DEALS, 0);
    // Unmeasured: compiles if a source is newer than the build (as `npm start` would), and warms the disk cache.
    await once('npm start', dataDir, { warmUp: true });
    const rounds = Math.max(runs, MIN_ROUNDS);
    const ways: Way[] = ['npm start', 'node scripts/start.js', 'node dist/bot/index.js'];
    const samples = new Map<Way, Sample[]>(ways.map((w) => [w, []]));
    const cpu = new Map<Way, Sample[]>(ways.map((w) => [w, []]));
    const memory: Sample[] = [];
    for (let r = 1; r <= rounds; r++) {
      const line: string[] = [];
      for (const way of ways) {
        const run = await once(way, dataDir, { memory: way === 'node dist/bot/index.js' });
        samples.get(way)!.push({ value: run.ms });
        cpu.get(way)!.push({ value: run.cpuMs });
        if (run.rssMb !== undefined) memory.push({ value: run.rssMb });
        line.push(`${way} ${round(run.ms, 0)} ms (CPU ${round(run.cpuMs, 0)} ms)`);
      }
      process.stderr.write(`  round ${r}/${rounds}: ${line.join(', ')}\n`);
    }
    const benchmark = `start and memory (${DEALS.toLocaleString('en-US')} deals stored)`;
    return [
      summarize({ benchmark, figure: '`npm start` to /healthz 200', unit: 'ms', digits: 0, target: '< 1500 ms', meets: (m) => m.value < 1500 }, samples.get('npm start')!),
      summarize({ benchmark, figure: '`node scripts/start.js` to /healthz 200 (without npm)', unit: 'ms', digits: 0 }, samples.get('node scripts/start.js')!),
      summarize({ benchmark, figure: '`node dist/bot/index.js` to /healthz 200 (the bot alone)', unit: 'ms', digits: 0 }, samples.get('node dist/bot/index.js')!),
      summarize({ benchmark, figure: '`npm start` to /healthz 200: CPU time of npm, its shell and the bot', unit: 'ms', digits: 0 }, cpu.get('npm start')!),
      summarize({ benchmark, figure: '`node dist/bot/index.js` to /healthz 200: CPU time', unit: 'ms', digits: 0 }, cpu.get('node dist/bot/index.js')!),
      summarize({ benchmark, figure: 'resident memory once healthy', unit: 'MB', digits: 0, target: '< 250 MB', meets: (m) => m.value < 250 }, memory),
    ];
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}
