import pkg from '../../package.json';
import { COMMANDS } from '../../cards/help';
import { parseCommand } from '../../bot/commands/parse';
import { readerOf, translator } from '../../services/i18n';
import { ACCENT_COLOR } from '../../scripts/lib/icons';
import {
  buildLocalizations,
  buildManifest,
  MANIFEST_VERSION,
  PackagingError,
  readTemplate,
  validateLocalization,
  validateManifest,
  type TeamsManifest,
} from '../../scripts/lib/manifest';

const BOT_ID = '6b3d5c1e-8f1a-4c2b-9d7e-0a1b2c3d4e5f';
const ENV = { MicrosoftAppId: BOT_ID, BOT_DOMAIN: 'abcd1234-3978.euw.devtunnels.ms' };

function bot(manifest: TeamsManifest) {
  const [first, ...others] = manifest.bots ?? [];
  expect(others).toHaveLength(0);
  if (!first) throw new Error('the manifest has no bot');
  return first;
}

describe('the Teams app manifest', () => {
  it('when built from the template with a bot id and a domain, then it validates against Microsoft’s schema for its version (offline)', () => {
    const manifest = buildManifest(ENV);
    const check = validateManifest(manifest);
    expect(check.errors).toEqual([]);
    expect(check.valid).toBe(true);
    expect(manifest.manifestVersion).toBe(MANIFEST_VERSION);
    expect(manifest.$schema).toBe(`https://developer.microsoft.com/json-schemas/teams/v${MANIFEST_VERSION}/MicrosoftTeams.schema.json`);
  });

  it('when a manifest breaks the schema, then the validator says where (it is not a rubber stamp)', () => {
    const manifest = buildManifest(ENV);
    const broken = { ...manifest, bots: [{ ...bot(manifest), botId: 'not-a-guid' }], accentColor: 'teal' } as unknown as TeamsManifest;
    const check = validateManifest(broken);
    expect(check.valid).toBe(false);
    expect(check.errors.join('\n')).toMatch(/\/bots\/0\/botId/);
    expect(check.errors.join('\n')).toMatch(/\/accentColor/);
  });

  it('when built, then ids, domains and version come from the environment and package.json; no placeholder is left', () => {
    const manifest = buildManifest(ENV);
    expect(bot(manifest).botId).toBe(BOT_ID);
    expect(manifest.id).toBe(readTemplate().id);
    // token.botframework.com: the Partner Center sign-in card opens the Bot Framework token service's page.
    expect(manifest.validDomains).toEqual(['abcd1234-3978.euw.devtunnels.ms', 'token.botframework.com']);
    expect(manifest.version).toBe(pkg.version);
    expect(JSON.stringify(manifest)).not.toContain('${{');
  });

  it('when TEAMS_APP_ID is set, then it replaces the template’s fixed app id', () => {
    const id = '0f0e0d0c-0b0a-4908-8706-050403020100';
    expect(buildManifest({ ...ENV, TEAMS_APP_ID: id }).id).toBe(id);
  });

  it.each<[string | undefined, string[]]>([
    [undefined, ['token.botframework.com']],
    ['', ['token.botframework.com']],
    ['https://abcd1234-3978.euw.devtunnels.ms/api/messages', ['abcd1234-3978.euw.devtunnels.ms', 'token.botframework.com']],
    ['*.contoso.com', ['*.contoso.com', 'token.botframework.com']],
  ])('when BOT_DOMAIN is %j, then validDomains is %j', (domain, expected) => {
    const manifest = buildManifest({ MicrosoftAppId: BOT_ID, BOT_DOMAIN: domain });
    expect(manifest.validDomains).toEqual(expected);
    expect(validateManifest(manifest).valid).toBe(true);
  });

  it.each<[Record<string, string | undefined>, RegExp]>([
    [{}, /MicrosoftAppId is not set/],
    [{ MicrosoftAppId: '   ' }, /MicrosoftAppId is not set/],
    [{ MicrosoftAppId: 'cosell-bot' }, /MicrosoftAppId must be a GUID.*"cosell-bot"/],
    [{ MicrosoftAppId: `${BOT_ID}x` }, /MicrosoftAppId must be a GUID/],
    [{ MicrosoftAppId: BOT_ID, TEAMS_APP_ID: '1234' }, /TEAMS_APP_ID must be a GUID/],
    [{ MicrosoftAppId: BOT_ID, BOT_DOMAIN: 'localhost:3978' }, /BOT_DOMAIN must be a host name/],
  ])('when the environment is %j, then building refuses, naming the variable', (env, message) => {
    expect(() => buildManifest(env)).toThrow(PackagingError);
    expect(() => buildManifest(env)).toThrow(message);
  });

  it('then the bot is installable in personal chats, team channels and group chats, and is conversational', () => {
    const b = bot(buildManifest(ENV));
    expect([...(b.scopes ?? [])].sort()).toEqual(['groupChat', 'personal', 'team']);
    expect(b.isNotificationOnly).toBe(false);
    const listedScopes = (b.commandLists ?? []).flatMap((list) => list.scopes);
    expect([...listedScopes].sort()).toEqual(['groupChat', 'personal', 'team']);
  });

  it('then the bot receives files in personal chats (an admin sends the contacts CSV or an offer’s documents)', () => {
    expect(bot(buildManifest(ENV)).supportsFiles).toBe(true);
  });

  it('then every command in the command menu is one the bot’s parser understands, and each named command is listed once', () => {
    for (const list of bot(buildManifest(ENV)).commandLists ?? []) {
      const parsed = list.commands.map((c) => parseCommand(c.title ?? '').name);
      expect(parsed).not.toContain('unknown');
      expect(parsed.sort()).toEqual(['favorites', 'help', 'inbound', 'newDeal', 'outbound']);
      // In a channel Teams sends the command after an @mention of the bot; the parser must still see it.
      for (const c of list.commands) expect(parseCommand(`<at>Co-sell</at> ${c.title ?? ''}`).name).toBe(parseCommand(c.title ?? '').name);
    }
  });

  it('then the menu’s descriptions and the app’s name are the catalog’s words, so Teams and the help card say the same', () => {
    const tr = translator();
    const manifest = buildManifest(ENV);
    expect(manifest.name.short).toBe(tr.t('app.name'));
    expect(manifest.name.full).toBe(tr.t('app.fullName'));
    expect(manifest.description.short).toBe(tr.t('app.tagline'));
    expect(manifest.description.full).toBe(tr.t('app.description'));
    for (const list of bot(manifest).commandLists ?? []) {
      for (const c of list.commands) {
        const entry = COMMANDS.find((command) => tr.t(command.word) === c.title);
        expect(entry).toBeDefined();
        expect(c.description).toBe(tr.t(entry!.key));
      }
    }
  });

  it('then the accent colour is the colour icon’s background', () => {
    expect(buildManifest(ENV).accentColor).toBe(ACCENT_COLOR);
  });
});

