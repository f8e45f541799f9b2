import { relative } from 'node:path';
import { loadDotEnv } from './lib/env';
import { buildManifest, PackagingError, writePackage } from './lib/manifest';
import { ROOT } from './lib/paths';

/** `npm run package`: build the Teams app zip from manifest/ and the environment (or .env). */
async function main(): Promise<void> {
  loadDotEnv();
  const manifest = buildManifest(process.env);
  const file = await writePackage(manifest);
  const bot = manifest.bots?.[0];
  process.stdout.write(
    [
      `Wrote ${relative(ROOT, file)}`,
      `  Teams app id  ${manifest.id}`,
      `  bot id        ${bot?.botId ?? '-'}`,
      `  version       ${manifest.version}`,
      `  valid domains ${manifest.validDomains?.length ? manifest.validDomains.join(', ') : '(none: BOT_DOMAIN is not set)'}`,
      'Upload it in Teams: Apps > Manage your apps > Upload an app > Upload a custom app (see docs/teams.md).',
      '',
    ].join('\n'),
  );
}

main().catch((err: unknown) => {
  if (err instanceof PackagingError) {
    process.stderr.write(`Cannot build the Teams app package: ${err.message}\n`);
  } else {
    process.stderr.write(`Packaging failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  }
  process.exit(1);
});
