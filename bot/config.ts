import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { parseLeadTimes } from '../services/domain/schedule';

/*
 * Every environment variable the bot reads, parsed once at start-up. A bad value stops the process
 * with a message naming the variable. `.env.example` and the README list the same variables.
 */

const blank = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
const optionalString = z.preprocess(blank, z.string().trim().optional());
const int = (def: number, min: number, max: number) => z.preprocess(blank, z.coerce.number().int().min(min).max(max).default(def));
const positive = (def: number) => z.preprocess(blank, z.coerce.number().positive().default(def));
const flag = (def: boolean) =>
  z.preprocess(blank, z.enum(['true', 'false', '1', '0']).default(def ? 'true' : 'false')).transform((v) => v === 'true' || v === '1');
const url = z.preprocess(blank, z.url({ protocol: /^https?$/ }).optional());
const urlWithDefault = (def: string) => z.preprocess(blank, z.url({ protocol: /^https?$/ }).default(def));

/** The repository (or installed package) root, from bot/ as sources and from dist/bot compiled. */
const ROOT = existsSync(join(__dirname, '..', 'package.json')) ? join(__dirname, '..') : join(__dirname, '..', '..');
/** Microsoft's roots, shipped in the repository (see the file's header for which and why). */
export const DEFAULT_WEBHOOK_ROOTS = join(ROOT, 'services', 'partnerCenter', 'microsoft-roots.pem');
/** Where Partner Center serves its webhook signing certificate, and where Microsoft's and DigiCert's issuing CAs are published (AIA). */
const DEFAULT_CERT_HOSTS = '3psostorageacct.blob.core.windows.net,www.microsoft.com,cacerts.digicert.com';

