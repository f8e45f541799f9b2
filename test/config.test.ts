import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadConfig } from '../bot/config';

describe('configuration is parsed once at start-up', () => {
  it('when nothing is set, then the defaults apply: port 3978, embedded store in ./data, no auth', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ port: 3978, dataDir: './data', store: 'sqlite', bot: { appId: undefined }, sweepIntervalMs: 60000, reminderLeadTimes: 'P7D,P3D,P1D' });
  });

  it.each<[Record<string, string>, RegExp]>([
    [{ PORT: 'eighty' }, /PORT/],
    [{ PORT: '70000' }, /PORT/],
    [{ STORE: 'postgres' }, /STORE/],
    [{ REMINDER_LEAD_TIMES: 'P7D,soon' }, /REMINDER_LEAD_TIMES: "soon" is not a positive ISO-8601 duration/],
    [{ SWEEP_INTERVAL_SECONDS: '-5' }, /SWEEP_INTERVAL_SECONDS/],
    [{ MicrosoftAppId: 'abc' }, /MicrosoftAppPassword: is required when MicrosoftAppId is set/],
    [{ REFERRAL_EVENTS_URL: 'ftp://example.com' }, /REFERRAL_EVENTS_URL/],
    [{ REFERRAL_EVENTS_URL: 'https://example.com/hook' }, /REFERRAL_EVENTS_SECRET/],
    [{ STORE: 'cosmos' }, /COSMOS_ENDPOINT/],
    [{ PARTNER_CENTER_DEV_TENANT: 'tenant-1' }, /PARTNER_CENTER_DEV_TOKEN: PARTNER_CENTER_DEV_TENANT and PARTNER_CENTER_DEV_TOKEN go together/],
    [{ PARTNER_CENTER_DEV_TENANT: 't', PARTNER_CENTER_DEV_TOKEN: 'x', MicrosoftAppId: 'a', MicrosoftAppPassword: 'p' }, /PARTNER_CENTER_DEV_TENANT: is for local runs against a Partner Center stand-in only, and is refused when MicrosoftAppId is set/],
    [{ PARTNER_CENTER_WEBHOOK_ROOTS: '/nonexistent/roots.pem' }, /PARTNER_CENTER_WEBHOOK_ROOTS: no such file/],
    [{ PARTNER_CENTER_SYNC_SECONDS: '0' }, /PARTNER_CENTER_SYNC_SECONDS/],
    [{ PUBLIC_BASE_URL: 'not a url' }, /PUBLIC_BASE_URL/],
  ])('when %j, then loading fails naming the variable', (env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(message);
  });

  it('when nothing about Partner Center is set, then it talks to Microsoft’s hosts, syncs every 300 s, and trusts the shipped Microsoft roots only for certificates from Partner Center’s hosts', () => {
    const { partnerCenter } = loadConfig({});
    expect(partnerCenter).toEqual({
      apiUrl: 'https://api.partner.microsoft.com',
      webhooksUrl: 'https://api.partnercenter.microsoft.com/webhooks/v1',
      connection: undefined,
      publicBaseUrl: undefined,
      syncMs: 300_000,
      webhookRootsFile: expect.stringMatching(/services[/\\]partnerCenter[/\\]microsoft-roots\.pem$/),
      certHosts: ['3psostorageacct.blob.core.windows.net', 'www.microsoft.com', 'cacerts.digicert.com'],
    });
    const roots = require('node:fs').readFileSync(partnerCenter.webhookRootsFile, 'utf8') as string;
    expect(roots).toContain('Microsoft RSA Root Certificate Authority 2017');
    expect(roots).toContain('DigiCert Global Root G2');
  });

  it('when the development tenant and token are set without an app id, then that tenant is connected with the token', () => {
    expect(loadConfig({ PARTNER_CENTER_DEV_TENANT: 'tenant-1', PARTNER_CENTER_DEV_TOKEN: 'dev-token' }).partnerCenter.dev).toEqual({ tenantId: 'tenant-1', token: 'dev-token' });
  });

  it('when the process starts with a bad value, then it stops with exit code 2 and a message naming the variable', () => {
    const run = spawnSync(process.execPath, ['-r', 'ts-node/register/transpile-only', join(__dirname, '../bot/index.ts')], {
      env: { ...process.env, PORT: 'not-a-port', TS_NODE_PROJECT: join(__dirname, '../tsconfig.json') },
      encoding: 'utf8',
      timeout: 30000,
    });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('PORT');
  });

  it('when a .env file is next to where the bot starts, then it fills what the environment does not set', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cosell-dotenv-'));
    try {
      writeFileSync(join(dir, '.env'), 'SWEEP_INTERVAL_SECONDS=soon\nPORT=not-a-port\n');
      const env: NodeJS.ProcessEnv = { ...process.env, PORT: '0', TS_NODE_PROJECT: join(__dirname, '../tsconfig.json') };
      delete env.SWEEP_INTERVAL_SECONDS;
      const tsNode = require.resolve('ts-node/register/transpile-only');
      const run = spawnSync(process.execPath, ['-r', tsNode, join(__dirname, '../bot/index.ts')], { cwd: dir, env, encoding: 'utf8', timeout: 30000 });
      expect(run.status).toBe(2);
      expect(run.stderr).toContain('SWEEP_INTERVAL_SECONDS');
      expect(run.stderr).not.toContain('PORT');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
