import type { TeamsManifestV1D30 } from '@microsoft/app-manifest';
import Ajv, { type ErrorObject } from 'ajv-draft-04';
import { createWriteStream, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { ZipFile } from 'yazl';
import { COMMANDS } from '../../cards/help';
import { CATALOGS, catalogFor, readerOf, translator } from '../../services/i18n';
import { ROOT } from './paths';

/*
 * The Teams app package: manifest/manifest.json is a template whose ids and domains come from the
 * environment when the package is built; the icons sit beside it. Building the package refuses
 * anything Teams would refuse later, with a message naming the variable to fix.
 */

export type TeamsManifest = TeamsManifestV1D30.TeamsManifestV1D30;

export const MANIFEST_DIR = join(ROOT, 'manifest');
export const TEMPLATE_PATH = join(MANIFEST_DIR, 'manifest.json');
export const ICON_FILES = ['color.png', 'outline.png'] as const;
export const PACKAGE_PATH = join(MANIFEST_DIR, 'build', 'cosell-teams-app.zip');

/** The schema version the template targets; its JSON schema ships in @microsoft/app-manifest. */
export const MANIFEST_VERSION = '1.30';
const SCHEMA_DIR = join(dirname(require.resolve('@microsoft/app-manifest/package.json')), 'build', 'json-schemas', 'teams', `v${MANIFEST_VERSION}`);
const SCHEMA_FILE = 'MicrosoftTeams.schema.json';
const LOCALIZATION_SCHEMA_FILE = 'MicrosoftTeams.Localization.schema.json';
/** Where Microsoft hosts the same files; used only as the schemas' ids so references between them resolve locally. */
const SCHEMA_BASE_URL = `https://developer.microsoft.com/json-schemas/teams/v${MANIFEST_VERSION}/`;
const DRAFT_04 = 'http://json-schema.org/draft-04/schema#';

const GUID = /^[0-9a-f]{8}-([0-9a-f]{4}-){3}[0-9a-f]{12}$/i;
/** A public host name, optionally with a leading wildcard label (Teams accepts `*.example.com`). */
const HOST_NAME = /^(\*\.)?([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i;
const PLACEHOLDER = /\$\{\{(\w+)\}\}/g;
const WHOLE_PLACEHOLDER = /^\$\{\{(\w+)\}\}$/;

export class PackagingError extends Error {
  override readonly name = 'PackagingError';
}

export function readTemplate(): TeamsManifest {
  return JSON.parse(readFileSync(TEMPLATE_PATH, 'utf8')) as TeamsManifest;
}

function requiredGuid(name: string, value: string | undefined, hint: string): string {
  const v = value?.trim();
  if (!v) throw new PackagingError(`${name} is not set. ${hint}`);
  if (!GUID.test(v)) throw new PackagingError(`${name} must be a GUID such as 00000000-0000-0000-0000-000000000000, got "${v}". ${hint}`);
  return v;
}

/** BOT_DOMAIN is a host name; a pasted URL ("https://host/api/messages") is reduced to its host. */
function botDomain(value: string | undefined): string | undefined {
  const v = value?.trim();
  if (!v) return undefined;
  const host = /^https?:\/\//i.test(v) && URL.canParse(v) ? new URL(v).hostname : v;
  if (!HOST_NAME.test(host)) throw new PackagingError(`BOT_DOMAIN must be a host name such as abcd1234-3978.euw.devtunnels.ms, got "${v}".`);
  return host.toLowerCase();
}

function appVersion(): string {
  return (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
}

/**
 * Replace every `${{NAME}}` in the template's strings. A placeholder without a value is an error,
 * except as a whole item of a list, where the item is dropped (validDomains without BOT_DOMAIN).
 */
function fill(node: unknown, values: Readonly<Record<string, string | undefined>>): unknown {
  const substitute = (s: string) =>
    s.replace(PLACEHOLDER, (_, name: string) => {
      const value = values[name];
      if (value === undefined) throw new PackagingError(`The manifest template uses \${{${name}}}, which has no value.`);
      return value;
    });
  if (typeof node === 'string') return substitute(node);
  if (Array.isArray(node)) {
    const unset = (item: unknown) => {
      const name = typeof item === 'string' ? WHOLE_PLACEHOLDER.exec(item)?.[1] : undefined;
      return name !== undefined && values[name] === undefined;
    };
    return node.filter((item) => !unset(item)).map((item) => fill(item, values));
  }
  if (node && typeof node === 'object') {
    return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, fill(v, values)]));
  }
  return node;
}

/**
 * The manifest for this environment: the bot id from MicrosoftAppId (required), the Teams app id from
 * TEAMS_APP_ID (default: the template's fixed id), valid domains from BOT_DOMAIN, the version from
 * package.json.
 */
export function buildManifest(env: NodeJS.ProcessEnv, template: TeamsManifest = readTemplate()): TeamsManifest {
  const botId = requiredGuid('MicrosoftAppId', env.MicrosoftAppId, 'Use the Microsoft App ID of your Azure Bot resource (docs/teams.md).');
  const id = env.TEAMS_APP_ID?.trim() ? requiredGuid('TEAMS_APP_ID', env.TEAMS_APP_ID, 'Leave it unset to use the id in manifest/manifest.json.') : template.id;
  const filled = fill(template, { MicrosoftAppId: botId, BOT_DOMAIN: botDomain(env.BOT_DOMAIN), APP_VERSION: appVersion() }) as TeamsManifest;
  return { ...filled, id };
}

export interface SchemaCheck {
  readonly valid: boolean;
  readonly errors: readonly string[];
}

const ajvs = new Map<boolean, Ajv>();

/**
 * A validator for one of Microsoft's JSON schemas for this manifest version, offline: the schemas come
 * from the installed package, and the sibling files are registered under their hosted URLs so that any
 * reference between them resolves from disk. Ajv never fetches; an unknown reference fails to compile.
 * The localization schema has patterns that are not valid Unicode regular expressions (a lone "]"),
 * so that schema is compiled without the "u" flag, as plain JavaScript regular expressions read it.
 */
function schemaCheck(schemaFile: string, data: unknown): SchemaCheck {
  const unicode = schemaFile !== LOCALIZATION_SCHEMA_FILE;
  let ajv = ajvs.get(unicode);
  if (!ajv) {
    // The schemas are draft-04 (hence ajv-draft-04); "uri" is the only format they use.
    ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: unicode });
    ajv.addFormat('uri', (s: string) => URL.canParse(s));
    for (const file of readdirSync(SCHEMA_DIR).filter((f) => f.endsWith('.json'))) {
      const schema = JSON.parse(readFileSync(join(SCHEMA_DIR, file), 'utf8')) as { $schema?: string; id?: string };
      // Siblings written for later drafts (e.g. the agentic user schema) cannot be referenced from draft-04.
      if (schema.$schema === DRAFT_04) ajv.addSchema({ ...schema, id: schema.id ?? SCHEMA_BASE_URL + file });
    }
    ajvs.set(unicode, ajv);
  }
  const validate = ajv.getSchema(SCHEMA_BASE_URL + schemaFile);
  if (!validate) throw new Error(`No ${schemaFile} in ${SCHEMA_DIR}`);
  const valid = validate(data) as boolean;
  const errors = (validate.errors ?? []).map((e: ErrorObject) => `${e.instancePath || '/'} ${e.message ?? ''}`.trim());
  return { valid, errors };
}

