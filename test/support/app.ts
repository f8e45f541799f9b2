import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp, type App, type AppOverrides } from '../../bot/index';
import { loadConfig } from '../../bot/config';
import { TENANT } from './fixtures';

export interface TestApp {
  readonly app: App;
  readonly url: string;
  readonly dataDir: string;
  /** POST an activity to /api/messages; resolves with the HTTP status and parsed body. */
  post(activity: Record<string, unknown>, headers?: Record<string, string>): Promise<{ status: number; body: unknown }>;
  stop(): Promise<void>;
}

/** Start the real bot (HTTP server, adapter, embedded store in a temp dir) on a free port. */
export async function startTestApp(env: Record<string, string> = {}, overrides: AppOverrides = {}, dataDir?: string): Promise<TestApp> {
  const dir = dataDir ?? mkdtempSync(join(tmpdir(), 'cosell-app-'));
  const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', DATA_DIR: dir, LOG_LEVEL: 'silent', ...env });
  const app = await createApp(config, overrides);
  const url = await app.start();
  return {
    app,
    url,
    dataDir: dir,
    async post(activity, headers = {}) {
      const res = await fetch(`${url}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify(activity),
      });
      const text = await res.text();
      let body: unknown = text;
      try {
        body = text ? JSON.parse(text) : undefined;
      } catch {
        // not JSON
      }
      return { status: res.status, body };
    },
    async stop() {
      await app.stop();
      if (!dataDir) rmSync(dir, { recursive: true, force: true });
    },
  };
}

let activityCounter = 0;

export interface Who {
  readonly id: string;
  readonly aadObjectId?: string;
  readonly name: string;
}

/** A Teams-shaped activity in a personal chat; `serviceUrl` points at the connector stand-in. */
export function teamsActivity(serviceUrl: string, fields: Record<string, unknown> & { from?: Who; conversationId?: string; tenantId?: string }): Record<string, unknown> {
  const { from, conversationId, tenantId, ...rest } = fields;
  const user = from ?? { id: '29:ana', aadObjectId: 'user-ana', name: 'Ana Seller' };
  const tenant = tenantId ?? TENANT;
  return {
    type: 'message',
    id: `activity-${process.pid}-${++activityCounter}`,
    timestamp: new Date().toISOString(),
    channelId: 'msteams',
    serviceUrl,
    from: user,
    recipient: { id: '28:cosell-bot', name: 'Co-sell' },
    conversation: { id: conversationId ?? `a:personal-${user.id}`, conversationType: 'personal', tenantId: tenant },
    channelData: { tenant: { id: tenant } },
    locale: 'en-US',
    entities: [{ type: 'clientInfo', locale: 'en-US', timezone: 'Europe/Paris', country: 'FR', platform: 'Web' }],
    ...rest,
  };
}
