import { CallerIdConstants, CloudAdapter, ConfigurationBotFrameworkAuthentication, type Activity, type InvokeResponse, type TurnContext } from 'botbuilder';
import { AuthenticationConstants, AuthenticationError, type AuthenticateRequestResult } from 'botframework-connector';
import type { Config } from '../config';
import { TimedOut, withTimeout } from './timeout';

/** How long the Bot Framework's signing keys may take to come before we answer 503 (they are cached for a day). */
const AUTH_TIMEOUT_MS = 10_000;

/**
 * The Bot Framework authentication of the bot's identity. `openIdMetadataUrl` replaces where the
 * channel's signing keys are published (Azure public cloud otherwise); tests point it at their own keys.
 */
export function botAuthentication(bot: Config['bot'], openIdMetadataUrl?: string): ConfigurationBotFrameworkAuthentication {
  return new ConfigurationBotFrameworkAuthentication({
    MicrosoftAppId: bot.appId,
    MicrosoftAppPassword: bot.appPassword,
    MicrosoftAppType: bot.appType,
    MicrosoftAppTenantId: bot.appTenantId,
    // Setting any of these makes botbuilder take all of them from here: the public cloud's, but for the keys.
    ...(openIdMetadataUrl
      ? {
          ValidateAuthority: true,
          ToChannelFromBotLoginUrl: AuthenticationConstants.ToChannelFromBotLoginUrl,
          ToChannelFromBotOAuthScope: AuthenticationConstants.ToChannelFromBotOAuthScope,
          ToBotFromChannelTokenIssuer: AuthenticationConstants.ToBotFromChannelTokenIssuer,
          OAuthUrl: AuthenticationConstants.OAuthUrl,
          ToBotFromChannelOpenIdMetadataUrl: openIdMetadataUrl,
          ToBotFromEmulatorOpenIdMetadataUrl: openIdMetadataUrl,
          CallerId: CallerIdConstants.PublicAzureChannel,
        }
      : {}),
  });
}

/** Why a request was not let in: the token is not good (401), or it could not be checked now (503). */
export class NotAuthenticated extends Error {
  override readonly name = 'NotAuthenticated';
  constructor(
    readonly status: 401 | 503,
    readonly reason: string,
  ) {
    super(reason);
  }
}

/**
 * Only a signature Bot Framework channels use can pass (RS256/384/512): an unsigned token
 * (`alg: none`), a symmetric one (HS256 keyed with the public key) or a token without its signature
 * is refused from the header alone, before the body is read or any key fetched.
 */
export function bearerTokenShapeIsPlausible(header: string | undefined): boolean {
  const token = /^Bearer ([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]+)$/.exec(header ?? '');
  if (!token) return false;
  try {
    const jose = JSON.parse(Buffer.from(token[1]!, 'base64url').toString('utf8')) as unknown;
    const alg = jose && typeof jose === 'object' ? (jose as { alg?: unknown }).alg : undefined;
    return typeof alg === 'string' && AuthenticationConstants.AllowedSigningAlgorithms.includes(alg);
  } catch {
    return false;
  }
}

/**
 * What botbuilder's authentication throws, sorted: it fetches the channel's OpenID metadata and keys
 * over the network, and everything else it throws is about the token. So a failure to reach or read
 * those (a network error, a non-2xx, a timeout) is ours to report as 503 — Teams retries — and
 * anything else, including jsonwebtoken's own errors and whatever a hostile token provokes in the
 * library, is a refusal.
 */
function classify(err: unknown): NotAuthenticated {
  if (err instanceof TimedOut) return new NotAuthenticated(503, `signing keys did not come: ${err.message}`);
  const e = err as { name?: unknown; message?: unknown; statusCode?: unknown } | undefined;
  const message = typeof e?.message === 'string' ? e.message.slice(0, 200) : String(err).slice(0, 200);
  if (e?.name === 'FetchError') return new NotAuthenticated(503, `signing keys unreachable: ${message}`);
  if (err instanceof AuthenticationError && err.statusCode >= 500) return new NotAuthenticated(503, `signing keys unusable: ${message}`);
  return new NotAuthenticated(401, message);
}

/**
 * The CloudAdapter, with authentication and the turn as two steps, so that the HTTP edge can answer
 * each failure itself (CloudAdapter.process answers an invalid token with 500 and the library's
 * message in the body).
 */
export class BotAdapter extends CloudAdapter {
  /** Resolves with who sent the activity; rejects with NotAuthenticated (401 or 503), never anything else. */
  async authenticate(activity: Activity, authHeader: string): Promise<AuthenticateRequestResult> {
    try {
      return await withTimeout(this.botFrameworkAuthentication.authenticateRequest(activity, authHeader), AUTH_TIMEOUT_MS);
    } catch (err) {
      throw classify(err);
    }
  }

  /** Runs the turn of an authenticated activity; resolves with the invoke's answer, if it has one. */
  run(authenticated: AuthenticateRequestResult, activity: Activity, logic: (context: TurnContext) => Promise<void>): Promise<InvokeResponse | undefined> {
    return this.processActivity(authenticated, activity, logic);
  }
}
