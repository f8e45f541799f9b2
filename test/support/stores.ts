import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CosmosClient } from '@azure/cosmos';
import { createHttpsServer } from '@vercel/cosmosdb-server';
import { CosmosStore } from '../../services/store/cosmos';
import { tlsAgentFor } from '../../services/store/cosmos/client';
import type { Store } from '../../services/store/ports';
import { SqliteStore } from '../../services/store/sqlite';

/*
 * Both stores for end-to-end tests that must hold on each: the embedded SQLite one in a temporary
 * folder, and Cosmos DB on @vercel/cosmosdb-server (in memory, loopback, self-signed TLS), one fresh
 * database per store, the server started once per test file and never keeping the process alive.
 */

/** The emulator's published key; the test server accepts any key. */
const EMULATOR_KEY = 'C2y6yDjf5/R+ob0N8A7Cgv30VRDJIWEHLM+4QDU5DE2nQ9nDuVTqobD4b8mGGyPMbIZnqyMsEcaGQy67XIw/Jw==';

export interface OpenedStore {
  readonly store: Store;
  /** Close it (again, if the bot already did) and remove what it wrote. */
  close(): Promise<void>;
}

let cosmos: Promise<string> | undefined;
let databases = 0;

function cosmosEndpoint(): Promise<string> {
  cosmos ??= new Promise<string>((resolve) => {
    const server: Server = createHttpsServer();
    server.listen(0, '127.0.0.1', () => {
      server.unref();
      resolve(`https://127.0.0.1:${(server.address() as AddressInfo).port}/`);
    });
  });
  return cosmos;
}

async function openSqlite(): Promise<OpenedStore> {
  const dir = mkdtempSync(join(tmpdir(), 'cosell-e2e-store-'));
  const store = SqliteStore.open(dir);
  return {
    store,
    close: async () => {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function openCosmos(): Promise<OpenedStore> {
  const endpoint = await cosmosEndpoint();
  const database = `e2e-${process.pid}-${++databases}`;
  const store = await CosmosStore.open({ endpoint, key: EMULATOR_KEY, database, createContainers: true });
  return {
    store,
    close: async () => {
      await store.close();
      const admin = new CosmosClient({ endpoint, key: EMULATOR_KEY, agent: tlsAgentFor(endpoint)! });
      await admin.database(database).delete().catch(() => undefined);
      admin.dispose();
    },
  };
}

/** For describe.each: the store's name and how to open a fresh one. */
export const STORES: readonly (readonly [string, () => Promise<OpenedStore>])[] = [
  ['SQLite', openSqlite],
  ['Cosmos DB', openCosmos],
];
