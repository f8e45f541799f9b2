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
  ])('when %j, then loading fails naming the variable', (env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(message);
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
