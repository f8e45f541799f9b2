import { cardProblems as teamsCardProblems } from '../../scripts/lib/cardChecks';
import { FixedClock } from '../../services/clock';
import { startTestApp, type TestApp } from '../support/app';
import { cardsOf, cardText, ConnectorStandIn } from '../support/connector';
import { actionsOf, click, inputsOf, personalConversation, say, submit, type TeamsUser } from '../support/teams';

/*
 * Helpers shared by the dialog, deal and P2P tests: a seller who reads the card the bot answered with
 * and presses one of its buttons, sending the card's inputs as they are plus what they typed — what
 * Teams does with Action.Execute (or, with `via: 'submit'`, its Action.Submit fallback).
 */

export type Card = Record<string, unknown>;

export const KEY = 'intake-key-for-tests';
/** Pacing is unit-tested elsewhere; here it must not slow the tests down. */
export const FAST = { TEAMS_RATE_PER_CONVERSATION: '100', TEAMS_BURST_PER_CONVERSATION: '7' };

export async function startBot(clock: FixedClock, env: Record<string, string> = {}, dataDir?: string): Promise<TestApp> {
  return startTestApp({ REFERRAL_INTAKE_KEY: KEY, ...FAST, ...env }, { clock, workers: false }, dataDir);
}

/** The last card the bot sent into the user's personal chat. */
export function lastSent(connector: ConnectorStandIn, user: TeamsUser): Card {
  const calls = connector.sent(personalConversation(user)).filter((c) => cardsOf(c).length > 0);
  const last = calls.at(-1);
  if (!last) throw new Error(`no card sent to ${user.name}`);
  return cardsOf(last)[0]!;
}

/** Type a command; the card the bot answers with. */
export async function command(bot: TestApp, connector: ConnectorStandIn, user: TeamsUser, text: string): Promise<Card> {
  const before = connector.sent(personalConversation(user)).length;
  const res = await say(bot, connector, user, text);
  if (res.status !== 200) throw new Error(`"${text}" failed: ${res.status}`);
  const after = connector.sent(personalConversation(user));
  if (after.length === before) throw new Error(`"${text}" got no answer`);
  return cardsOf(after.at(-1)!)[0]!;
}

export function findAction(card: Card, match: (a: ReturnType<typeof actionsOf>[number]) => boolean, what: string) {
  const action = actionsOf(card).find(match);
  if (!action) throw new Error(`no ${what} on the card; it has: ${actionsOf(card).map((a) => `${a.verb}${a.data?.nav ? `/${a.data.nav}` : ''} "${a.title}"`).join(', ')}\n${cardText(card)}`);
  return action;
}

/**
 * Press a button: by dialog `nav` (a string) or by verb/title. The card's inputs go with it (unless the
 * button sends none), overlaid with what the seller typed.
 */
export async function press(
  bot: TestApp,
  connector: ConnectorStandIn,
  user: TeamsUser,
  card: Card,
  button: string | ((a: ReturnType<typeof actionsOf>[number]) => boolean),
  typed: Record<string, unknown> = {},
  options: { via?: 'execute' | 'submit'; withInputs?: boolean } = {},
): Promise<Card> {
  const match = typeof button === 'string' ? (a: ReturnType<typeof actionsOf>[number]) => a.data?.nav === button || a.verb === button : button;
  const action = findAction(card, match, typeof button === 'string' ? `"${button}" button` : 'matching button');
  const inputs = options.withInputs === false ? {} : inputsOf(card);
  const data = { ...inputs, ...typed, ...(action.data ?? {}) };
  if (options.via === 'submit') {
    const before = connector.sent(personalConversation(user)).length;
    const res = await submit(bot, connector, user, { verb: action.verb, ...data });
    if (res.status !== 200) throw new Error(`submit failed: ${res.status}`);
    const sent = connector.sent(personalConversation(user));
    if (sent.length === before) throw new Error('the submit got no answer');
    return cardsOf(sent.at(-1)!)[0]!;
  }
  const res = await click(bot, connector, user, action.verb!, data);
  if (res.status !== 200) throw new Error(`click failed: ${res.status} ${JSON.stringify(res.raw)}`);
  return res.card;
}

/**
 * Problems the official Adaptive Cards parser and our rules for Teams report for a card the bot
 * answered with (none expected): the same check as every gallery card (scripts/lib/cardChecks.ts).
 */
export function cardProblems(card: Card): string[] {
  return teamsCardProblems(card);
}

export { cardText, inputsOf, actionsOf };
