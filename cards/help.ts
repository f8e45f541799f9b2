import type { MessageKey, Translator } from '../services/i18n';
import { expandCard, renderCard, type AdaptiveCardJson } from './render';
import template from './templates/help.json';
import { oneLine, shownAsText } from './untrusted';

/** How much of an unknown command the help card echoes: enough to recognise it, on one line. */
const UNKNOWN_SHOWN = 100;

/** The welcome/help card: what the bot does and which commands exist. */
export interface HelpCardData {
  title: string;
  notice: string;
  intro: string;
  commandsTitle: string;
  commands: { name: string; description: string }[];
  role: string;
  quickActions: { title: string; command: string }[];
}

/** The help card is our own text and an echo of at most 80 typed characters: without the echo it always fits. */
export function renderHelpCard(data: HelpCardData): AdaptiveCardJson {
  return renderCard(template, data, { compact: (d) => shownAsText(expandCard(template, { ...d, notice: '' })) });
}

/**
 * The commands a seller can type (the word and what it does, from the catalog), in the order the help
 * card lists them; `argument` is what may follow the word. The parser (bot/commands/parse.ts) accepts
 * these words in every language.
 */
export const COMMANDS = [
  { word: 'command.help', key: 'help.command.help' },
  { word: 'command.newDeal', key: 'help.command.newDeal' },
  { word: 'command.inbound', key: 'help.command.inbound', argument: 'help.command.listArgument' },
  { word: 'command.outbound', key: 'help.command.outbound', argument: 'help.command.listArgument' },
  { word: 'command.favorites', key: 'help.command.favorites', argument: 'help.command.listArgument' },
  { word: 'command.deal', key: 'help.command.deal', argument: 'help.command.dealArgument' },
  { word: 'command.search', key: 'help.command.search', argument: 'help.command.searchArgument' },
  { word: 'command.pipeline', key: 'help.command.pipeline' },
  { word: 'command.members', key: 'help.command.members' },
  { word: 'command.solutions', key: 'help.command.solutions' },
  { word: 'command.partnerCenter', key: 'help.command.partnerCenter' },
] as const satisfies readonly { word: MessageKey; key: MessageKey; argument?: MessageKey }[];

/** A command as the help card lists it: its word, and what may follow it in the reader's words. */
function commandLine(command: (typeof COMMANDS)[number], tr: Translator): string {
  if (!('argument' in command)) return tr.t(command.word);
  const filters = { open: tr.t('command.filter.open'), closed: tr.t('command.filter.closed'), all: tr.t('command.filter.all') };
  return `${tr.t(command.word)} ${tr.t(command.argument, filters)}`;
}

/**
 * `shared`: the card is read in a team channel or group chat — it promises nothing arrives there and
 * shows nobody's role.
 */
export function helpCardData(tr: Translator, options: { welcome?: boolean; unknownText?: string; role?: string; shared?: boolean } = {}): HelpCardData {
  return {
    title: options.welcome ? tr.t('welcome.title') : tr.t('help.title'),
    notice: options.unknownText !== undefined ? tr.t('help.unknown', { text: oneLine(options.unknownText, UNKNOWN_SHOWN) }) : '',
    intro: options.shared ? tr.t('help.introShared') : tr.t('help.intro'),
    commandsTitle: tr.t('help.commandsTitle'),
    commands: COMMANDS.map((c) => ({ name: commandLine(c, tr), description: tr.t(c.key) })),
    role: options.role && !options.shared ? tr.t('help.yourRole', { role: tr.tk(`role.${options.role}`) }) : '',
    // The button posts the command as the seller's own message, so it is in the seller's words.
    quickActions: [
      { title: tr.t('help.action.inbound'), command: tr.t('command.inbound') },
      { title: tr.t('help.action.newDeal'), command: tr.t('command.newDeal') },
    ],
  };
}
