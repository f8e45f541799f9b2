import pkg from '../../package.json';
import { COMMANDS } from '../../cards/help';
import { parseCommand } from '../../bot/commands/parse';
import { translator } from '../../services/i18n';
import { ACCENT_COLOR } from '../../scripts/lib/icons';
import { buildManifest, MANIFEST_VERSION, PackagingError, readTemplate, validateManifest, type TeamsManifest } from '../../scripts/lib/manifest';

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
    expect(manifest.validDomains).toEqual(['abcd1234-3978.euw.devtunnels.ms']);
    expect(manifest.version).toBe(pkg.version);
    expect(JSON.stringify(manifest)).not.toContain('${{');
  });

  it('when TEAMS_APP_ID is set, then it replaces the template’s fixed app id', () => {
    const id = '0f0e0d0c-0b0a-4908-8706-050403020100';
    expect(buildManifest({ ...ENV, TEAMS_APP_ID: id }).id).toBe(id);
  });

  it.each<[string | undefined, string[]]>([
    [undefined, []],
    ['', []],
    ['https://abcd1234-3978.euw.devtunnels.ms/api/messages', ['abcd1234-3978.euw.devtunnels.ms']],
    ['*.contoso.com', ['*.contoso.com']],
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
    expect(manifest.description.short).toBe(tr.t('app.tagline'));
    for (const list of bot(manifest).commandLists ?? []) {
      for (const c of list.commands) {
        const entry = COMMANDS.find((command) => command.name === c.title);
        expect(entry).toBeDefined();
        expect(c.description).toBe(tr.t(entry!.key));
      }
    }
  });

  it('then the accent colour is the colour icon’s background', () => {
    expect(buildManifest(ENV).accentColor).toBe(ACCENT_COLOR);
  });
});
