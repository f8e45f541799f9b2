import './lib/node-warnings';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join, relative } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { createApp, type App } from '../bot/index';
import { ConfigError, loadConfig, type Config } from '../bot/config';
import { PartnerCenterStandIn } from '../test/support/partnerCenter';
import { loadDotEnv } from './lib/env';
import { ROOT } from './lib/paths';
import {
  DEFAULT_INTAKE_KEY,
  DEFAULT_PLAYGROUND_PORT,
  PLAYGROUND_CONFIG,
  PlaygroundError,
  PLAYGROUND_LOG,
  playgroundTenantId,
  portFrom,
} from './lib/playground';

/*
 * `npm run playground`: the bot (embedded store) and Microsoft 365 Agents Playground, a Teams-like web
 * client that runs locally and offline, wired to each other. Ctrl-C stops both.
 *
 * The playground's quirks this script handles:
 *  - If its port is taken it silently picks a random one. The bot remembers each conversation's
 *    serviceUrl (http://localhost:<port>/_connector) for proactive messages, so a moved port would
 *    break them: the port is checked first, and the port it reports is compared with the one asked.
 *  - Once its output is not a terminal it writes everything, start-up errors included, only to
 *    devTools/m365agentsplayground.log (and "Listening on <port>" to stdout): the log's tail is
 *    printed when it stops early.
 *  - Its personal chat id is random on every start unless a config file fixes it:
 *    .m365agentsplayground.yml does (its personalChat.id; the --conversation-id flag only applies
 *    without a config file).
 */

const PLAYGROUND_CLI = join(dirname(require.resolve('@microsoft/m365agentsplayground/package.json')), 'cli.js');
const START_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 5_000;
const LOG_TAIL_LINES = 40;

function say(line: string): void {
  process.stdout.write(`[playground] ${line}\n`);
}

/** Whether something can listen on the port the way the playground will (all interfaces). */
function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once('error', () => resolve(false));
    probe.listen(port, () => probe.close(() => resolve(true)));
  });
}

function logTail(): string {
  if (!existsSync(PLAYGROUND_LOG)) return `(${relative(ROOT, PLAYGROUND_LOG)} was not written)`;
  const lines = readFileSync(PLAYGROUND_LOG, 'utf8').trimEnd().split('\n');
  return lines.slice(-LOG_TAIL_LINES).join('\n');
}

/** The fixed bearer token the playground's tenant uses with the local Partner Center. */
const PARTNER_CENTER_DEV_TOKEN = 'playground-partner-center-token';

/**
 * The bot's configuration for the playground: unauthenticated (the playground has no Bot Framework
 * token to give), on the embedded store in its own folder, with a local intake key, and connected to
 * a local Partner Center (the stand-in the tests use) with the development token — so referrals flow
 * in from it and answers flow back without the internet.
 */
function botConfig(env: NodeJS.ProcessEnv, partnerCenter: PartnerCenterStandIn, tenantId: string): Config {
  const ignored = ['MicrosoftAppId', 'MicrosoftAppPassword', 'MicrosoftAppTenantId'].filter((name) => env[name]?.trim());
  if (ignored.length > 0) say(`ignoring ${ignored.join(', ')}: the playground talks to the bot without Bot Framework authentication.`);
  const dataDir = env.DATA_DIR?.trim() || join(ROOT, 'data', 'playground');
  mkdirSync(dataDir, { recursive: true });
  const roots = join(dataDir, 'partner-center-stand-in-root.pem');
  writeFileSync(roots, partnerCenter.rootPem);
  return loadConfig({
    ...env,
    MicrosoftAppId: '',
    MicrosoftAppPassword: '',
    MicrosoftAppTenantId: '',
    STORE: 'sqlite',
    DATA_DIR: dataDir,
    REFERRAL_INTAKE_KEY: env.REFERRAL_INTAKE_KEY?.trim() || DEFAULT_INTAKE_KEY,
    PARTNER_CENTER_API_URL: partnerCenter.url,
    PARTNER_CENTER_WEBHOOKS_URL: `${partnerCenter.url}/webhooks/v1`,
    PARTNER_CENTER_WEBHOOK_ROOTS: roots,
    PARTNER_CENTER_CERT_HOSTS: partnerCenter.host,
    PARTNER_CENTER_DEV_TENANT: tenantId,
    PARTNER_CENTER_DEV_TOKEN,
  });
}

