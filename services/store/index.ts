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

/** Open the configured store. SQLite (embedded, in DATA_DIR) is the default. */
export async function openStore(options: StoreOptions): Promise<Store> {
  switch (options.kind) {
    case 'sqlite':
      return SqliteStore.open(options.dataDir);
    case 'cosmos':
      throw new Error('STORE=cosmos is not available in this build; use STORE=sqlite');
  }
}
