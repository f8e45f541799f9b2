import { ActivityTypes, CardFactory, type SigninStateVerificationQuery, type TurnContext } from 'botbuilder';
import { renderErrorCard } from '../../../cards/notice';
import { partnerCenterCardData, renderPartnerCenterCard } from '../../../cards/partnerCenter';
import type { AdaptiveCardJson } from '../../../cards/render';
import type { Clock } from '../../../services/clock';
import type { Member } from '../../../services/domain/model';
import { translator, type Translator } from '../../../services/i18n';
import type { ConnectOutcome, PartnerCenterService } from '../../../services/partnerCenter';
import type { Acting } from '../../cardActions/support';
import { actingOf } from '../../commands/acting';
import type { Logger } from '../../logger';
import { readerOfTurn } from '../../middleware/presence';
import type { PartnerCenterSignIn } from './signIn';

/*
 * The chat side of the connection: `connect partner center` (a referral admin with global scope signs
 * in; the bot registers its webhook, imports, and says what it found), `partner center` (how it
 * stands), `disconnect partner center` and the card's Disconnect. Sign-in completes through Teams'
 * signin/verifyState or signin/tokenExchange invokes, which land here too.
 */

export interface PartnerCenterChatDeps {
  readonly service: PartnerCenterService;
  /** Undefined when no sign-in is configured (no PARTNER_CENTER_CONNECTION and no development tenant). */
  readonly signIn?: PartnerCenterSignIn;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly onWork: () => void;
  readonly syncSeconds: number;
  /** The development tenant, connected with a fixed token (local runs only). */
  readonly devTenantId?: string;
}

const isGlobalAdmin = (m: Member) => m.role === 'globalAdmin';
const isAdmin = (m: Member) => m.role === 'globalAdmin' || m.role === 'admin';

export class PartnerCenterChat {
  constructor(private readonly deps: PartnerCenterChatDeps) {}

  private async send(context: TurnContext, card: AdaptiveCardJson): Promise<void> {
    await context.sendActivity({ attachments: [CardFactory.adaptiveCard(card)] });
  }

  private acting(context: TurnContext): Acting | undefined {
    return actingOf(this.deps.clock, context);
  }

  private refusal(context: TurnContext, message: (tr: Translator) => string): AdaptiveCardJson {
    const tr = this.acting(context)?.tr ?? translator(readerOfTurn(context));
    return renderErrorCard(tr.t('error.title'), message(tr));
  }

  /** The connection card for this reader, with a sentence on top. */
  async view(acting: Acting, notice?: { text: string; color: 'Good' | 'Attention' | 'Warning' }): Promise<AdaptiveCardJson> {
    const connection = await this.deps.service.status(acting.member.tenantId);
    return renderPartnerCenterCard(
      partnerCenterCardData(connection, acting.tr, { canDisconnect: isGlobalAdmin(acting.member), syncSeconds: this.deps.syncSeconds, ...(notice ? { notice } : {}) }),
    );
  }

  /** `partner center`: referral admins see how the connection stands. */
  async status(context: TurnContext): Promise<void> {
    const acting = this.acting(context);
    if (!acting || !isAdmin(acting.member)) return this.send(context, this.refusal(context, (tr) => tr.t('partnerCenter.adminOnly')));
    await this.send(context, await this.view(acting));
  }

  /** `connect partner center`: with a token the admin already has, at once; otherwise the sign-in card first. */
  async connect(context: TurnContext): Promise<void> {
    const acting = this.acting(context);
    if (!acting || !isGlobalAdmin(acting.member)) return this.send(context, this.refusal(context, (tr) => tr.t('partnerCenter.globalAdminOnly')));
    const signIn = this.deps.signIn;
    if (!signIn) return this.send(context, this.refusal(context, (tr) => tr.t('partnerCenter.notConfigured')));
    const existing = await this.deps.service.status(acting.member.tenantId);
    if (existing?.state === 'connected') return this.send(context, await this.view(acting, { text: acting.tr.t('partnerCenter.alreadyConnected'), color: 'Warning' }));
    const token = await signIn.existingToken(context).catch((err: unknown) => {
      this.deps.logger.warn('partner center: the token service could not be asked', { error: err });
      return undefined;
    });
    if (token) return this.finish(context, acting, token);
    let card;
    try {
      card = await signIn.card(context, { title: acting.tr.t('partnerCenter.signIn.title'), text: acting.tr.t('partnerCenter.signIn.text') });
    } catch (err) {
      // No OAuth connection for this organization (a development setup), or the token service failed.
      this.deps.logger.warn('partner center: no sign-in card could be made', { error: err, tenantId: acting.member.tenantId });
      return this.send(context, this.refusal(context, (tr) => tr.t('partnerCenter.notConfigured')));
    }
    await context.sendActivity({ attachments: [card] });
  }