/** A local Partner Center holding two open referrals for the playground's organization, as if Microsoft had sent them. */
async function startPartnerCenter(tenantId: string): Promise<PartnerCenterStandIn> {
  const partnerCenter = await new PartnerCenterStandIn().start();
  partnerCenter.addOrganization(tenantId, PARTNER_CENTER_DEV_TOKEN, 'Northwind Traders');
  await partnerCenter.sendIncoming(tenantId, { id: 'pc-playground-contoso' }, false);
  await partnerCenter.sendIncoming(
    tenantId,
    {
      id: 'pc-playground-litware',
      name: 'Litware – Dynamics 365 Sales',
      customerProfile: { name: 'Litware Inc.', address: { city: 'Lyon', country: 'FR' }, team: [] },
      details: { notes: 'Replace their old CRM before the summer.', dealValue: 90000, currency: 'EUR', closingDateTime: '2027-05-31T00:00:00Z' },
    },
    false,
  );
  return partnerCenter;
}

/** Whether the playground's backend answers: it is mounted, with the config file loaded, only after "Listening on". */
async function playgroundAnswers(port: number): Promise<boolean> {
  try {
    return (await fetch(`http://localhost:${port}/_debug/ping`, { signal: AbortSignal.timeout(1000) })).ok;
  } catch {
    return false;
  }
}

/**
 * Start the playground. `ready` resolves with the port it listens on once its backend answers, and
 * rejects with its log if it stops or stalls first.
 */
function startPlayground(botUrl: string, port: number): { child: ChildProcess; ready: Promise<number> } {
  const child = spawn(
    process.execPath,
    [PLAYGROUND_CLI, 'start', '--app-endpoint', `${botUrl}/api/messages`, '--channel-id', 'msteams', '--port', String(port), '--disable-telemetry'],
    {
      cwd: ROOT,
      env: {
        ...process.env,
        M365_AGENTS_PLAYGROUND_CONFIG_PATH: PLAYGROUND_CONFIG,
        M365_AGENTS_PLAYGROUND_LOGFILE: PLAYGROUND_LOG,
        // With --disable-telemetry alone it still starts an Application Insights client whose
        // statsbeat probes the network (169.254.169.254, DNS), and a start-up error is still tracked
        // as an event. No statsbeat, and the client disabled: nothing tries to leave the machine.
        APPLICATION_INSIGHTS_NO_STATSBEAT: 'true',
        APPLICATIONINSIGHTS_CONFIGURATION_CONTENT: JSON.stringify({ disableAppInsights: true, disableStatsbeat: true }),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
      // Its own process group: a Ctrl-C in the terminal reaches this script only, which then stops
      // the playground and the bot once each, in order.
      detached: true,
    },
  );
  let reportedPort: number | undefined;
  let failure: PlaygroundError | undefined;
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    output += chunk.toString('utf8');
    const match = /Listening on (\d+)/.exec(output);
    if (match) reportedPort = Number(match[1]);
  });
  child.stderr?.on('data', (chunk: Buffer) => process.stderr.write(chunk));
  child.once('error', (err) => (failure = new PlaygroundError(`Could not run the playground (${PLAYGROUND_CLI}): ${err.message}`)));
  child.once('exit', (code, signal) => (failure ??= new PlaygroundError(`The playground stopped during start-up (${signal ?? `exit code ${code}`}). Its log:\n${logTail()}`)));

  const ready = (async () => {
    const deadline = Date.now() + START_TIMEOUT_MS;
    for (;;) {
      if (failure) throw failure;
      if (reportedPort !== undefined && (await playgroundAnswers(reportedPort))) return reportedPort;
      if (Date.now() > deadline) throw new PlaygroundError(`The playground did not start within ${START_TIMEOUT_MS / 1000} s. Its log:\n${logTail()}`);
      await delay(200);
    }
  })();
  return { child, ready };
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const force = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
    child.once('exit', () => {
      clearTimeout(force);
      resolve();
    });
    child.kill('SIGINT');
  });
}

