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
  };
}