  /** Teams passes back the sign-in's code. */
  async verifyState(context: TurnContext, query: SigninStateVerificationQuery | undefined): Promise<void> {
    const acting = this.acting(context);
    if (!acting || !isGlobalAdmin(acting.member)) return this.send(context, this.refusal(context, (tr) => tr.t('partnerCenter.globalAdminOnly')));
    const state = typeof query?.state === 'string' ? query.state.slice(0, 100) : '';
    const token = state ? await this.deps.signIn?.verify(context, { state }) : undefined;
    if (!token) return this.send(context, this.refusal(context, (tr) => tr.t('partnerCenter.signInFailed')));
    await this.finish(context, acting, token);
  }

  /** Teams offers its single sign-on token; when it cannot be exchanged, 412 makes Teams show the sign-in button. */
  async tokenExchange(context: TurnContext, query: (SigninStateVerificationQuery & { id?: unknown; token?: unknown }) | undefined): Promise<void> {
    const acting = this.acting(context);
    const id = typeof query?.id === 'string' ? query.id.slice(0, 200) : undefined;
    const sso = typeof query?.token === 'string' ? query.token : undefined;
    const token = acting && isGlobalAdmin(acting.member) && sso ? await this.deps.signIn?.exchange(context, { id, token: sso }) : undefined;
    if (!token || !acting) {
      await context.sendActivity({
        type: ActivityTypes.InvokeResponse,
        value: { status: 412, body: { id, connectionName: this.deps.signIn?.connectionName ?? '', failureDetail: 'The token could not be exchanged.' } },
      });
      return;
    }
    await this.finish(context, acting, token);
  }

  private async finish(context: TurnContext, acting: Acting, token: string): Promise<void> {
    const { member, tr } = acting;
    const a = context.activity;
    const outcome = await this.deps.service.connect(
      member.tenantId,
      { userId: member.userId, name: member.name, channelUserId: a.from.id, channelId: a.channelId },
      token,
      member.tenantId === this.deps.devTenantId,
    );
    this.deps.onWork();
    await this.send(context, await this.connectedCard(acting, outcome, tr));
  }

  private async connectedCard(acting: Acting, outcome: ConnectOutcome, tr: Translator): Promise<AdaptiveCardJson> {
    switch (outcome.kind) {
      case 'unauthorized':
        return renderErrorCard(tr.t('error.title'), tr.t('partnerCenter.refusedSignIn'));
      case 'unavailable':
        return renderErrorCard(tr.t('error.title'), tr.t('partnerCenter.unavailable'));
      case 'connected': {
        const r = outcome.report;
        const text = r
          ? [tr.t('partnerCenter.connected', { found: r.found, created: r.created }), r.failed > 0 ? tr.t('partnerCenter.connectedSkipped', { failed: r.failed }) : ''].filter(Boolean).join(' ')
          : tr.t('partnerCenter.connectedLater');
        return this.view(acting, { text, color: r ? 'Good' : 'Warning' });
      }
    }
  }

  /** `disconnect partner center` and the card's Disconnect: the card that says how it went. */
  async disconnect(context: TurnContext): Promise<AdaptiveCardJson> {
    const acting = this.acting(context);
    if (!acting || !isGlobalAdmin(acting.member)) return this.refusal(context, (tr) => tr.t('partnerCenter.globalAdminOnly'));
    const token = await this.deps.signIn?.existingToken(context).catch(() => undefined);
    const result = await this.deps.service.disconnect(acting.member.tenantId, token);
    const tr = acting.tr;
    if (!result.wasConnected) return this.view(acting, { text: tr.t('partnerCenter.notConnected'), color: 'Warning' });
    return this.view(acting, result.webhookRemoved ? { text: tr.t('partnerCenter.disconnected'), color: 'Good' } : { text: tr.t('partnerCenter.disconnectedWebhookLeft'), color: 'Warning' });
  }
}
