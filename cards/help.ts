import type { Translator } from '../services/i18n';
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

/** The commands a seller can type (the word and what it does, from the catalog), in the order the help card lists them. */
export const COMMANDS = [
  { word: 'command.help', key: 'help.command.help' },
  { word: 'command.newDeal', key: 'help.command.newDeal' },
  { word: 'command.inbound', key: 'help.command.inbound' },
  { word: 'command.outbound', key: 'help.command.outbound' },
  { word: 'command.favorites', key: 'help.command.favorites' },
  { word: 'command.deal', key: 'help.command.deal', argument: 'help.command.dealArgument' },
  { word: 'command.members', key: 'help.command.members' },
  { word: 'command.partnerCenter', key: 'help.command.partnerCenter' },
] as const;

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
    commands: COMMANDS.map((c) => ({ name: 'argument' in c ? `${tr.t(c.word)} ${tr.t(c.argument)}` : tr.t(c.word), description: tr.t(c.key) })),
    role: options.role && !options.shared ? tr.t('help.yourRole', { role: tr.tk(`role.${options.role}`) }) : '',
    quickActions: [
      { title: tr.t('help.action.inbound'), command: 'inbound' },
      { title: tr.t('help.action.newDeal'), command: 'new deal' },
    ],
  };
}
