import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildLocalizations, buildManifest, MANIFEST_DIR, writePackage } from '../../scripts/lib/manifest';
import { ROOT } from '../../scripts/lib/paths';
import { readZip } from './zip';

const BOT_ID = '6b3d5c1e-8f1a-4c2b-9d7e-0a1b2c3d4e5f';

describe('the Teams app package', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'cosell-package-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('when written, then the zip holds exactly manifest.json, the two icons and the French and Chinese language files, at its root', async () => {
    const manifest = buildManifest({ MicrosoftAppId: BOT_ID });
    const file = await writePackage(manifest, join(dir, 'app.zip'));
    const entries = readZip(readFileSync(file));
    expect([...entries.keys()].sort()).toEqual(['color.png', 'fr.json', 'manifest.json', 'outline.png', 'zh-Hans.json']);
    expect(JSON.parse(entries.get('manifest.json')!.toString('utf8'))).toEqual(manifest);
    for (const icon of ['color.png', 'outline.png']) expect(entries.get(icon)!.equals(readFileSync(join(MANIFEST_DIR, icon)))).toBe(true);
    // Every file localizationInfo names is in the zip, as built from the catalogs.
    for (const { file: name } of manifest.localizationInfo?.additionalLanguages ?? []) expect(entries.has(name)).toBe(true);
    for (const [name, strings] of buildLocalizations(manifest)) expect(JSON.parse(entries.get(name)!.toString('utf8'))).toEqual(strings);
    expect(JSON.parse(entries.get('zh-Hans.json')!.toString('utf8'))['name.short']).toBe('联合销售');
  });

  it('when written twice from the same inputs, then the bytes are the same', async () => {
    const manifest = buildManifest({ MicrosoftAppId: BOT_ID });
    const a = readFileSync(await writePackage(manifest, join(dir, 'a.zip')));
    const b = readFileSync(await writePackage(manifest, join(dir, 'b.zip')));
    expect(a.equals(b)).toBe(true);
  });

  it.each([
    ['', /MicrosoftAppId is not set/],
    ['my-bot', /MicrosoftAppId must be a GUID/],
  ])('when `npm run package` runs with MicrosoftAppId=%j, then it exits non-zero with a message naming the variable', (appId, message) => {
    // An empty value in the environment also wins over a developer's .env, so the result does not depend on it.
    const run = spawnSync(process.execPath, ['-r', 'ts-node/register/transpile-only', join(ROOT, 'scripts/package-app.ts')], {
      env: { ...process.env, MicrosoftAppId: appId, TS_NODE_PROJECT: join(ROOT, 'tsconfig.json') },
      encoding: 'utf8',
      timeout: 30000,
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(message);
    expect(run.stdout).not.toMatch(/Wrote/);
  });
});
