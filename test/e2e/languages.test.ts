import { FixedClock } from '../../services/clock';
import { contractExample } from '../../services/referrals/contractExample';
import { teamsActivity, type TestApp } from '../support/app';
import { cardsOf, cardText, ConnectorStandIn, type ConnectorCall } from '../support/connector';
import { TENANT } from '../support/fixtures';
import { click, inputsOf, install, personalConversation, say, teamsUser, type TeamsUser } from '../support/teams';
import { command, KEY, lastSent, press, startBot, type Card } from '../dialogs/support';

/*
 * Issue 12 end to end, through the real HTTP server: sellers of one organization whose Teams is in
 * French and in Simplified Chinese read every card in their own language and time zone — the cards they
 * ask for, and the ones the bot sends first because the intake or another person acted — and type
 * commands in their own words. A member whose activity carries no locale reads the language they used
 * before; one the bot never heard a locale from reads what most of the organization uses.
 */

const ada = teamsUser('ada', { locale: 'fr-FR', timezone: 'Europe/Paris' }); // first to install: referral admin with global scope
const chen = teamsUser('chen', { locale: 'zh-CN', timezone: 'Asia/Shanghai' }); // made an admin by Ada
const elise = teamsUser('elise', { locale: 'fr-FR', timezone: 'Europe/Paris' });
const ben = teamsUser('ben', { locale: 'en-US', timezone: 'America/New_York' });
const dora = teamsUser('dora', { locale: 'fr-FR', timezone: 'Europe/Paris' }); // her Teams never says so: installs without a locale

/** A referral whose every typed value (names, notes) is in no particular language, so any English on its cards is ours. */
const REFERRAL = {
  ...contractExample(),
  tenantId: TENANT,
  createdDateTime: '2026-11-20T09:30:00Z',
  name: 'Contoso – migration Azure',
  details: { ...contractExample().details, notes: 'Objectif : quitter le centre de données avant le T2.' },
  inviteContext: { notes: 'Vous avez mené leur dernière migration.', helpWanted: 'Avant-vente technique' },
};

/** English words of our own cards (the list and a few more): none may show on a French or Chinese card. */
const ENGLISH = /(?<!\p{L})(left|Accept|Decline|Deal|deal|Customer|Stage|Referral|referral|Reminder|Notes|Value|Location|Sender|Team|Inbound|Open|Created|the|and|by|on|of)(?!\p{L})/u;

/**
 * What a reader sees on a card: its texts, fact titles and values, button titles, input labels and
 * choices — not what inputs hold (values typed or prefilled from the deal) nor the data buttons send.
 */
function seen(card: unknown): string {
  const out: string[] = [];
  const walk = (node: unknown, parentType?: string) => {
    if (Array.isArray(node)) return node.forEach((n) => walk(n, parentType));
    if (!node || typeof node !== 'object') return;
    const n = node as Record<string, unknown>;
    const type = typeof n.type === 'string' ? n.type : undefined;
    for (const [key, value] of Object.entries(n)) {
      if (key === 'data' || key === 'refresh' || key === 'fallback' || key === '$schema') continue;
      if (typeof value === 'string') {
        const shown = key === 'text' || key === 'title' || key === 'label' || key === 'placeholder' || key === 'errorMessage' || (key === 'value' && !type && parentType !== 'Input.ChoiceSet');
        if (shown) out.push(value);
      } else walk(value, type ?? parentType);
    }
  };
  walk(card);
  return out.join('\n');
}

const englishOn = (card: unknown): string | undefined => ENGLISH.exec(seen(card))?.[0];

