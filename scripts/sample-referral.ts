import { parseArgs } from 'node:util';
import { loadDotEnv } from './lib/env';
import { DEFAULT_BOT_PORT, DEFAULT_INTAKE_KEY, PlaygroundError, playgroundTenantId, portFrom } from './lib/playground';
import { freshReferralId, sampleReferral } from './lib/sample-referral';

/*
 * `npm run referral:sample [-- [--id <id>] [--tenant <GUID>]]`: POST the intake contract's sample
 * referral to the local bot (http://localhost:$PORT/api/referrals) for the playground's mock tenant,
 * and print the answer. Each run sends a new referral; --id sends one again (the intake answers 200,
 * not 201, and notifies no one a second time).
 */

const USAGE = `Usage: npm run referral:sample [-- [--id <referral id>] [--tenant <tenant GUID>]]
  --id      send this referral id (repeat a previous run to see the intake's idempotency)
  --tenant  the receiving organization (default: tenantId of .m365agentsplayground.yml)
Environment: PORT (bot port, default ${DEFAULT_BOT_PORT}), REFERRAL_INTAKE_KEY (default "${DEFAULT_INTAKE_KEY}", as in npm run playground).
`;

/** What to check for each refusal the contract defines. */
const HINTS: Readonly<Record<number, string>> = {
  401: `The bot refused the key. Send the bot's REFERRAL_INTAKE_KEY (npm run playground uses "${DEFAULT_INTAKE_KEY}" unless the variable is set).`,
  404: 'This bot has no POST /api/referrals: the intake is not in this build yet.',
  503: 'The bot has no REFERRAL_INTAKE_KEY, so its intake is off. Start it with npm run playground, or set the variable.',
};

async function main(): Promise<number> {
  let values: { id?: string; tenant?: string; help?: boolean };
  try {
    ({ values } = parseArgs({ options: { id: { type: 'string' }, tenant: { type: 'string' }, help: { type: 'boolean', short: 'h' } } }));
  } catch (err) {
    process.stderr.write(`${(err as Error).message}\n${USAGE}`);
    return 2;
  }
  if (values.help) {
    process.stdout.write(USAGE);
    return 0;
  }
  loadDotEnv();
  const url = `http://localhost:${portFrom(process.env, 'PORT', DEFAULT_BOT_PORT)}/api/referrals`;
  const key = process.env.REFERRAL_INTAKE_KEY?.trim() || DEFAULT_INTAKE_KEY;
  const referral = sampleReferral({ id: values.id ?? freshReferralId(), tenantId: values.tenant ?? playgroundTenantId(), now: new Date() });

  process.stdout.write(`POST ${url}\n  id ${referral.id}, tenant ${referral.tenantId}, "${referral.name}", expires ${referral.expirationDateTime}\n`);
  let res: Response;
  try {
    res = await fetch(url, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify(referral),
      signal: AbortSignal.timeout(15000),
    });
  } catch (err) {
    const reason = err instanceof Error && err.cause instanceof Error ? err.cause.message : String(err);
    process.stderr.write(`No answer from ${url} (${reason}). Is the bot running? Start it with: npm run playground\n`);
    return 1;
  }
  const text = await res.text();
  let body = text;
  try {
    body = JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    // Not JSON (e.g. a proxy's error page): print it as it came.
  }
  process.stdout.write(`${res.status} ${res.statusText}\n${body}\n`);
  if (res.ok) {
    process.stdout.write(`Send the same referral again with: npm run referral:sample -- --id ${referral.id}\n`);
    return 0;
  }
  const hint = HINTS[res.status];
  if (hint) process.stderr.write(`${hint}\n`);
  return 1;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`${err instanceof PlaygroundError ? err.message : err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exit(1);
  },
);
