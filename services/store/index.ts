import type { Store } from './ports';
import { SqliteStore } from './sqlite';

export interface StoreOptions {
  readonly kind: 'sqlite' | 'cosmos';
  readonly dataDir: string;
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