const Env = z
  .object({
    PORT: int(3978, 0, 65535),
    HOST: z.preprocess(blank, z.string().default('0.0.0.0')),
    DATA_DIR: z.preprocess(blank, z.string().default('./data')),
    STORE: z.preprocess(blank, z.enum(['sqlite', 'cosmos']).default('sqlite')),
    LOG_LEVEL: z.preprocess(blank, z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('info')),

    MicrosoftAppId: optionalString,
    MicrosoftAppPassword: optionalString,
    MicrosoftAppType: z.preprocess(blank, z.enum(['MultiTenant', 'SingleTenant', 'UserAssignedMSI']).default('MultiTenant')),
    MicrosoftAppTenantId: optionalString,

    REFERRAL_INTAKE_KEY: optionalString,
    REFERRAL_EVENTS_URL: url,
    REFERRAL_EVENTS_SECRET: optionalString,
    REFERRAL_ADMINS: optionalString,

    SWEEP_INTERVAL_SECONDS: positive(60),
    REMINDER_LEAD_TIMES: z.preprocess(blank, z.string().default('P7D,P3D,P1D')),

    TEAMS_RATE_PER_CONVERSATION: positive(0.45),
    TEAMS_BURST_PER_CONVERSATION: int(3, 1, 7),
    TEAMS_RATE_PER_TENANT: positive(46),
    TEAMS_BURST_PER_TENANT: int(2, 1, 50),
    TEAMS_SEND_TIMEOUT_SECONDS: positive(15),

    COSMOS_ENDPOINT: url,
    COSMOS_KEY: optionalString,
    COSMOS_DATABASE: z.preprocess(blank, z.string().default('cosell')),
    COSMOS_CREATE_CONTAINERS: flag(true),

    PARTNER_CENTER_API_URL: urlWithDefault('https://api.partner.microsoft.com'),
    PARTNER_CENTER_WEBHOOKS_URL: urlWithDefault('https://api.partnercenter.microsoft.com/webhooks/v1'),
    PARTNER_CENTER_CONNECTION: optionalString,
    PUBLIC_BASE_URL: url,
    PARTNER_CENTER_SYNC_SECONDS: int(300, 10, 86_400),
    PARTNER_CENTER_WEBHOOK_ROOTS: z.preprocess(blank, z.string().default(DEFAULT_WEBHOOK_ROOTS)),
    PARTNER_CENTER_CERT_HOSTS: z.preprocess(blank, z.string().default(DEFAULT_CERT_HOSTS)),
    PARTNER_CENTER_DEV_TENANT: optionalString,
    PARTNER_CENTER_DEV_TOKEN: optionalString,
  })
  .superRefine((env, ctx) => {
    if (env.MicrosoftAppId && env.MicrosoftAppType !== 'UserAssignedMSI' && !env.MicrosoftAppPassword) {
      ctx.addIssue({ code: 'custom', path: ['MicrosoftAppPassword'], message: 'is required when MicrosoftAppId is set' });
    }
    if (env.MicrosoftAppType === 'SingleTenant' && env.MicrosoftAppId && !env.MicrosoftAppTenantId) {
      ctx.addIssue({ code: 'custom', path: ['MicrosoftAppTenantId'], message: 'is required for a SingleTenant app' });
    }
    if (env.REFERRAL_EVENTS_URL && !env.REFERRAL_EVENTS_SECRET) {
      ctx.addIssue({ code: 'custom', path: ['REFERRAL_EVENTS_SECRET'], message: 'is required when REFERRAL_EVENTS_URL is set (events are signed)' });
    }
    if (env.STORE === 'cosmos' && !env.COSMOS_ENDPOINT) {
      ctx.addIssue({ code: 'custom', path: ['COSMOS_ENDPOINT'], message: 'is required when STORE=cosmos' });
    }
    if (Boolean(env.PARTNER_CENTER_DEV_TENANT) !== Boolean(env.PARTNER_CENTER_DEV_TOKEN)) {
      ctx.addIssue({ code: 'custom', path: [env.PARTNER_CENTER_DEV_TENANT ? 'PARTNER_CENTER_DEV_TOKEN' : 'PARTNER_CENTER_DEV_TENANT'], message: 'PARTNER_CENTER_DEV_TENANT and PARTNER_CENTER_DEV_TOKEN go together' });
    }
    if (env.PARTNER_CENTER_DEV_TENANT && env.MicrosoftAppId) {
      ctx.addIssue({
        code: 'custom',
        path: ['PARTNER_CENTER_DEV_TENANT'],
        message: 'is for local runs against a Partner Center stand-in only, and is refused when MicrosoftAppId is set (a real bot signs in with PARTNER_CENTER_CONNECTION)',
      });
    }
    if (!existsSync(env.PARTNER_CENTER_WEBHOOK_ROOTS)) {
      ctx.addIssue({ code: 'custom', path: ['PARTNER_CENTER_WEBHOOK_ROOTS'], message: `no such file: ${env.PARTNER_CENTER_WEBHOOK_ROOTS}` });
    }
    try {
      parseLeadTimes(env.REMINDER_LEAD_TIMES);
    } catch (err) {
      ctx.addIssue({ code: 'custom', path: ['REMINDER_LEAD_TIMES'], message: (err as Error).message });
    }
  });

export type Env = z.infer<typeof Env>;

