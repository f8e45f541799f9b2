import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteStore } from '../../services/store/sqlite';
import { describeStoreContract } from './contract';

describeStoreContract('sqlite (embedded)', {
  async fresh() {
    const dir = mkdtempSync(join(tmpdir(), 'cosell-store-'));
    const store = SqliteStore.open(dir);
    return {
      store,
      env: { STORE: 'sqlite', DATA_DIR: dir },
      reopen: async () => SqliteStore.open(dir),
      dispose: async () => {
        await store.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  },
});
