import { CardFactory } from 'botbuilder';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer as createHttpServer } from 'node:http';
import { createServer as createNetServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FixedClock } from '../../services/clock';
import { inboundDealId } from '../../services/domain/ids';
import type { Deal, PartnerCenterConnection } from '../../services/domain/model';
import type { PartnerCenterTokens } from '../../services/partnerCenter';
import type { Store } from '../../services/store/ports';
import type { PartnerCenterSignIn } from '../../bot/features/partnerCenter/signIn';
import { startTestApp, teamsActivity, type TestApp } from '../support/app';
import { cardsOf, cardText, ConnectorStandIn, type ConnectorCall } from '../support/connector';
import { OTHER_TENANT, TENANT } from '../support/fixtures';
import { PartnerCenterStandIn } from '../support/partnerCenter';
import { actionsOf, click, inputsOf, install, personalConversation, say, teamsUser, type TeamsUser } from '../support/teams';
import { STORES } from '../support/stores';
import { command, press } from '../dialogs/support';

/*
 * The Partner Center connector end to end: the real bot over HTTP, the Teams connector stand-in, and a
 * local Partner Center (test/support/partnerCenter.ts) with its own signing CA, which the bot trusts
 * through PARTNER_CENTER_WEBHOOK_ROOTS and PARTNER_CENTER_CERT_HOSTS exactly as it trusts Microsoft's
 * in production. The Bot Framework token service is replaced by a fake sign-in and token source (the
 * admin "signs in" with code 424242); everything else is the bot's own code. Each test runs on the
 * embedded store and on Cosmos DB.
 */

const FABRIKAM_TOKEN = 'token-fabrikam-admin';
const TAILSPIN_TOKEN = 'token-tailspin-admin';
const MAGIC_CODE = '424242';
const FAST = { TEAMS_RATE_PER_CONVERSATION: '100', TEAMS_BURST_PER_CONVERSATION: '7' };

const ada = teamsUser('ada'); // first to install: referral admin with global scope
const ben = teamsUser('ben'); // made a referral admin by Ada
const cy = teamsUser('cy'); // referral user without scope: sees no new referral
const tia = teamsUser('tia', { tenantId: OTHER_TENANT, email: 'tia@tailspin.example' }); // Tailspin's admin

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createNetServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

/** The token service, as far as the bot can tell: tokens per tenant, which a test may take away. */
class FakeTokenService implements PartnerCenterTokens {
  readonly tokens = new Map<string, string>([
    [TENANT, FABRIKAM_TOKEN],
    [OTHER_TENANT, TAILSPIN_TOKEN],
  ]);
  /** Whether the admin has signed in (before that, `connect` must show the sign-in card). */
  signedIn = new Set<string>();

  async token(connection: PartnerCenterConnection): Promise<string | undefined> {
    return this.tokens.get(connection.tenantId);
  }

  signIn(): PartnerCenterSignIn {
    const tenantOf = (c: { activity: { conversation?: { tenantId?: string } } }) => c.activity.conversation?.tenantId ?? '';
    return {
      connectionName: 'PartnerCenter',
      existingToken: async (context) => (this.signedIn.has(tenantOf(context)) ? this.tokens.get(tenantOf(context)) : undefined),
      card: async (_context, texts) => CardFactory.oauthCard('PartnerCenter', texts.title, texts.text, 'https://token.botframework.example/api/oauth/signin?signin=abc'),
      verify: async (context, query) => {
        if (query.state !== MAGIC_CODE) return undefined;
        this.signedIn.add(tenantOf(context));
        return this.tokens.get(tenantOf(context));
      },
      exchange: async () => undefined,
    };
  }
}

