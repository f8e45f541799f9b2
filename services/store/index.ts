import type { Store } from './ports';
import { SqliteStore } from './sqlite';

export interface CosmosOptions {
  readonly endpoint?: string;
  /** Account key; when absent, Microsoft Entra ID (DefaultAzureCredential) is used. */
  readonly key?: string;
  readonly database: string;
  /** Create the database and containers when missing (off for locked-down accounts). */
  readonly createContainers: boolean;
}

export interface StoreOptions {
  readonly kind: 'sqlite' | 'cosmos';
  readonly dataDir: string;
  readonly cosmos?: CosmosOptions;
}

/** Open the configured store. SQLite (embedded, in DATA_DIR) is the default; Cosmos DB creates what is missing first. */
export async function openStore(options: StoreOptions): Promise<Store> {
  switch (options.kind) {
    case 'sqlite':
      return SqliteStore.open(options.dataDir);
    case 'cosmos': {
      const cosmos = options.cosmos;
      if (!cosmos?.endpoint) throw new Error('STORE=cosmos needs COSMOS_ENDPOINT');
      // Loaded only when chosen: the Azure SDKs add start-up time the embedded store does not need.
      const { CosmosStore } = await import('./cosmos');
      return CosmosStore.open({ ...cosmos, endpoint: cosmos.endpoint });
    }
  }
}