/** Validate a manifest against Microsoft's schema for this manifest version (offline). */
export function validateManifest(manifest: unknown): SchemaCheck {
  return schemaCheck(SCHEMA_FILE, manifest);
}

/** Validate a language file against Microsoft's localization schema for this manifest version (offline). */
export function validateLocalization(strings: unknown): SchemaCheck {
  return schemaCheck(LOCALIZATION_SCHEMA_FILE, strings);
}

/** A language file of the package: Teams' localization keys ("name.short", "bots[0]…description") → text. */
export type LocalizationStrings = Readonly<Record<string, string>>;

/**
 * The language files that the manifest's localizationInfo names, written from the message catalogs so
 * that Teams' app listing and command menu say what the cards say. A command's title is what Teams
 * sends when it is picked: the catalog's command word, which the parser (bot/commands/parse.ts)
 * understands in every language. Several tags may share a file (zh-Hans, zh-cn, zh-sg): Teams
 * matches a client's language, then its language and region, so zh-CN readers need the region tag.
 */
export function buildLocalizations(manifest: TeamsManifest): Map<string, LocalizationStrings> {
  const english = translator();
  const files = new Map<string, LocalizationStrings>();
  for (const { languageTag, file } of manifest.localizationInfo?.additionalLanguages ?? []) {
    const tr = translator(readerOf(languageTag, undefined));
    if (catalogFor(tr.reader.locale) === CATALOGS.en) throw new PackagingError(`localizationInfo names "${languageTag}", which has no message catalog in services/i18n.`);
    const strings: Record<string, string> = {
      $schema: SCHEMA_BASE_URL + LOCALIZATION_SCHEMA_FILE,
      'name.short': tr.t('app.name'),
      'name.full': tr.t('app.fullName'),
      'description.short': tr.t('app.tagline'),
      'description.full': tr.t('app.description'),
    };
    manifest.bots?.forEach((bot, b) =>
      bot.commandLists?.forEach((list, l) =>
        list.commands.forEach((command, c) => {
          const entry = COMMANDS.find((e) => english.t(e.word) === command.title);
          if (!entry) throw new PackagingError(`The manifest's command "${command.title}" is not one of the help card's commands (cards/help.ts).`);
          strings[`bots[${b}].commandLists[${l}].commands[${c}].title`] = tr.t(entry.word);
          strings[`bots[${b}].commandLists[${l}].commands[${c}].description`] = tr.t(entry.key);
        }),
      ),
    );
    const earlier = files.get(file);
    if (earlier && JSON.stringify(earlier) !== JSON.stringify(strings)) throw new PackagingError(`localizationInfo gives ${file} to languages with different catalogs.`);
    files.set(file, strings);
  }
  return files;
}