describe('the Teams app in French and Simplified Chinese (localizationInfo)', () => {
  const manifest = buildManifest(ENV);
  const files = buildLocalizations(manifest);

  it('when built, then localizationInfo names a French file and a Simplified Chinese one, for the tags Teams matches a zh-CN or zh-SG client with', () => {
    expect(manifest.localizationInfo?.defaultLanguageTag).toBe('en-us');
    expect(manifest.localizationInfo?.additionalLanguages).toEqual([
      { languageTag: 'fr', file: 'fr.json' },
      { languageTag: 'zh-Hans', file: 'zh-Hans.json' },
      { languageTag: 'zh-cn', file: 'zh-Hans.json' },
      { languageTag: 'zh-sg', file: 'zh-Hans.json' },
    ]);
    expect([...files.keys()].sort()).toEqual(['fr.json', 'zh-Hans.json']);
  });

  it.each(['fr.json', 'zh-Hans.json'])('then %s validates against Microsoft’s localization schema for the manifest’s version (offline)', (file) => {
    const strings = files.get(file)!;
    expect(validateLocalization(strings).errors).toEqual([]);
    expect(strings.$schema).toBe(`https://developer.microsoft.com/json-schemas/teams/v${MANIFEST_VERSION}/MicrosoftTeams.Localization.schema.json`);
  });

  it('when a language file breaks the schema, then the validator says where (it is not a rubber stamp)', () => {
    const check = validateLocalization({ ...files.get('fr.json'), 'name.short': 'x'.repeat(31), 'bots[0].commandLists[0].commands[0].colour': 'teal' });
    expect(check.valid).toBe(false);
    expect(check.errors.join('\n')).toMatch(/name\.short/);
  });

  it.each([
    ['fr.json', 'fr-FR', /opportunités|recommandations/],
    ['zh-Hans.json', 'zh-CN', /交易|推荐/],
  ])('then %s says the %s catalog’s words: name, descriptions and every command’s description, none of them English', (file, locale, ownWords) => {
    const tr = translator(readerOf(locale, 'UTC'));
    const english = translator();
    const strings = files.get(file)!;
    expect(strings['name.short']).toBe(tr.t('app.name'));
    expect(strings['name.full']).toBe(tr.t('app.fullName'));
    expect(strings['description.short']).toBe(tr.t('app.tagline'));
    expect(strings['description.full']).toBe(tr.t('app.description'));
    expect(strings['description.full']).toMatch(ownWords);
    const commands = bot(manifest).commandLists![0]!.commands;
    commands.forEach((command, i) => {
      const entry = COMMANDS.find((c) => english.t(c.word) === command.title)!;
      const description = strings[`bots[0].commandLists[0].commands[${i}].description`];
      expect(description).toBe(tr.t(entry.key));
      expect(description).not.toBe(command.description);
      expect(description!.length).toBeLessThanOrEqual(128);
    });
    for (const [key, value] of Object.entries(strings)) if (key !== '$schema') expect(value).not.toMatch(/\b(the|and|deals?|referrals?)\b/);
  });

  it.each([
    ['fr.json', 'fr-FR', ['aide', 'nouvelle opportunité', 'entrant', 'sortant', 'favoris']],
    ['zh-Hans.json', 'zh-CN', ['帮助', '新建交易', '传入', '传出', '收藏']],
  ])('then every command title in %s is the %s catalog’s command word, which the parser reads as the English title’s command', (file, locale, words) => {
    const tr = translator(readerOf(locale, 'UTC'));
    const strings = files.get(file)!;
    const commands = bot(manifest).commandLists![0]!.commands;
    const titles = commands.map((_, i) => strings[`bots[0].commandLists[0].commands[${i}].title`]);
    expect(titles).toEqual(words);
    commands.forEach((command, i) => {
      expect(titles[i]).toBe(tr.t(COMMANDS.find((c) => translator().t(c.word) === command.title)!.word));
      expect(parseCommand(titles[i]!)).toEqual(parseCommand(command.title ?? ''));
    });
  });

  it('when localizationInfo names a language without a catalog, then packaging refuses, naming it', () => {
    const german = { ...manifest, localizationInfo: { defaultLanguageTag: 'en-us', additionalLanguages: [{ languageTag: 'de', file: 'de.json' }] } };
    expect(() => buildLocalizations(german)).toThrow(PackagingError);
    expect(() => buildLocalizations(german)).toThrow(/"de"/);
  });
});