describe('sellers read the bot in French and Simplified Chinese (issue 12)', () => {
  let connector: ConnectorStandIn;
  let clock: FixedClock;
  let bot: TestApp;

  const drain = () => bot.app.dispatcher.drain();
  const intake = async (body: unknown) => {
    const res = await fetch(`${bot.url}/api/referrals`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${KEY}` }, body: JSON.stringify(body) });
    return (await res.json()) as { referralId: string };
  };
  /** The message that brought the referral's card into a person's chat. */
  const referralMessageTo = (user: TeamsUser): ConnectorCall => {
    const message = connector.sent(personalConversation(user)).find((c) => cardsOf(c).some((card) => cardText(card).includes(REFERRAL.name)));
    if (!message) throw new Error(`no referral card reached ${user.name}`);
    return message;
  };
  const referralCardOf = (user: TeamsUser): Card => cardsOf(referralMessageTo(user))[0]!;
  /** Install without a locale or a time zone: what Teams sometimes sends. */
  const installSayingNothing = async (user: TeamsUser) => {
    connector.addMember({ id: user.id, aadObjectId: user.aadObjectId, name: user.name, email: user.email, userPrincipalName: user.email, tenantId: user.tenantId });
    const activity = teamsActivity(connector.url, {
      from: { id: user.id, aadObjectId: user.aadObjectId, name: user.name },
      conversationId: personalConversation(user),
      tenantId: user.tenantId,
      type: 'installationUpdate',
      action: 'add',
      entities: [],
    });
    delete activity.locale;
    const res = await bot.post(activity);
    expect(res.status).toBe(200);
  };
  const makeAdmin = async (user: TeamsUser) => {
    const saved = await click(bot, connector, ada, 'member.update', { userId: user.aadObjectId, index: 0, role0: 'admin', scopes0: '' });
    expect(cardText(saved.card)).toContain(`Enregistré\u00a0: ${user.name} est désormais Administrateur des recommandations`);
  };

  beforeEach(async () => {
    connector = await new ConnectorStandIn().start();
    clock = new FixedClock('2026-11-20T10:00:00Z');
    bot = await startBot(clock);
    for (const user of [ada, chen, elise, ben]) await install(bot, connector, user);
    await makeAdmin(chen);
  });

  afterEach(async () => {
    await bot.stop();
    await connector.stop();
  });

  it('when a referral arrives through the intake, then the French admin and the Chinese admin each get its card in their language and time zone, with no English word of ours', async () => {
    const { referralId } = await intake(REFERRAL);
    await drain();

    const french = referralCardOf(ada);
    for (const words of ['Nouvelle recommandation de co-vente', 'Accepter', 'Refuser', 'il reste 13 jours et 23 heures', '4 déc. 2026, 10:30 UTC+1', '250\u202f000\u00a0€', 'Client', 'Valeur estimée']) expect(seen(french)).toContain(words);
    expect(englishOn(french)).toBeUndefined();

    const chinese = referralCardOf(chen);
    for (const words of ['新的联合销售推荐', '接受', '拒绝', '剩余 13 天 23 小时', '2026年12月4日 GMT+8 17:30', '客户', '预估价值']) expect(seen(chinese)).toContain(words);
    expect(englishOn(chinese)).toBeUndefined();

    // Teams shows the notification's text in the activity feed: the reader's words and typography too.
    const summaryOf = (user: TeamsUser) => referralMessageTo(user).body.summary;
    expect(summaryOf(ada)).toBe('Nouvelle recommandation de co-vente\u00a0: Contoso – migration Azure');
    expect(summaryOf(chen)).toBe('新的联合销售推荐：Contoso – migration Azure');
    expect((await bot.app.store.deals.get(TENANT, referralId))!.value.status).toBe('received');
  });

  it('when aide or 帮助 is typed, then the help card comes in that reader’s language and lists its own command words; an English Teams typing aide reads English', async () => {
    const french = await command(bot, connector, ada, 'aide');
    for (const words of ['Ce que vous pouvez taper', 'nouvelle opportunité', 'entrant [ouvertes / closes / toutes]', 'favoris [ouvertes / closes / toutes]', 'opportunité [nom ou ID]', 'membres']) expect(seen(french)).toContain(words);
    expect(englishOn(french)).toBeUndefined();

    const chinese = await command(bot, connector, chen, '帮助');
    for (const words of ['可以输入的命令', '新建交易', '收藏 [进行中 / 已关闭 / 全部]', '交易 [名称或 ID]', '成员']) expect(seen(chinese)).toContain(words);
    expect(englishOn(chinese)).toBeUndefined();

    const english = await command(bot, connector, ben, 'aide');
    expect(seen(english)).toContain('What you can type');
    expect(seen(english)).not.toContain('did not understand');
  });

  it('when the accept form is sent with a team row started without a phone, then the error beside the field is in each reader’s language', async () => {
    const { referralId } = await intake(REFERRAL);
    for (const [user, fix, phone] of [
      [ada, 'Corrigez les champs signalés ci-dessous.', 'Entrez un numéro de téléphone.'],
      [chen, '请更正下面标出的字段。', '请输入电话号码。'],
    ] as const) {
      const form = await click(bot, connector, user, 'referral.acceptForm', { dealId: referralId, tenantId: TENANT });
      // The team is optional (issue 13, item 1), but a row that is started must be whole.
      const refused = await click(bot, connector, user, 'referral.accept', { dealId: referralId, tenantId: TENANT, ...inputsOf(form.card), team0Name: user.name, team0Email: user.email });
      expect(seen(refused.card)).toContain(fix);
      expect(seen(refused.card)).toContain(phone);
      expect(englishOn(refused.card)).toBeUndefined();
    }
    expect((await bot.app.store.deals.get(TENANT, referralId))!.value.status).toBe('received');
  });

  it('when the Chinese admin declines, then his answer is in Chinese and the French admin’s copy is updated in French, in Paris time', async () => {
    const { referralId } = await intake(REFERRAL);
    await drain();
    const declined = await click(bot, connector, chen, 'referral.decline', { dealId: referralId, tenantId: TENANT, reason: 'noCapacity', notes: '' });
    expect(seen(declined.card)).toContain('完成：你已拒绝此推荐。');
    expect(seen(declined.card)).toContain('Chen 已于 2026年11月20日 GMT+8 18:00 拒绝：目前没有余力。');
    expect(englishOn(declined.card)).toBeUndefined();

    await drain();
    const copy = referralMessageTo(ada);
    const update = connector.updates(personalConversation(ada)).find((u) => u.activityId === copy.createdId)!;
    const card = cardsOf(update)[0]!;
    expect(seen(card)).toContain('Refusée par Chen le 20 nov. 2026, 11:00 UTC+1\u00a0: Pas de capacité pour le moment.');
    expect(englishOn(card)).toBeUndefined();
  });

  it('when the create-deal dialog is walked in French, then every form, error, typed word and the new deal’s card are French', async () => {
    let card = await command(bot, connector, ada, 'nouvelle opportunité');
    expect(seen(card)).toContain('Nouvelle opportunité · étape 1 sur 6\u00a0: Client');
    expect(englishOn(card)).toBeUndefined();
    card = await press(bot, connector, ada, card, 'next', { customerCountry: 'fr', customerCity: 'Lyon', customerName: 'Northwind Traders', customerDuns: '987654321' });
    expect(seen(card)).toContain('étape 2 sur 6');

    // An error beside the field, in French.
    const details = { name: 'Northwind – plateforme de données', amount: 'cent mille', currency: 'eur', closeDate: '2027-06-30' };
    card = await press(bot, connector, ada, card, 'next', details);
    expect(seen(card)).toContain('Entrez un nombre.');
    expect(englishOn(card)).toBeUndefined();
    card = await press(bot, connector, ada, card, 'next', { ...details, amount: '120 000' });
    expect(seen(card)).toContain('étape 3 sur 6');

    // « retour » typed goes back a step; text that is no command gets the French hint.
    await say(bot, connector, ada, 'retour');
    expect(seen(lastSent(connector, ada))).toContain('étape 2 sur 6');
    await say(bot, connector, ada, 'euh');
    expect(seen(lastSent(connector, ada))).toContain('tapez «\u00a0retour\u00a0» ou «\u00a0annuler\u00a0»');
    card = await press(bot, connector, ada, lastSent(connector, ada), 'next', { ...details, amount: '120 000' });

    card = await press(bot, connector, ada, card, 'next', { team0Phone: '+33 1 02 03 04 05' });
    card = await press(bot, connector, ada, card, 'next', { microsoft: 'Azure Synapse' });
    card = await press(bot, connector, ada, card, 'next', { help: 'none', microsoftMayView: 'false' });
    expect(englishOn(card)).toBeUndefined();
    card = await press(bot, connector, ada, card, 'next', {});
    expect(seen(card)).toContain('Nouvelle opportunité · vérifier et créer');
    expect(englishOn(card)).toBeUndefined();
    const created = await press(bot, connector, ada, card, 'create');
    for (const words of ['Northwind – plateforme de données', 'Sortant · Privée', '120\u202f000\u00a0€', 'Inviter Microsoft']) expect(seen(created)).toContain(words);
    expect(seen(created)).toContain('Créée · 10\u00a0%');
    expect(englishOn(created)).toBeUndefined();

    // The deal by its name, and the lists, in French words.
    const found = await command(bot, connector, ada, 'opportunité northwind');
    expect(seen(found)).toContain('Northwind – plateforme de données');
    expect(englishOn(found)).toBeUndefined();
    const closed = await command(bot, connector, ada, 'sortant fermées');
    expect(seen(closed)).toContain('Opportunités sortantes · Closes');
    expect(englishOn(closed)).toBeUndefined();

    // « annuler » ends a second one.
    await command(bot, connector, ada, 'nouvelle opportunite');
    await say(bot, connector, ada, 'Annuler');
    expect(seen(lastSent(connector, ada))).toContain('Nouvelle opportunité annulée');
  });

  it('when a member’s install carries no locale, then they keep the language they used before', async () => {
    await installSayingNothing(ada);
    const welcome = lastSent(connector, ada);
    expect(seen(welcome)).toContain('Bienvenue dans Co-vente');
    expect(englishOn(welcome)).toBeUndefined();
    expect((await bot.app.store.members.get(TENANT, ada.aadObjectId))!.value).toMatchObject({ locale: 'fr-FR', timeZone: 'Europe/Paris' });
  });

  it('when the bot never heard a locale from a member, then they read what most of their organization uses (French, Paris time), welcome and referral alike', async () => {
    await installSayingNothing(dora);
    expect(seen(lastSent(connector, dora))).toContain('Bienvenue dans Co-vente');
    expect((await bot.app.store.members.get(TENANT, dora.aadObjectId))!.value.locale).toBeUndefined();
    await makeAdmin(dora);

    await intake(REFERRAL);
    await drain();
    const card = referralCardOf(dora);
    expect(seen(card)).toContain('Nouvelle recommandation de co-vente');
    expect(seen(card)).toContain('4 déc. 2026, 10:30 UTC+1');
    expect(englishOn(card)).toBeUndefined();

    // Once she writes from her Teams, what it says is hers.
    await say(bot, connector, { ...dora, locale: 'zh-CN', timezone: 'Asia/Shanghai' }, 'help');
    expect(seen(lastSent(connector, dora))).toContain('可以输入的命令');
  });
});
