import { CallerIdConstants, CloudAdapter, ConfigurationBotFrameworkAuthentication, type Activity, type InvokeResponse, type TurnContext } from 'botbuilder';
import {
  AuthenticationConstants,
  AuthenticationError,
  BotFrameworkAuthentication,
  ConnectorFactory,
  type AuthenticateRequestResult,
  type BotFrameworkClient,
  type ClaimsIdentity,
  type ConnectorClient,
  type UserTokenClient,
} from 'botframework-connector';
import type { Config } from '../config';
import { TimedOut, withTimeout } from './timeout';

/** How long the Bot Framework's signing keys may take to come before we answer 503 (they are cached for a day). */
const AUTH_TIMEOUT_MS = 10_000;

/**
 * The Bot Framework authentication of the bot's identity. `openIdMetadataUrl` replaces where the
 * channel's signing keys are published (Azure public cloud otherwise); tests point it at their own keys.
 */
export function botAuthentication(bot: Config['bot'], openIdMetadataUrl?: string): BotFrameworkAuthentication {
  const configured = new ConfigurationBotFrameworkAuthentication({
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
  return new ClientsReused(configured);
}

/** Clients kept per key; a few service URLs and one app in practice, bounded all the same. */
class ClientCache<T> {
  private readonly clients = new Map<string, Promise<T>>();

  get(key: string, create: () => Promise<T>): Promise<T> {
    let client = this.clients.get(key);
    if (!client) {
      if (this.clients.size >= 64) this.clients.delete(this.clients.keys().next().value!);
      client = create();
      this.clients.set(key, client);
      // A client that could not be made (credentials unreachable) is asked for again next time.
      client.catch(() => this.clients.get(key) === client && this.clients.delete(key));
    }
    return client;
  }
}

/** The claims botbuilder takes the bot's app id from (the audience, else the app id claim), as a key. */
const appKey = (identity: ClaimsIdentity): string =>
  `${identity.getClaimValue(AuthenticationConstants.AudienceClaim) ?? ''}|${identity.getClaimValue(AuthenticationConstants.AppIdClaim) ?? ''}`;

class ReusingConnectorFactory extends ConnectorFactory {
  constructor(
    private readonly inner: ConnectorFactory,
    private readonly app: string,
    private readonly cache: ClientCache<ConnectorClient>,
  ) {
    super();
  }

  create(serviceUrl: string, audience?: string): Promise<ConnectorClient> {
    return this.cache.get(`${this.app}|${serviceUrl}|${audience ?? ''}`, () => this.inner.create(serviceUrl, audience));
  }
}

/**
 * The CloudAdapter builds a ConnectorClient and a UserTokenClient for every activity, each with its
 * own HTTP pipeline: about a tenth of a millisecond of every card action in the bench's profile.
 * Neither holds anything of the turn: only the bot's credentials (per app id and audience) and the
 * service URL. So each is made once per app, service URL and audience, and reused; everything
 * else is the configured authentication's.
 */
export class ClientsReused extends BotFrameworkAuthentication {
  private readonly connectors = new ClientCache<ConnectorClient>();
  private readonly userTokens = new ClientCache<UserTokenClient>();

  constructor(private readonly inner: BotFrameworkAuthentication) {
    super();
  }

  private reusing(result: AuthenticateRequestResult): AuthenticateRequestResult {
    const factory = result.connectorFactory;
    return factory ? { ...result, connectorFactory: new ReusingConnectorFactory(factory, appKey(result.claimsIdentity), this.connectors) } : result;
  }

  async authenticateRequest(activity: Activity, authHeader: string): Promise<AuthenticateRequestResult> {
    return this.reusing(await this.inner.authenticateRequest(activity, authHeader));
  }

  async authenticateStreamingRequest(authHeader: string, channelIdHeader: string): Promise<AuthenticateRequestResult> {
    return this.reusing(await this.inner.authenticateStreamingRequest(authHeader, channelIdHeader));
  }

  createConnectorFactory(claimsIdentity: ClaimsIdentity): ConnectorFactory {
    return new ReusingConnectorFactory(this.inner.createConnectorFactory(claimsIdentity), appKey(claimsIdentity), this.connectors);
  }

  createUserTokenClient(claimsIdentity: ClaimsIdentity): Promise<UserTokenClient> {
    return this.userTokens.get(appKey(claimsIdentity), () => this.inner.createUserTokenClient(claimsIdentity));
  }

  override createBotFrameworkClient(): BotFrameworkClient {
    return this.inner.createBotFrameworkClient();
  }

  override getOriginatingAudience(): string {
    return this.inner.getOriginatingAudience();
  }

  override authenticateChannelRequest(authHeader: string): Promise<ClaimsIdentity> {
    return this.inner.authenticateChannelRequest(authHeader);
  }
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
