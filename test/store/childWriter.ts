/*
 * Child process for the store contract's durability test: opens the store named by the environment
 * (as the bot would), creates deals one after another and prints "ACK <id>" once each write has been
 * acknowledged. The parent kills it with SIGKILL at some point and checks every acknowledged write.
 */
import { loadConfig } from '../../bot/config';
import { openStore } from '../../services/store';
import { newDealId } from '../../services/domain/ids';
import { outboundDeal } from '../support/fixtures';

async function run(): Promise<void> {
  const tenantId = process.argv[2]!;
  const config = loadConfig(process.env);
  const store = await openStore({ kind: config.store, dataDir: config.dataDir, cosmos: config.cosmos });
  for (let i = 0; ; i++) {
    const deal = { ...outboundDeal(), id: newDealId(), tenantId, name: `Durable ${i}` };
    await store.deals.create(deal);
    process.stdout.write(`ACK ${deal.id}\n`);
  }
}

run().catch((err: unknown) => {
  process.stderr.write(String(err instanceof Error ? err.stack : err));
  process.exit(1);
});
