import { ConfigurationServiceClientCredentialFactory } from 'botbuilder';
import { AuthenticationConstants, type ServiceClientCredentials } from 'botframework-connector';
import type { Config } from '../config';

/** A failed call to the Bot Connector service, with what the sender needs to decide: retry, wait, or give up. */
export class ConnectorError extends Error {
  override readonly name = 'ConnectorError';
  constructor(
    readonly status: number | undefined,
    message: string,
    readonly retryAfterHeader?: string | null,
  ) {
    super(message);
  }
}

/** Bearer tokens for calls to Teams; none when the bot runs without an app id (local clients). */
export interface TokenSource {
  token(): Promise<string | undefined>;
}

export const noToken: TokenSource = { token: async () => undefined };

/** Tokens from the bot's Entra identity, the way botbuilder gets them (cached and refreshed by the SDK). */
export function appTokenSource(bot: Config['bot']): TokenSource {
  if (!bot.appId) return noToken;
  const factory = new ConfigurationServiceClientCredentialFactory({
    MicrosoftAppId: bot.appId,
    MicrosoftAppPassword: bot.appPassword,
    MicrosoftAppType: bot.appType,
    MicrosoftAppTenantId: bot.appTenantId,
  });
  const loginEndpoint = `${AuthenticationConstants.ToChannelFromBotLoginUrlPrefix}${bot.appType === 'SingleTenant' && bot.appTenantId ? bot.appTenantId : AuthenticationConstants.DefaultChannelAuthTenant}`;
  let credentials: Promise<ServiceClientCredentials> | undefined;
  return {
    async token() {
      credentials ??= factory.createCredentials(bot.appId!, AuthenticationConstants.ToChannelFromBotOAuthScope, loginEndpoint, true);
      const creds = (await credentials) as ServiceClientCredentials & { getToken?: (force?: boolean) => Promise<string> };
      return creds.getToken ? await creds.getToken() : undefined;
    },
  };
}

export interface ConnectorOptions {
  readonly tokens: TokenSource;
  readonly timeoutMs: number;
  readonly fetch?: typeof fetch;
}

/**
 * The two calls proactive messaging needs (send into a conversation, update an activity), over
 * plain HTTP so that the sender sees every 429, 403 and 5xx itself and decides how to retry: the
 * SDK's client would retry on its own and hide Retry-After.
 */
export class BotConnector {
  private readonly fetch: typeof fetch;

  constructor(private readonly options: ConnectorOptions) {
    this.fetch = options.fetch ?? fetch;
  }

  /** `signal` ends the call instead of the usual timeout (a caller still listening for a late answer). */
  async send(serviceUrl: string, conversationId: string, activity: Record<string, unknown>, signal?: AbortSignal): Promise<{ id: string }> {
    const body = (await this.call('POST', `${base(serviceUrl)}/v3/conversations/${encodeURIComponent(conversationId)}/activities`, activity, signal)) as { id?: string };
    return { id: body.id ?? '' };
  }

  async update(serviceUrl: string, conversationId: string, activityId: string, activity: Record<string, unknown>): Promise<void> {
    await this.call('PUT', `${base(serviceUrl)}/v3/conversations/${encodeURIComponent(conversationId)}/activities/${encodeURIComponent(activityId)}`, {
      ...activity,
      id: activityId,
    });
  }

  private async call(method: string, url: string, body: unknown, signal = AbortSignal.timeout(this.options.timeoutMs)): Promise<unknown> {
    const token = await this.options.tokens.token();
    let res: Response;
    try {
      res = await this.fetch(url, {
        method,
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify(body),
        signal,
      });
    } catch (err) {
      throw new ConnectorError(undefined, err instanceof Error ? `${err.name}: ${err.message}` : String(err));
    }
    const text = await res.text().catch(() => '');
    if (!res.ok) throw new ConnectorError(res.status, `${res.status} ${res.statusText} ${text.slice(0, 300)}`, res.headers.get('retry-after'));
    try {
      return text ? JSON.parse(text) : {};
    } catch {
      return {};
    }
  }
}

function base(serviceUrl: string): string {
  return serviceUrl.replace(/\/+$/, '');
}
