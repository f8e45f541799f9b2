import { CardFactory, type Attachment, type CloudAdapter, type SigninStateVerificationQuery, type TurnContext } from 'botbuilder';
import { AuthenticationConstants, ClaimsIdentity, type BotFrameworkAuthentication, type UserTokenClient } from 'botframework-connector';
import type { PartnerCenterConnection } from '../../../services/domain/model';
import type { PartnerCenterTokens } from '../../../services/partnerCenter';

/*
 * The admin's Partner Center token, through the Bot Framework OAuth connection named by
 * PARTNER_CENTER_CONNECTION: the token service keeps (and refreshes) it, we never store one. In a
 * conversation the turn's UserTokenClient asks it; in the background (the outbox, the poll) a
 * UserTokenClient made for the bot's own identity asks it for the admin who connected. Local runs
 * against the stand-in use the fixed development token instead. Tests use fakes of both interfaces.
 */

/** How a token is had in a conversation with the admin. */
export interface PartnerCenterSignIn {
  /** The token the admin already has with the token service, without asking; undefined when they must sign in. */
  existingToken(context: TurnContext): Promise<string | undefined>;
  /** The card that asks them to sign in (an OAuthCard Teams shows with its sign-in button). */
  card(context: TurnContext, texts: { readonly title: string; readonly text: string }): Promise<Attachment>;
  /** signin/verifyState: the code Teams passes back once they signed in. */
  verify(context: TurnContext, query: SigninStateVerificationQuery): Promise<string | undefined>;
  /** signin/tokenExchange: Teams' single sign-on token exchanged for ours; undefined when it cannot be. */
  exchange(context: TurnContext, query: { readonly id?: string; readonly token?: string }): Promise<string | undefined>;
  /** The connection name, for the failure answer to a token exchange. */
  readonly connectionName: string;
}

function userTokenClient(context: TurnContext): UserTokenClient {
  const client = context.turnState.get((context.adapter as CloudAdapter).UserTokenClientKey) as UserTokenClient | undefined;
  if (!client) throw new Error('no UserTokenClient on this turn');
  return client;
}

export class BotFrameworkSignIn implements PartnerCenterSignIn {
  constructor(readonly connectionName: string) {}

  async existingToken(context: TurnContext): Promise<string | undefined> {
    const a = context.activity;
    return (await userTokenClient(context).getUserToken(a.from.id, this.connectionName, a.channelId, ''))?.token;
  }

  async card(context: TurnContext, texts: { readonly title: string; readonly text: string }): Promise<Attachment> {
    const resource = await userTokenClient(context).getSignInResource(this.connectionName, context.activity, '');
    return CardFactory.oauthCard(this.connectionName, texts.title, texts.text, resource.signInLink, resource.tokenExchangeResource);
  }

  async verify(context: TurnContext, query: SigninStateVerificationQuery): Promise<string | undefined> {
    const a = context.activity;
    if (!query.state) return undefined;
    return (await userTokenClient(context).getUserToken(a.from.id, this.connectionName, a.channelId, query.state))?.token;
  }

  async exchange(context: TurnContext, query: { readonly id?: string; readonly token?: string }): Promise<string | undefined> {
    const a = context.activity;
    if (!query.token) return undefined;
    try {
      return (await userTokenClient(context).exchangeToken(a.from.id, this.connectionName, a.channelId, { token: query.token }))?.token;
    } catch {
      return undefined; // Teams then shows the sign-in button
    }
  }
}

/** Local runs: the development tenant's admin "signs in" with the fixed token, others as configured. */
export class DevSignIn implements PartnerCenterSignIn {
  readonly connectionName: string;

  constructor(
    private readonly dev: { readonly tenantId: string; readonly token: string },
    private readonly tenantOf: (context: TurnContext) => string | undefined,
    private readonly otherwise?: PartnerCenterSignIn,
  ) {
    this.connectionName = otherwise?.connectionName ?? 'development';
  }

  async existingToken(context: TurnContext): Promise<string | undefined> {
    return this.tenantOf(context) === this.dev.tenantId ? this.dev.token : this.otherwise?.existingToken(context);
  }

  async card(context: TurnContext, texts: { readonly title: string; readonly text: string }): Promise<Attachment> {
    if (!this.otherwise) throw new Error('only the development tenant can connect to Partner Center here');
    return this.otherwise.card(context, texts);
  }

  async verify(context: TurnContext, query: SigninStateVerificationQuery): Promise<string | undefined> {
    return this.otherwise?.verify(context, query);
  }

  async exchange(context: TurnContext, query: { readonly id?: string; readonly token?: string }): Promise<string | undefined> {
    return this.otherwise?.exchange(context, query);
  }
}

/** Background tokens from the Bot Framework token service, for the admin who connected. */
export function botFrameworkTokens(auth: BotFrameworkAuthentication, appId: string, connectionName: string): PartnerCenterTokens {
  const identity = new ClaimsIdentity([{ type: AuthenticationConstants.AudienceClaim, value: appId }], true);
  let client: Promise<UserTokenClient> | undefined;
  return {
    async token(connection: PartnerCenterConnection) {
      const by = connection.connectedBy;
      if (!by.channelUserId) return undefined;
      client ??= auth.createUserTokenClient(identity);
      return (await (await client).getUserToken(by.channelUserId, connectionName, by.channelId ?? 'msteams', ''))?.token;
    },
  };
}

/** The fixed development token, for the development tenant only. */
export function devTokens(dev: { readonly tenantId: string; readonly token: string }, otherwise?: PartnerCenterTokens): PartnerCenterTokens {
  return {
    token: async (connection) => (connection.tenantId === dev.tenantId ? dev.token : otherwise?.token(connection)),
  };
}

export const noPartnerCenterTokens: PartnerCenterTokens = { token: async () => undefined };
