import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { FixedClock } from '../../services/clock';
import { contractExample } from '../../services/referrals/contractExample';
import { startTestApp, teamsActivity, type TestApp } from '../support/app';
import { cardsOf, cardText, ConnectorStandIn } from '../support/connector';
import { member, TENANT } from '../support/fixtures';
import { install, personalConversation, teamsUser, uninstall, type TeamsUser } from '../support/teams';

/*
 * Without REFERRAL_ADMINS, a tenant's first admin is the first person to install the bot in personal
 * scope, not the first person the bot sees: new referrals go to admins only, in their personal chats,
 * so an admin who only @mentioned the bot in a channel would leave every referral with nobody to reach.
 */

const KEY = 'intake-key';
const CHANNEL = '19:general@thread.tacv2';

const ada = teamsUser('ada');
const ben = teamsUser('ben');
const cy = teamsUser('cy');

/** An activity from a team channel (Teams sends these only when the bot is @mentioned, or installed in the team). */
function inChannel(connector: ConnectorStandIn, user: TeamsUser, fields: Record<string, unknown>): Record<string, unknown> {
  return teamsActivity(connector.url, {
    from: { id: user.id, aadObjectId: user.aadObjectId, name: user.name },
    tenantId: user.tenantId,
    conversation: { id: `${CHANNEL};messageid=1`, conversationType: 'channel', isGroup: true, tenantId: user.tenantId },
    channelData: { tenant: { id: user.tenantId }, team: { id: CHANNEL }, channel: { id: CHANNEL } },
    ...fields,
  });
}

async function mentionInChannel(bot: TestApp, connector: ConnectorStandIn, user: TeamsUser): Promise<void> {
  connector.addMember({ id: user.id, aadObjectId: user.aadObjectId, name: user.name, email: user.email, userPrincipalName: user.email, tenantId: user.tenantId });
  const mention = { type: 'mention', text: '<at>Co-sell</at>', mentioned: { id: '28:cosell-bot', name: 'Co-sell' } };
  const res = await bot.post(inChannel(connector, user, { text: '<at>Co-sell</at> help', entities: [mention] }));
  expect(res.status).toBe(200);
}

