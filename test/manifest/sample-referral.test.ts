import { spawn } from 'node:child_process';
import { createServer, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import { ROOT } from '../../scripts/lib/paths';
import { playgroundTenantId, PlaygroundError } from '../../scripts/lib/playground';
import { freshReferralId, sampleReferral } from '../../scripts/lib/sample-referral';
import { startTestApp, type TestApp } from '../support/app';

const KEY = 'sample-test-key';

/** Run `npm run referral:sample` (the script itself) without blocking the bot in this process. */
function referralSample(args: string[], env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', join(ROOT, 'scripts/sample-referral.ts'), ...args], {
      env: { ...process.env, TS_NODE_PROJECT: join(ROOT, 'tsconfig.json'), ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('the sample inbound referral', () => {
  it('then it is for the playground’s mock tenant, as committed in .m365agentsplayground.yml', () => {
    expect(playgroundTenantId()).toBe('0d862d36-618a-4a5b-be6f-a914e1212d42');
    expect(() => playgroundTenantId('version: "0.1.1"\n')).toThrow(PlaygroundError);
  });

  it('when built, then it has a fresh id each time and dates around now: expiring in 14 days, closing later', () => {
    expect(freshReferralId()).not.toBe(freshReferralId());
    const now = new Date('2030-01-15T08:00:00Z');
    const referral = sampleReferral({ id: 'sample-1', tenantId: 't', now });
    expect(referral).toMatchObject({ id: 'sample-1', tenantId: 't', createdDateTime: '2030-01-15T08:00:00.000Z', expirationDateTime: '2030-01-29T08:00:00.000Z' });
    expect(referral.details.closingDateTime > '2030-01-29').toBe(true);
  });

  describe('when `npm run referral:sample` posts it to the running bot', () => {
    let bot: TestApp;
    let env: Record<string, string>;
    beforeEach(async () => {
      bot = await startTestApp({ REFERRAL_INTAKE_KEY: KEY }, { workers: false });
      env = { PORT: new URL(bot.url).port, REFERRAL_INTAKE_KEY: KEY };
    });
    afterEach(() => bot.stop());

    it('then the intake stores it (201), and sending the same id again is a repeat (200, same referral)', async () => {
      const first = await referralSample([], env);
      expect(first.code).toBe(0);
      expect(first.stdout).toMatch(/^201 Created$/m);
      const id = /--id (\S+)/.exec(first.stdout)?.[1];
      const referralId = /"referralId": "([^"]+)"/.exec(first.stdout)?.[1];
      expect(id).toMatch(/^sample-/);
      expect(await bot.app.store.deals.get(playgroundTenantId(), referralId!)).toBeDefined();

      const again = await referralSample(['--id', id!], env);
      expect(again.code).toBe(0);
      expect(again.stdout).toMatch(/^200 OK$/m);
      expect(again.stdout).toContain(`"referralId": "${referralId}"`);
    });

    it('then a wrong key is refused (401) and the script exits non-zero, saying which key to send', async () => {
      const run = await referralSample([], { ...env, REFERRAL_INTAKE_KEY: 'wrong' });
      expect(run.code).toBe(1);
      expect(run.stdout).toMatch(/^401 /m);
      expect(run.stderr).toMatch(/REFERRAL_INTAKE_KEY/);
    });
  });

  it('when nothing listens on PORT, then it says to start the bot and exits non-zero', async () => {
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const port = String((probe.address() as AddressInfo).port);
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    const run = await referralSample([], { PORT: port, REFERRAL_INTAKE_KEY: KEY });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/npm run playground/);
  });
});