describe.each(STORES)('Partner Center connector end to end (%s)', (_kind, openStore) => {
  let connector: ConnectorStandIn;
  let pc: PartnerCenterStandIn;
  let clock: FixedClock;
  let bot: TestApp;
  let store: Store;
  let closeStore: () => Promise<void>;
  let tokens: FakeTokenService;
  let dir: string;
  let baseUrl: string;

  const drain = () => bot.app.dispatcher.drain();
  /** The referral cards the bot sent the user (each refreshes itself with referral.show). */
  const referralCardsTo = (user: TeamsUser) =>
    connector.sent(personalConversation(user)).filter((c) => cardsOf(c).some((card) => (card.refresh as { action?: { verb?: string } } | undefined)?.action?.verb === 'referral.show'));
  const lastCardTo = (user: TeamsUser) => cardsOf(connector.sent(personalConversation(user)).at(-1)!)[0]!;
  const dealOf = async (pcId: string, tenantId = TENANT): Promise<Deal | undefined> => (await bot.app.store.deals.get(tenantId, inboundDealId(tenantId, pcId)))?.value;
  const latestCopy = (user: TeamsUser, copy: ConnectorCall) => {
    const updates = connector.updates(personalConversation(user)).filter((u) => u.activityId === copy.createdId);
    return cardsOf(updates.at(-1) ?? copy)[0]!;
  };
  const patchesOf = (id: string) => pc.apiRequests('PATCH').filter((r) => r.path.endsWith(`/${id}`));

  async function signInVerify(user: TeamsUser, state: string) {
    return bot.post(
      teamsActivity(connector.url, {
        from: { id: user.id, aadObjectId: user.aadObjectId, name: user.name },
        conversationId: personalConversation(user),
        tenantId: user.tenantId,
        type: 'invoke',
        name: 'signin/verifyState',
        text: undefined,
        value: { state },
      }),
    );
  }

  /** An admin connects: `connect partner center`, then — when the sign-in card came — Teams' verifyState with the code. */
  async function connect(user = ada): Promise<Record<string, unknown>> {
    await say(bot, connector, user, 'connect partner center');
    const answer = connector.sent(personalConversation(user)).at(-1)!.body.attachments as { contentType: string }[];
    if (answer[0]?.contentType === 'application/vnd.microsoft.card.oauth') expect((await signInVerify(user, MAGIC_CODE)).status).toBe(200);
    return lastCardTo(user);
  }

  /** Accept a referral from Ada's card, as a seller does. */
  async function accept(pcId: string, user = ada) {
    const deal = (await dealOf(pcId))!;
    const form = await click(bot, connector, user, 'referral.acceptForm', { dealId: deal.id, tenantId: TENANT });
    // The form as it comes: the team is optional when accepting (issue 13, item 1).
    return click(bot, connector, user, 'referral.accept', { dealId: deal.id, tenantId: TENANT, ...inputsOf(form.card) });
  }

  beforeEach(async () => {
    clock = new FixedClock('2026-11-20T10:00:00Z');
    connector = await new ConnectorStandIn().start();
    pc = await new PartnerCenterStandIn({ now: () => clock.now().toJSDate() }).start();
    pc.addOrganization(TENANT, FABRIKAM_TOKEN, 'Fabrikam');
    pc.addOrganization(OTHER_TENANT, TAILSPIN_TOKEN, 'Tailspin Toys');
    dir = mkdtempSync(join(tmpdir(), 'cosell-pc-'));
    writeFileSync(join(dir, 'roots.pem'), pc.rootPem);
    tokens = new FakeTokenService();
    ({ store, close: closeStore } = await openStore());
    const port = await freePort();
    baseUrl = `http://127.0.0.1:${port}`;
    bot = await startTestApp(
      {
        ...FAST,
        PORT: String(port),
        PUBLIC_BASE_URL: baseUrl,
        PARTNER_CENTER_API_URL: pc.url,
        PARTNER_CENTER_WEBHOOKS_URL: `${pc.url}/webhooks/v1`,
        PARTNER_CENTER_CONNECTION: 'PartnerCenter',
        PARTNER_CENTER_WEBHOOK_ROOTS: join(dir, 'roots.pem'),
        PARTNER_CENTER_CERT_HOSTS: pc.host,
      },
      { clock, workers: false, store, partnerCenter: { tokens, signIn: tokens.signIn() } },
      join(dir, 'data'),
    );
    for (const user of [ada, ben, cy, tia]) await install(bot, connector, user);
    const made = await click(bot, connector, ada, 'member.update', { userId: ben.aadObjectId, index: 0, role0: 'admin', scopes0: '' });
    expect(cardText(made.card)).toContain('Ben is now Referral admin');
  });

  afterEach(async () => {
    await bot.stop();
    await closeStore();
    await connector.stop();
    await pc.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('when a global admin connects, then the sign-in card comes first; after sign-in the webhook is registered, open incoming referrals are imported and reach exactly the members who may see them', async () => {
    const open1 = await pc.sendIncoming(TENANT, { name: 'Contoso – Azure migration' }, false);
    const open2 = await pc.sendIncoming(TENANT, { name: 'Litware – Dynamics 365', status: 'Active', substatus: 'Accepted' }, false);
    await pc.sendIncoming(TENANT, { name: 'Closed long ago', status: 'Closed', substatus: 'Lost' }, false);
    await pc.sendIncoming(OTHER_TENANT, { name: 'Tailspin’s own referral' }, false);

    // Not a global admin: refused, nothing asked of Partner Center.
    await say(bot, connector, cy, 'connect partner center');
    expect(cardText(lastCardTo(cy))).toContain('Only a referral admin with global scope can connect or disconnect Partner Center.');

    await say(bot, connector, ada, 'Connect Partner Centre');
    const signInCard = connector.sent(personalConversation(ada)).at(-1)!.body.attachments as { contentType: string; content: { connectionName: string; text: string } }[];
    expect(signInCard[0]).toMatchObject({ contentType: 'application/vnd.microsoft.card.oauth', content: { connectionName: 'PartnerCenter', text: expect.stringContaining('Referrals admin role') } });
    expect(pc.apiRequests()).toHaveLength(0);

    // A wrong code signs nobody in.
    await signInVerify(ada, '000000');
    expect(cardText(lastCardTo(ada))).toContain('The sign-in did not complete.');

    expect((await signInVerify(ada, MAGIC_CODE)).status).toBe(200);
    const connected = lastCardTo(ada);
    expect(cardText(connected)).toContain('Connected. Partner Center has 2 open referrals for your organization; 2 new referrals are on their way');
    expect(pc.webhookOf(TENANT)).toEqual({ url: `${baseUrl}/api/partner-center/events?tenant=${TENANT}`, events: ['referral-created', 'referral-updated'] });

    await drain();
    expect(referralCardsTo(ada)).toHaveLength(2);
    expect(referralCardsTo(ben)).toHaveLength(2);
    expect(referralCardsTo(cy)).toHaveLength(0);
    expect(referralCardsTo(tia)).toHaveLength(0);
    const contoso = cardText(cardsOf(referralCardsTo(ada).find((c) => cardText(cardsOf(c)[0]).includes('Contoso'))!)[0]);
    for (const expected of ['New co-sell referral', 'Contoso SA (Paris, France)', '€250,000', 'Mar 31, 2027', 'Microsoft', 'Azure Migrate', 'Partner Center: synced']) expect(contoso).toContain(expected);
    expect((await dealOf(open1.id as string))!.status).toBe('received');
    expect((await dealOf(open2.id as string))!).toMatchObject({ status: 'open', response: { by: { name: 'Partner Center' } } });

    // `partner center` for another admin: the state, who connected, the last sync.
    await say(bot, connector, ben, 'partner center');
    const status = cardText(lastCardTo(ben));
    for (const expected of ['Connected', 'Ada', 'Last sync', 'Nov 20, 2026', 'Instant updates', 'None.']) expect(status).toContain(expected);
    await say(bot, connector, cy, 'partner center');
    expect(cardText(lastCardTo(cy))).toContain('Only referral admins can see the Partner Center connection.');
  });

  it('when Partner Center posts a signed referral-created callback, then the card reaches the admins within seconds, with the outbox worker running', async () => {
    await connect();
    await drain();
    bot.app.dispatcher.start();
    const sent = await pc.sendIncoming(TENANT, { name: 'Northwind – SAP on Azure' });
    expect(pc.callbacks.at(-1)).toMatchObject({ status: 200 });
    await connector.waitFor(() => referralCardsTo(ada).some((c) => cardText(cardsOf(c)[0]).includes('Northwind – SAP on Azure')), 10_000, 'the Northwind referral card to Ada');
    await connector.waitFor(() => referralCardsTo(ben).some((c) => cardText(cardsOf(c)[0]).includes('Northwind – SAP on Azure')), 10_000, 'the Northwind referral card to Ben');
    expect(pc.apiRequests('GET').some((r) => r.path.endsWith(`/${String(sent.id)}`))).toBe(true);
  });

  it('when a seller accepts in Teams, then Partner Center gets Active/Accepted by a PATCH with If-Match, and every copy of the card says synced', async () => {
    await connect();
    const sent = await pc.sendIncoming(TENANT);
    await drain();
    const before = pc.referral(String(sent.id))!;
    const answer = await accept(String(sent.id));
    expect(cardText(answer.card)).toContain('Done: you accepted this referral.');
    expect(cardText(answer.card)).toContain('Partner Center: waiting to sync');
    await drain();
    const after = pc.referral(String(sent.id))!;
    expect(after).toMatchObject({ status: 'Active', substatus: 'Accepted' });
    const patches = patchesOf(String(sent.id));
    expect(patches).toHaveLength(1);
    expect(patches[0]!.ifMatch).toBe(before.eTag);
    expect(patches[0]!.prefer).toBe('return=representation');
    expect(patches[0]!.body).toEqual(expect.arrayContaining([{ op: 'replace', path: '/status', value: 'Active' }, { op: 'replace', path: '/substatus', value: 'Accepted' }]));
    const deal = (await dealOf(String(sent.id)))!;
    expect(deal.partnerCenter).toMatchObject({ state: 'synced', eTag: after.eTag });
    for (const user of [ada, ben]) expect(cardText(latestCopy(user, referralCardsTo(user)[0]!))).toMatch(/Accepted by Ada[\s\S]*Partner Center: synced/);
    // Nothing goes back again: the next pass changes nothing.
    await bot.app.partnerCenter.poller.tick();
    await drain();
    expect(patchesOf(String(sent.id))).toHaveLength(1);
  });

  it('when a seller declines with a reason, then Partner Center gets Closed/Declined with the reason and notes as statusReason', async () => {
    await connect();
    const sent = await pc.sendIncoming(TENANT);
    await drain();
    const deal = (await dealOf(String(sent.id)))!;
    const declined = await click(bot, connector, ben, 'referral.decline', { dealId: deal.id, tenantId: TENANT, reason: 'other', reasonText: 'Customer asked for a local partner', notes: 'Happy to help next time' });
    expect(cardText(declined.card)).toContain('Done: you declined this referral.');
    await drain();
    expect(pc.referral(String(sent.id))).toMatchObject({ status: 'Closed', substatus: 'Declined', statusReason: 'Customer asked for a local partner — Happy to help next time' });
    expect(patchesOf(String(sent.id))[0]!.ifMatch).toEqual(expect.any(String));
  });

  it('when a seller marks an accepted referral Won, then Partner Center gets Closed/Won; edits of name, value, close date and notes go as one PATCH', async () => {
    await connect();
    const sent = await pc.sendIncoming(TENANT);
    await drain();
    await accept(String(sent.id));
    await drain();
    const deal = (await dealOf(String(sent.id)))!;
    const form = await click(bot, connector, ada, 'deal.editForm', { dealId: deal.id, tenantId: TENANT });
    const edited = await click(bot, connector, ada, 'deal.edit', { dealId: deal.id, tenantId: TENANT, ...inputsOf(form.card), name: 'Contoso – Azure migration (phase 1)', amount: '300000', closeDate: '2027-04-30', notes: 'Phase 1 only' });
    expect(cardText(edited.card)).toContain('Your changes are saved.');
    await drain();
    expect(pc.referral(String(sent.id))).toMatchObject({ name: 'Contoso – Azure migration (phase 1)', details: { dealValue: 300000, closingDateTime: '2027-04-30T00:00:00Z', notes: 'Phase 1 only' } });
    const won = await click(bot, connector, ada, 'deal.won', { dealId: deal.id, tenantId: TENANT });
    expect(cardText(won.card)).toContain('Won');
    await drain();
    expect(pc.referral(String(sent.id))).toMatchObject({ status: 'Closed', substatus: 'Won' });
    expect(patchesOf(String(sent.id))).toHaveLength(3);
  });

  it('when the referral is changed or answered in Partner Center, then the deal and every copy of its card follow, and nothing is sent back', async () => {
    await connect();
    const sent = await pc.sendIncoming(TENANT);
    await drain();
    await pc.change(String(sent.id), { name: 'Contoso – Azure migration and SAP', details: { dealValue: 400000 } });
    await drain();
    expect((await dealOf(String(sent.id)))!).toMatchObject({ name: 'Contoso – Azure migration and SAP', value: { amount: 400000, currency: 'EUR' }, status: 'received' });
    expect(cardText(latestCopy(ada, referralCardsTo(ada)[0]!))).toContain('€400,000');
    clock.advance({ minutes: 1 });
    await pc.change(String(sent.id), { status: 'Closed', substatus: 'Declined', statusReason: 'Answered by the Partner Center team' });
    await drain();
    expect((await dealOf(String(sent.id)))!).toMatchObject({ status: 'declined', response: { by: { name: 'Partner Center' }, reasonText: 'Answered by the Partner Center team' } });
    const text = cardText(latestCopy(ben, referralCardsTo(ben)[0]!));
    expect(text).toContain('Declined by Partner Center');
    expect(actionsOf(latestCopy(ben, referralCardsTo(ben)[0]!)).filter((a) => a.verb === 'referral.acceptForm')).toHaveLength(0);
    expect(pc.apiRequests('PATCH')).toHaveLength(0);
  });

  it('when Partner Center changed the referral since it was read (412), then a change it did not touch is sent again with the new eTag; an answer it already gave wins and the card says so', async () => {
    await connect();
    const notes = await pc.sendIncoming(TENANT, { name: 'Notes changed there' });
    const answered = await pc.sendIncoming(TENANT, { name: 'Declined there' });
    await drain();
    // Changed in Partner Center, webhooks lost: the bot still holds the old eTags.
    await pc.change(String(notes.id), { details: { notes: 'Budget approved by the CFO' } }, false);
    await pc.change(String(answered.id), { status: 'Closed', substatus: 'Declined', statusReason: 'Customer withdrew' }, false);
    await accept(String(notes.id));
    await accept(String(answered.id));
    await drain();

    const kept = patchesOf(String(notes.id));
    expect(kept.map((p) => p.status)).toEqual([412, 200]);
    expect(pc.referral(String(notes.id))).toMatchObject({ status: 'Active', substatus: 'Accepted', details: { notes: 'Budget approved by the CFO' } });
    expect((await dealOf(String(notes.id)))!).toMatchObject({ status: 'open', notes: 'Budget approved by the CFO', partnerCenter: { state: 'synced' } });

    expect(patchesOf(String(answered.id)).map((p) => p.status)).toEqual([412]);
    expect(pc.referral(String(answered.id))).toMatchObject({ status: 'Closed', substatus: 'Declined' });
    const deal = (await dealOf(String(answered.id)))!;
    expect(deal).toMatchObject({ status: 'declined', partnerCenter: { state: 'conflict', conflict: { code: 'keptRemote', remoteStatus: 'Closed/Declined' } } });
    const card = latestCopy(ada, referralCardsTo(ada).find((c) => cardText(cardsOf(c)[0]).includes('Declined there'))!);
    expect(cardText(card)).toContain('Partner Center: conflict');
    expect(cardText(card)).toContain('the referral had changed there (Closed/Declined); Partner Center’s version was kept.');
  });

  it('when a webhook never arrives, then the reconciliation poll brings the referral within the sync interval', async () => {
    await connect();
    await drain();
    const missed = await pc.sendIncoming(TENANT, { name: 'Webhook lost' }, false);
    clock.advance({ minutes: 5 });
    expect(await bot.app.partnerCenter.poller.tick()).toBe(1);
    await drain();
    expect(referralCardsTo(ada).filter((c) => cardText(cardsOf(c)[0]).includes('Webhook lost'))).toHaveLength(1);
    expect(await dealOf(String(missed.id))).toBeDefined();
  });

  it('when Partner Center is down for a while, then answers and referrals wait and, once it is back, each arrives exactly once', async () => {
    await connect();
    const sent = await pc.sendIncoming(TENANT);
    await drain();
    pc.goDown();
    await accept(String(sent.id));
    await drain();
    clock.advance({ minutes: 5 });
    await bot.app.partnerCenter.poller.tick();
    await drain();
    expect(pc.referral(String(sent.id))).toMatchObject({ status: 'New' });
    await say(bot, connector, ada, 'partner center');
    expect(cardText(lastCardTo(ada))).toContain('Partner Center could not be reached');

    pc.comeBack();
    const during = await pc.sendIncoming(TENANT, { name: 'Sent during the outage' }, false);
    clock.advance({ minutes: 30 });
    await bot.app.partnerCenter.poller.tick();
    await drain();
    expect(pc.referral(String(sent.id))).toMatchObject({ status: 'Active', substatus: 'Accepted' });
    expect(patchesOf(String(sent.id)).filter((p) => p.status === 200)).toHaveLength(1);
    expect(referralCardsTo(ada).filter((c) => cardText(cardsOf(c)[0]).includes('Sent during the outage'))).toHaveLength(1);
    expect(await dealOf(String(during.id))).toBeDefined();
    clock.advance({ minutes: 30 });
    await bot.app.partnerCenter.poller.tick();
    await drain();
    expect(patchesOf(String(sent.id)).filter((p) => p.status === 200)).toHaveLength(1);
    expect(referralCardsTo(ada)).toHaveLength(2);
  });

  it('when Partner Center answers 429, then the change waits for Retry-After; when it refuses the token (401), then the connection needs a new sign-in and its admin is told once', async () => {
    await connect();
    const sent = await pc.sendIncoming(TENANT);
    await drain();
    pc.answerNext({ status: 429, headers: { 'retry-after': '120' }, match: (method) => method === 'PATCH' });
    await accept(String(sent.id));
    await drain();
    expect(patchesOf(String(sent.id)).map((p) => p.status)).toEqual([429]);
    clock.advance({ seconds: 60 });
    await drain();
    expect(patchesOf(String(sent.id))).toHaveLength(1);
    clock.advance({ seconds: 61 });
    await drain();
    expect(patchesOf(String(sent.id)).map((p) => p.status)).toEqual([429, 200]);

    pc.revoke(FABRIKAM_TOKEN);
    const second = await pc.sendIncoming(TENANT, { name: 'After the token lapsed' });
    await drain();
    expect(await dealOf(String(second.id))).toBeUndefined();
    const notices = () => connector.sent(personalConversation(ada)).filter((c) => cardsOf(c).some((card) => cardText(card).includes('Partner Center needs you to sign in again')));
    expect(notices()).toHaveLength(1);
    clock.advance({ minutes: 10 });
    await bot.app.partnerCenter.poller.tick();
    await drain();
    expect(notices()).toHaveLength(1);
    await say(bot, connector, ben, 'partner center');
    expect(cardText(lastCardTo(ben))).toContain('Needs a new sign-in');

    // Signing in again brings it back; the referral missed meanwhile arrives.
    pc.addOrganization(TENANT, FABRIKAM_TOKEN, 'Fabrikam');
    expect(cardText(await connect())).toContain('Connected.');
    await drain();
    expect(await dealOf(String(second.id))).toBeDefined();
  });

  it('when Partner Center returns a referral the intake would refuse, then it is skipped with the reason shown on `partner center`, and no deal is half-written', async () => {
    const bad = await pc.sendIncoming(TENANT, { name: 'Bad currency', details: { dealValue: 1000, currency: 'EURO', closingDateTime: '2027-01-31T00:00:00Z' } }, false);
    const good = await pc.sendIncoming(TENANT, { name: 'Good one' }, false);
    const card = cardText(await connect());
    expect(card).toContain('Partner Center has 2 open referrals');
    expect(card).toContain('One referral could not be taken');
    expect(card).toContain(`Referral ${String(bad.id)}`);
    expect(card).toContain('details.currency: Enter an ISO 4217 currency code, such as EUR or USD.');
    expect(await dealOf(String(bad.id))).toBeUndefined();
    expect(await dealOf(String(good.id))).toBeDefined();
  });

  it('when a deal is created in the bot, then it is created in Partner Center as an outgoing referral and linked by id, and Partner Center’s answers come back to it', async () => {
    await connect();
    let card = await command(bot, connector, ada, 'new deal');
    card = await press(bot, connector, ada, card, 'next', { customerCountry: 'FR', customerName: 'Northwind Traders' });
    card = await press(bot, connector, ada, card, 'next', { name: 'Northwind – data platform', amount: '120000', currency: 'EUR', closeDate: '2027-06-30' });
    card = await press(bot, connector, ada, card, 'next', { team0Phone: '+33 1 02 03 04 05' });
    card = await press(bot, connector, ada, card, 'next', { microsoft: 'Azure Synapse' });
    card = await press(bot, connector, ada, card, 'next', {});
    card = await press(bot, connector, ada, card, 'next', {});
    card = await press(bot, connector, ada, card, 'create');
    expect(cardText(card)).toContain('Partner Center: waiting to sync');
    const deal = (await bot.app.store.deals.list(TENANT, { direction: 'outbound' }, { limit: 5 })).items[0]!.value;
    await drain();
    const created = pc.referralsOf(TENANT).find((r) => r.externalReferenceId === deal.id)!;
    expect(created).toMatchObject({ direction: 'Outgoing', status: 'Active', substatus: 'Accepted', name: 'Northwind – data platform', details: { dealValue: 120000, currency: 'EUR', closingDateTime: '2027-06-30T00:00:00Z' } });
    expect((await bot.app.store.deals.get(TENANT, deal.id))!.value.partnerCenter).toMatchObject({ referralId: created.id, state: 'synced' });
    // Won in Partner Center: the bot's deal follows, and nothing is sent back.
    await pc.change(String(created.id), { status: 'Closed', substatus: 'Won' });
    await drain();
    expect((await bot.app.store.deals.get(TENANT, deal.id))!.value.status).toBe('won');
    expect(pc.apiRequests('POST').filter((r) => r.path.endsWith('/referrals'))).toHaveLength(1);
    expect(pc.apiRequests('PATCH')).toHaveLength(0);
  });

  it('when an admin disconnects, then the webhook registration is removed and nothing syncs any more', async () => {
    await connect();
    const sent = await pc.sendIncoming(TENANT);
    await drain();
    await say(bot, connector, ada, 'disconnect partner center');
    expect(cardText(lastCardTo(ada))).toContain('Disconnected. Referrals no longer arrive from Partner Center');
    expect(pc.webhookOf(TENANT)).toBeUndefined();
    await accept(String(sent.id));
    await pc.sendIncoming(TENANT, { name: 'After disconnecting' }, false);
    clock.advance({ minutes: 10 });
    expect(await bot.app.partnerCenter.poller.tick()).toBe(0);
    await drain();
    expect(pc.apiRequests('PATCH')).toHaveLength(0);
    expect(referralCardsTo(ada).filter((c) => cardText(cardsOf(c)[0]).includes('After disconnecting'))).toHaveLength(0);
  });

  it('when one organization is connected, then its connection never reads or writes another organization’s referrals', async () => {
    await connect();
    await connect(tia);
    const fabrikams = await pc.sendIncoming(TENANT, { name: 'Fabrikam only' }, false);
    // A genuine callback about Fabrikam's referral, sent to Tailspin's address: Tailspin's token cannot read it.
    const status = await pc.callback(`${baseUrl}/api/partner-center/events?tenant=${OTHER_TENANT}`, { EventName: 'referral-created', ResourceUri: `${pc.url}/v1.0/engagements/referrals/${String(fabrikams.id)}`, ResourceName: 'referral' });
    expect(status).toBe(200);
    await drain();
    expect(await dealOf(String(fabrikams.id), OTHER_TENANT)).toBeUndefined();
    expect(pc.apiRequests('GET').filter((r) => r.path.endsWith(String(fabrikams.id))).map((r) => [r.tenantId, r.status])).toEqual([[OTHER_TENANT, 404]]);
    expect(referralCardsTo(tia)).toHaveLength(0);
  });
});

describe('Partner Center webhook callbacks that are not Partner Center’s', () => {
  let clock: FixedClock;
  let pc: PartnerCenterStandIn;
  let bot: TestApp;
  let dir: string;
  let url: string;
  let sent: Record<string, unknown>;
  let elsewhere: { hits: number; close: () => Promise<void>; url: string };

  beforeAll(async () => {
    clock = new FixedClock('2026-11-20T10:00:00Z');
    pc = await new PartnerCenterStandIn({ now: () => clock.now().toJSDate() }).start();
    pc.addOrganization(TENANT, FABRIKAM_TOKEN, 'Fabrikam');
    dir = mkdtempSync(join(tmpdir(), 'cosell-pc-sig-'));
    writeFileSync(join(dir, 'roots.pem'), pc.rootPem);
    const server = createHttpServer((_req, res) => {
      elsewhere.hits++;
      res.end('not a certificate');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    elsewhere = { hits: 0, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/cert.cer`, close: () => new Promise((r) => server.close(() => r())) };
    const tokens = new FakeTokenService();
    bot = await startTestApp(
      { PARTNER_CENTER_API_URL: pc.url, PARTNER_CENTER_WEBHOOKS_URL: `${pc.url}/webhooks/v1`, PARTNER_CENTER_CONNECTION: 'PartnerCenter', PARTNER_CENTER_WEBHOOK_ROOTS: join(dir, 'roots.pem'), PARTNER_CENTER_CERT_HOSTS: pc.host },
      { clock, workers: false, partnerCenter: { tokens, signIn: tokens.signIn() } },
    );
    url = `${bot.url}/api/partner-center/events?tenant=${TENANT}`;
    await bot.app.partnerCenter.connect(TENANT, { userId: 'aad-ada', name: 'Ada' }, FABRIKAM_TOKEN);
    sent = await pc.sendIncoming(TENANT, {}, false);
  });

  afterAll(async () => {
    await bot.stop();
    await pc.stop();
    await elsewhere.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const event = () => ({ EventName: 'referral-updated', ResourceUri: `${pc.url}/v1.0/engagements/referrals/${String(sent.id)}`, ResourceName: 'referral' });
  const pulls = async () => (await bot.app.store.outbox.counts()).pending;

  it.each([
    ['unsigned', { signature: 'none' as const }],
    ['signed with another key', { signature: 'wrong' as const }],
    ['signed by a certificate issued to Microsoft Corporation under a root nobody trusts', { rogueCertificate: true }],
    ['replayed (its change is ten minutes old)', { changedAt: new Date(Date.parse('2026-11-20T09:50:00Z')) }],
  ])('when a callback is %s, then it is refused with 401 and nothing is read from Partner Center', async (_what, options) => {
    const before = await pulls();
    const readsBefore = pc.apiRequests('GET').length;
    expect(await pc.callback(url, event(), options)).toBe(401);
    expect(await pulls()).toBe(before);
    expect(pc.apiRequests('GET')).toHaveLength(readsBefore);
  });

  it.each([
    ['on a host that is not allowed', () => elsewhere.url],
    ['with credentials in it', () => pc.certificateUrl.replace('http://', 'http://user:pass@')],
  ])('when the certificate URL is %s, then the callback is refused without any request to it', async (_what, certificateUrl) => {
    const hits = elsewhere.hits;
    const downloads = pc.requests.filter((r) => r.path.startsWith('/cert/')).length;
    expect(await pc.callback(url, event(), { certificateUrl: certificateUrl() })).toBe(401);
    expect(elsewhere.hits).toBe(hits);
    expect(pc.requests.filter((r) => r.path.startsWith('/cert/'))).toHaveLength(downloads);
  });

  it('when a genuine callback arrives, then it is accepted and one read of the referral it names is queued, even if Partner Center repeats it', async () => {
    const before = await pulls();
    expect(await pc.callback(url, event())).toBe(200);
    expect(await pc.callback(url, event())).toBe(200);
    expect(await pulls()).toBe(before + 1);
    await bot.app.dispatcher.drain();
    expect(await bot.app.store.deals.get(TENANT, inboundDealId(TENANT, String(sent.id)))).toBeDefined();
  });

  it('when a callback is larger than 64 KiB, then it is refused with 413 before anything else', async () => {
    const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: 'x'.repeat(70 * 1024) });
    expect(res.status).toBe(413);
  });
});

describe('Partner Center sign-in in Teams', () => {
  let clock: FixedClock;
  let connector: ConnectorStandIn;
  let pc: PartnerCenterStandIn;
  let dir: string;
  const bots: TestApp[] = [];

  beforeEach(async () => {
    clock = new FixedClock('2026-11-20T10:00:00Z');
    connector = await new ConnectorStandIn().start();
    pc = await new PartnerCenterStandIn({ now: () => clock.now().toJSDate() }).start();
    pc.addOrganization(TENANT, FABRIKAM_TOKEN, 'Fabrikam');
    dir = mkdtempSync(join(tmpdir(), 'cosell-pc-signin-'));
    writeFileSync(join(dir, 'roots.pem'), pc.rootPem);
  });

  afterEach(async () => {
    for (const b of bots.splice(0)) await b.stop();
    await connector.stop();
    await pc.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  async function start(env: Record<string, string>, signIn?: PartnerCenterSignIn): Promise<TestApp> {
    const tokens = new FakeTokenService();
    const bot = await startTestApp(
      { ...FAST, PARTNER_CENTER_API_URL: pc.url, PARTNER_CENTER_WEBHOOKS_URL: `${pc.url}/webhooks/v1`, PARTNER_CENTER_WEBHOOK_ROOTS: join(dir, 'roots.pem'), PARTNER_CENTER_CERT_HOSTS: pc.host, ...env },
      { clock, workers: false, partnerCenter: { tokens, ...(signIn ? { signIn } : {}) } },
    );
    bots.push(bot);
    await install(bot, connector, ada);
    return bot;
  }

  const tokenExchange = (bot: TestApp, token: string) =>
    bot.post(
      teamsActivity(connector.url, {
        from: { id: ada.id, aadObjectId: ada.aadObjectId, name: ada.name },
        conversationId: personalConversation(ada),
        type: 'invoke',
        name: 'signin/tokenExchange',
        text: undefined,
        value: { id: 'exchange-1', connectionName: 'PartnerCenter', token },
      }),
    );

  it('when no OAuth connection is configured, then `connect partner center` says what the bot’s administrator must set, and nothing is asked of Partner Center', async () => {
    const bot = await start({});
    await say(bot, connector, ada, 'connect partner center');
    expect(cardText(cardsOf(connector.sent(personalConversation(ada)).at(-1)!)[0]!)).toContain('PARTNER_CENTER_CONNECTION and PUBLIC_BASE_URL');
    expect(pc.requests).toHaveLength(0);
  });

  it('when Teams offers a single sign-on token that cannot be exchanged, then it is answered 412 so that Teams shows the sign-in button; one that can connects', async () => {
    const signIn: PartnerCenterSignIn = {
      ...new FakeTokenService().signIn(),
      exchange: async (_context, query) => (query.token === 'sso-token' ? FABRIKAM_TOKEN : undefined),
    };
    const bot = await start({ PARTNER_CENTER_CONNECTION: 'PartnerCenter' }, signIn);
    const refused = await tokenExchange(bot, 'stale-sso-token');
    expect(refused).toMatchObject({ status: 412, body: { id: 'exchange-1', connectionName: 'PartnerCenter' } });
    expect(pc.requests).toHaveLength(0);
    const accepted = await tokenExchange(bot, 'sso-token');
    expect(accepted.status).toBe(200);
    expect(cardText(cardsOf(connector.sent(personalConversation(ada)).at(-1)!)[0]!)).toContain('Connected. Partner Center has no open referrals');
    expect((await bot.app.partnerCenter.status(TENANT))?.connectedBy).toEqual({ userId: ada.aadObjectId, name: ada.name, channelUserId: ada.id, channelId: 'msteams' });
  });
});
