import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './paths';

/**
 * Load the repository's .env, if there is one, the way `node --env-file` would: variables already set
 * in the environment win. The developer scripts read the same file a developer fills for the bot.
 */
export function loadDotEnv(): void {
  const file = join(ROOT, '.env');
  if (existsSync(file)) process.loadEnvFile(file);
}
