/*
 * A bot process for multi-process tests. Without options it is the real bot (bot/index.ts main).
 * With CRASH_AFTER_DEAL_UPDATES=N it only sweeps once, on the same wiring, and SIGKILLs itself right
 * after the N-th deal update commits: a crash in the middle of a sweep.
 */
import { createApp, main } from '../../bot/index';
import { loadConfig } from '../../bot/config';
import { openStore } from '../../services/store';

async function crashDuringSweep(after: number): Promise<void> {
  const config = loadConfig(process.env);
  const store = await openStore({ kind: config.store, dataDir: config.dataDir, cosmos: config.cosmos });
  const update = store.deals.update.bind(store.deals);
  let committed = 0;
  store.deals.update = async (...args) => {
    const saved = await update(...args);
    if (++committed === after) process.kill(process.pid, 'SIGKILL');
    return saved;
  };
  const app = await createApp(config, { store, workers: false });
  await app.sweeper.sweepOnce();
  process.stdout.write('SWEEP COMPLETED WITHOUT CRASHING\n');
  process.exit(3);
}

const crashAfter = Number(process.env.CRASH_AFTER_DEAL_UPDATES ?? 0);
(crashAfter > 0 ? crashDuringSweep(crashAfter) : main()).catch((err: unknown) => {
  process.stderr.write(String(err instanceof Error ? err.stack : err));
  process.exit(1);
});
