import type { Translator } from '../services/i18n';
import { expandCard, type AdaptiveCardJson } from './render';
import template from './templates/help.json';

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

export function renderHelpCard(data: HelpCardData): AdaptiveCardJson {
  return expandCard(template, data);
}

/** The commands a seller can type, in the order the help card lists them. */
export const COMMANDS = [
  { name: 'help', key: 'help.command.help' },
  { name: 'new deal', key: 'help.command.newDeal' },
  { name: 'inbound', key: 'help.command.inbound' },
  { name: 'outbound', key: 'help.command.outbound' },
  { name: 'favorites', key: 'help.command.favorites' },
  // Square brackets: cards render TextBlock text as Markdown, where <…> can be taken for HTML and dropped.
  { name: 'deal [name or id]', key: 'help.command.deal' },
  { name: 'members', key: 'help.command.members' },
  { name: 'partner center', key: 'help.command.partnerCenter' },
] as const;

/**
 * `shared`: the card is read in a team channel or group chat — it promises nothing arrives there and
 * shows nobody's role.
 */
export function helpCardData(tr: Translator, options: { welcome?: boolean; unknownText?: string; role?: string; shared?: boolean } = {}): HelpCardData {
  return {
    title: options.welcome ? tr.t('welcome.title') : tr.t('help.title'),
    notice: options.unknownText !== undefined ? tr.t('help.unknown', { text: options.unknownText.slice(0, 80) }) : '',
    intro: options.shared ? tr.t('help.introShared') : tr.t('help.intro'),
    commandsTitle: tr.t('help.commandsTitle'),
    commands: COMMANDS.map((c) => ({ name: c.name, description: tr.t(c.key) })),
    role: options.role && !options.shared ? tr.t('help.yourRole', { role: tr.tk(`role.${options.role}`) }) : '',
    quickActions: [
      { title: tr.t('help.action.inbound'), command: 'inbound' },
      { title: tr.t('help.action.newDeal'), command: 'new deal' },
    ],
  };
}