/**
 * Write the installable zip: manifest.json, both icons and the language files at the root, with fixed
 * timestamps so the same inputs give the same bytes.
 */
export async function writePackage(manifest: TeamsManifest, outFile: string = PACKAGE_PATH): Promise<string> {
  const check = validateManifest(manifest);
  if (!check.valid) throw new PackagingError(`The manifest does not match the v${MANIFEST_VERSION} schema:\n  ${check.errors.join('\n  ')}`);
  const localizations = buildLocalizations(manifest);
  for (const [file, strings] of localizations) {
    const lang = validateLocalization(strings);
    if (!lang.valid) throw new PackagingError(`${file} does not match the v${MANIFEST_VERSION} localization schema:\n  ${lang.errors.join('\n  ')}`);
  }
  mkdirSync(dirname(outFile), { recursive: true });
  const zip = new ZipFile();
  const mtime = new Date('2000-01-01T00:00:00Z');
  zip.addBuffer(Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`), 'manifest.json', { mtime });
  for (const icon of ICON_FILES) zip.addFile(join(MANIFEST_DIR, icon), icon, { mtime });
  for (const [file, strings] of localizations) zip.addBuffer(Buffer.from(`${JSON.stringify(strings, null, 2)}\n`), file, { mtime });
  zip.end();
  await new Promise<void>((resolveWrite, reject) => {
    const out = createWriteStream(outFile);
    out.on('close', resolveWrite);
    out.on('error', reject);
    zip.outputStream.on('error', reject).pipe(out);
  });
  return outFile;
}
