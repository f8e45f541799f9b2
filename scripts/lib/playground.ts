import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './paths';

/*
 * What `npm run playground` and `npm run referral:sample` agree on: the mock Teams context, where the
 * playground writes its log, its port, and the intake key the local bot accepts.
 */

/** The playground's config file (mock tenant, users, chats). Also where it looks by default, in the working directory. */
export const PLAYGROUND_CONFIG = join(ROOT, '.m365agentsplayground.yml');
/** The playground writes everything, start-up errors included, only to this file once its output is not a terminal. */
export const PLAYGROUND_LOG = join(ROOT, 'devTools', 'm365agentsplayground.log');
/** The playground's own default; the bot remembers `http://localhost:<port>/_connector` as the conversation's serviceUrl. */
export const DEFAULT_PLAYGROUND_PORT = 56150;
/** REFERRAL_INTAKE_KEY of the bot the playground starts, when none is set. Local use only. */
export const DEFAULT_INTAKE_KEY = 'playground-key';
export const DEFAULT_BOT_PORT = 3978;

/** A problem the developer can fix (a port, a setting, a file); its message says how, no stack needed. */
export class PlaygroundError extends Error {
  override readonly name = 'PlaygroundError';
}

/** A TCP port from an environment variable, or the default; refuses anything else by name. */
export function portFrom(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new PlaygroundError(`${name} must be a port number (1-65535), got "${raw}".`);
  return port;
}

/**
 * The mock tenant's id, read from the playground config. Only the top-level `tenantId:` line is read,
 * which keeps a YAML parser out of the dependencies.
 */
export function playgroundTenantId(configText: string = readFileSync(PLAYGROUND_CONFIG, 'utf8')): string {
  const match = /^tenantId:\s*["']?([0-9a-fA-F]{8}-(?:[0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12})["']?\s*(?:#.*)?$/m.exec(configText);
  if (!match?.[1]) throw new PlaygroundError(`No "tenantId: <GUID>" line in ${PLAYGROUND_CONFIG}.`);
  return match[1];
}