export interface Config {
  readonly port: number;
  readonly host: string;
  readonly dataDir: string;
  readonly store: 'sqlite' | 'cosmos';
  readonly logLevel: 'debug' | 'info' | 'warn' | 'error' | 'silent';
  readonly bot: {
    readonly appId?: string;
    readonly appPassword?: string;
    readonly appType: 'MultiTenant' | 'SingleTenant' | 'UserAssignedMSI';
    readonly appTenantId?: string;
  };
  readonly referrals: {
    readonly intakeKey?: string;
    readonly eventsUrl?: string;
    readonly eventsSecret?: string;
    /** Object ids or emails (lower-cased) named admins; empty: the first member to install becomes admin. */
    readonly admins: readonly string[];
  };
  readonly sweepIntervalMs: number;
  readonly reminderLeadTimes: string;
  /**
   * Pacing of proactive sends, per bot process (with N processes, divide by N). Teams allows 7 per
   * second, 60 per 30 s and 1800 per hour into one conversation, and 50 per second per app per tenant;
   * a rate r with burst b never exceeds r + b in any one second.
   */
  readonly teams: {
    readonly ratePerConversation: number;
    readonly burstPerConversation: number;
    readonly ratePerTenant: number;
    readonly burstPerTenant: number;
    readonly sendTimeoutMs: number;
  };
  readonly cosmos: {
    readonly endpoint?: string;
    readonly key?: string;
    readonly database: string;
    readonly createContainers: boolean;
  };
  readonly partnerCenter: {
    readonly apiUrl: string;
    readonly webhooksUrl: string;
    /** The Bot Framework OAuth connection admins sign in to Partner Center with; unset: no sign-in. */
    readonly connection?: string;
    /** The bot's public address, for the webhook Partner Center calls. */
    readonly publicBaseUrl?: string;
    readonly syncMs: number;
    /** PEM file of the roots a callback certificate must chain to. */
    readonly webhookRootsFile: string;
    /** Hosts (host[:port]) callback certificates may be downloaded from. */
    readonly certHosts: readonly string[];
    /** Local runs against a stand-in: this tenant is connected at start-up with this bearer token. */
    readonly dev?: { readonly tenantId: string; readonly token: string };
  };
}

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/** Parse the environment; throws ConfigError naming every bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = Env.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.') || '(environment)'}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir: e.DATA_DIR,
    store: e.STORE,
    logLevel: e.LOG_LEVEL,
    bot: { appId: e.MicrosoftAppId, appPassword: e.MicrosoftAppPassword, appType: e.MicrosoftAppType, appTenantId: e.MicrosoftAppTenantId },
    referrals: {
      intakeKey: e.REFERRAL_INTAKE_KEY,
      eventsUrl: e.REFERRAL_EVENTS_URL,
      eventsSecret: e.REFERRAL_EVENTS_SECRET,
      admins: (e.REFERRAL_ADMINS ?? '').split(',').map((s) => s.trim().toLowerCase()).filter(Boolean),
    },
    sweepIntervalMs: e.SWEEP_INTERVAL_SECONDS * 1000,
    reminderLeadTimes: e.REMINDER_LEAD_TIMES,
    teams: {
      ratePerConversation: e.TEAMS_RATE_PER_CONVERSATION,
      burstPerConversation: e.TEAMS_BURST_PER_CONVERSATION,
      ratePerTenant: e.TEAMS_RATE_PER_TENANT,
      burstPerTenant: e.TEAMS_BURST_PER_TENANT,
      sendTimeoutMs: e.TEAMS_SEND_TIMEOUT_SECONDS * 1000,
    },
    cosmos: { endpoint: e.COSMOS_ENDPOINT, key: e.COSMOS_KEY, database: e.COSMOS_DATABASE, createContainers: e.COSMOS_CREATE_CONTAINERS },
    partnerCenter: {
      apiUrl: e.PARTNER_CENTER_API_URL,
      webhooksUrl: e.PARTNER_CENTER_WEBHOOKS_URL,
      connection: e.PARTNER_CENTER_CONNECTION,
      publicBaseUrl: e.PUBLIC_BASE_URL,
      syncMs: e.PARTNER_CENTER_SYNC_SECONDS * 1000,
      webhookRootsFile: e.PARTNER_CENTER_WEBHOOK_ROOTS,
      certHosts: e.PARTNER_CENTER_CERT_HOSTS.split(',').map((h) => h.trim().toLowerCase()).filter(Boolean),
      ...(e.PARTNER_CENTER_DEV_TENANT && e.PARTNER_CENTER_DEV_TOKEN ? { dev: { tenantId: e.PARTNER_CENTER_DEV_TENANT, token: e.PARTNER_CENTER_DEV_TOKEN } } : {}),
    },
  };
}