describe('the first admin of a tenant (no REFERRAL_ADMINS)', () => {
  let connector: ConnectorStandIn;
  let bot: TestApp;
  let dataDir: string;

  const start = async () => startTestApp({ REFERRAL_INTAKE_KEY: KEY }, { clock: new FixedClock('2026-11-20T10:00:00Z'), workers: false }, dataDir);
  const stored = async (user: TeamsUser) => (await bot.app.store.members.get(user.tenantId, user.aadObjectId))!.value;
  const referralCardsOf = (user: TeamsUser) =>
    connector.sent(personalConversation(user)).filter((c) => cardsOf(c).some((card) => cardText(card).includes('New co-sell referral')));
  /** Push a referral through the intake and let the outbox deliver it. */
  const pushReferral = async (id: string) => {
    const res = await fetch(`${bot.url}/api/referrals`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${KEY}` },
      body: JSON.stringify({ ...contractExample(), id, tenantId: TENANT, createdDateTime: '2026-11-20T09:30:00Z' }),
    });
    expect(res.status).toBe(201);
    await bot.app.dispatcher.drain();
  };

  beforeEach(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'cosell-first-admin-'));
    connector = await new ConnectorStandIn().start();
    bot = await start();
  });

  afterEach(async () => {
    await bot.stop();
    await connector.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('when a user only @mentions the bot in a channel of a fresh tenant, then they do not become its admin; the first personal installer does, and receives the next referral’s card', async () => {
    await mentionInChannel(bot, connector, cy);
    expect(await stored(cy)).toMatchObject({ role: 'user', installed: false });

    await install(bot, connector, ada);
    expect(await stored(ada)).toMatchObject({ role: 'globalAdmin', installed: true });
    expect(cardText(cardsOf(connector.sent(personalConversation(ada))[0]!)[0])).toContain('Welcome to Co-sell');

    await pushReferral('pc-first-admin');
    expect(referralCardsOf(ada)).toHaveLength(1);
    expect(connector.sent(CHANNEL).filter((c) => cardsOf(c).some((card) => cardText(card).includes('New co-sell referral')))).toHaveLength(0);
  });

  it('when the person seen first in a channel (or who installed the bot in a team) later installs it personally, then they become the admin', async () => {
    connector.addMember({ id: cy.id, aadObjectId: cy.aadObjectId, name: cy.name, email: cy.email, userPrincipalName: cy.email, tenantId: cy.tenantId });
    expect((await bot.post(inChannel(connector, cy, { type: 'installationUpdate', action: 'add', text: undefined }))).status).toBe(200);
    await mentionInChannel(bot, connector, cy);
    expect(await stored(cy)).toMatchObject({ role: 'user', installed: false });

    await install(bot, connector, cy);
    expect(await stored(cy)).toMatchObject({ role: 'globalAdmin', installed: true });
    await install(bot, connector, ada);
    expect((await stored(ada)).role).toBe('user');
  });

  it('when the first admin is chosen, then later personal installers are referral users, even after the admin uninstalls the bot', async () => {
    await install(bot, connector, ada);
    await uninstall(bot, connector, ada);
    expect(await stored(ada)).toMatchObject({ role: 'globalAdmin', installed: false });
    await install(bot, connector, ben);
    expect((await stored(ben)).role).toBe('user');
  });

  it('when a local client (not Teams) adds the bot to a personal chat, then that is the personal install', async () => {
    const local = (user: TeamsUser) =>
      teamsActivity(connector.url, {
        type: 'conversationUpdate',
        channelId: 'emulator',
        from: { id: user.id, aadObjectId: user.aadObjectId, name: user.name },
        conversationId: personalConversation(user),
        membersAdded: [{ id: '28:cosell-bot', name: 'Co-sell' }, { id: user.id, name: user.name }],
      });
    expect((await bot.post(local(ada))).status).toBe(200);
    expect((await stored(ada)).role).toBe('globalAdmin');
    expect(cardText(cardsOf(connector.sent(personalConversation(ada))[0]!)[0])).toContain('Welcome to Co-sell');
    expect((await bot.post(local(ben))).status).toBe(200);
    expect((await stored(ben)).role).toBe('user');
  });

  it('when the bot is upgraded on a database whose only admin was made so by being seen first and never installed, then the first personal install makes a reachable admin who gets the next referral; the old admin keeps the role', async () => {
    // The data the earlier rule left: Cy, seen first in a channel, is the global admin; Ada installed and is a referral user.
    await bot.app.store.members.create(member({ tenantId: TENANT, userId: cy.aadObjectId, name: 'Cy', email: cy.email, role: 'globalAdmin', locationScopes: [], installed: false }));
    await bot.app.store.members.create(member({ tenantId: TENANT, userId: ada.aadObjectId, name: 'Ada', email: ada.email, role: 'user', locationScopes: [], installed: true }));
    await bot.stop();
    // ...in a database file from before the roles table.
    const file = new Database(join(dataDir, 'cosell.sqlite'));
    file.exec('DROP TABLE member_roles');
    file.pragma('user_version = 1');
    file.close();

    bot = await start();
    await install(bot, connector, ada);
    expect((await stored(ada)).role).toBe('globalAdmin');
    expect((await stored(cy)).role).toBe('globalAdmin');
    await pushReferral('pc-after-upgrade');
    expect(referralCardsOf(ada)).toHaveLength(1);
    await install(bot, connector, ben);
    expect((await stored(ben)).role).toBe('user');
  });

  it('when two people install at the same moment through two bot processes, one of them seen in a channel first, then exactly one becomes the admin (every round)', async () => {
    const second = await start();
    try {
      for (let round = 0; round < 5; round++) {
        const tenantId = `tenant-first-${round}`;
        const seen = teamsUser('cy', { tenantId, aadObjectId: `aad-cy-${round}` });
        const other = teamsUser('ada', { tenantId, aadObjectId: `aad-ada-${round}` });
        await mentionInChannel(bot, connector, seen);
        await Promise.all([install(bot, connector, seen), install(second, connector, other)]);
        const roles = [(await stored(seen)).role, (await stored(other)).role].sort();
        expect({ round, roles }).toEqual({ round, roles: ['globalAdmin', 'user'] });
      }
    } finally {
      await second.stop();
    }
  });
});