async function main(): Promise<void> {
  loadDotEnv();
  if (!existsSync(PLAYGROUND_CONFIG)) throw new PlaygroundError(`${relative(ROOT, PLAYGROUND_CONFIG)} is missing: it holds the mock tenant, users and fixed conversation ids.`);
  const tenantId = playgroundTenantId();
  const playgroundPort = portFrom(process.env, 'PLAYGROUND_PORT', DEFAULT_PLAYGROUND_PORT);
  const partnerCenter = await startPartnerCenter(tenantId);
  const config = botConfig(process.env, partnerCenter, tenantId);

  if (!(await portIsFree(playgroundPort))) {
    throw new PlaygroundError(
      `Port ${playgroundPort} is in use (another playground?). The playground would silently move to a random port, and the ` +
        `conversations the bot remembers point at http://localhost:${playgroundPort}/_connector. Stop the other process, or set PLAYGROUND_PORT.`,
    );
  }

  let app: App | undefined;
  let child: ChildProcess | undefined;
  let stopping: Promise<void> | undefined;
  const stop = (code: number) =>
    (stopping ??= (async () => {
      if (child) await stopChild(child);
      await app?.stop();
      await partnerCenter.stop();
      process.exit(code);
    })());
  const onSignal = (signal: NodeJS.Signals) => {
    if (!stopping) say(`${signal}: stopping the playground and the bot.`);
    void stop(0);
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  // A crash of this script must not leave the detached playground running.
  process.on('exit', () => {
    if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  });

  try {
    app = await createApp(config);
    const botUrl = await app.start().catch((err: NodeJS.ErrnoException) => {
      if (err.code === 'EADDRINUSE') throw new PlaygroundError(`Port ${config.port} (PORT) is in use: is the bot already running (npm start)? Stop it, or set PORT.`);
      throw err;
    });
    const started = startPlayground(botUrl, playgroundPort);
    child = started.child;
    const port = await started.ready;
    if (port !== playgroundPort) throw new PlaygroundError(`The playground listens on ${port} instead of ${playgroundPort}; stopping, because proactive messages would go to the wrong port.`);
    child.once('exit', (code, signal) => {
      if (stopping) return;
      process.stderr.write(`[playground] The playground stopped (${signal ?? `exit code ${code}`}). Its log:\n${logTail()}\n`);
      void stop(1);
    });

    say(`Microsoft 365 Agents Playground: http://localhost:${port}  (open it in a browser)`);
    say(`bot: ${botUrl}/api/messages, store ${config.dataDir}, tenant ${tenantId}`);
    say(`mock tenant, users and chats: ${relative(ROOT, PLAYGROUND_CONFIG)}; playground log: ${relative(ROOT, PLAYGROUND_LOG)}`);
    say(`push a sample inbound referral: npm run referral:sample   (intake key "${config.referrals.intakeKey}")`);
    say(`a local Partner Center runs at ${partnerCenter.url}, connected as this tenant (type "partner center"); as if someone used Partner Center:`);
    say(`  new referral:  curl -X POST -H 'content-type: application/json' -d '{"name":"Fabrikam – Azure VMware"}' '${partnerCenter.url}/_standin/referrals?tenant=${tenantId}'`);
    say(`  answer there:  curl -X POST -H 'content-type: application/json' -d '{"status":"Closed","substatus":"Declined"}' ${partnerCenter.url}/_standin/referrals/pc-playground-litware`);
    say('Ctrl-C stops both.');
  } catch (err) {
    process.stderr.write(`[playground] ${describe(err)}\n`);
    await stop(1);
  }
}

/** Expected problems by their message; anything else with its stack. */
function describe(err: unknown): string {
  if (err instanceof PlaygroundError || err instanceof ConfigError) return err.message;
  return err instanceof Error ? (err.stack ?? err.message) : String(err);
}

main().catch((err: unknown) => {
  process.stderr.write(`[playground] ${describe(err)}\n`);
  // The same exit code as `npm start` for a bad setting.
  process.exit(err instanceof ConfigError ? 2 : 1);
});
