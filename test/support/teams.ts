import type { ConnectorStandIn } from './connector';
import { teamsActivity, type TestApp } from './app';
import { TENANT } from './fixtures';

/** A Teams user as the tests see them. */
export interface TeamsUser {
  readonly id: string;
  readonly aadObjectId: string;
  readonly name: string;
  readonly email: string;
  readonly tenantId: string;
  readonly timezone: string;
  readonly locale: string;
}

export function teamsUser(key: string, overrides: Partial<TeamsUser> = {}): TeamsUser {
  const name = key[0]!.toUpperCase() + key.slice(1);
  return {
    id: `29:${key}`,
    aadObjectId: `aad-${key}`,
    name,
    email: `${key}@fabrikam.example`,
    tenantId: TENANT,
    timezone: 'Europe/Paris',
    locale: 'en-US',
    ...overrides,
  };
}

export const personalConversation = (user: TeamsUser) => `a:personal-${user.aadObjectId}`;

function base(connector: ConnectorStandIn, user: TeamsUser, fields: Record<string, unknown>): Record<string, unknown> {
  return teamsActivity(connector.url, {
    from: { id: user.id, aadObjectId: user.aadObjectId, name: user.name },
    conversationId: personalConversation(user),
    tenantId: user.tenantId,
    locale: user.locale,
    entities: [{ type: 'clientInfo', locale: user.locale, timezone: user.timezone }],
    ...fields,
  });
}

/** The user installs the bot in personal scope (Teams sends installationUpdate "add"). */
export async function install(bot: TestApp, connector: ConnectorStandIn, user: TeamsUser): Promise<void> {
  connector.addMember({ id: user.id, aadObjectId: user.aadObjectId, name: user.name, email: user.email, userPrincipalName: user.email, tenantId: user.tenantId });
  const res = await bot.post(base(connector, user, { type: 'installationUpdate', action: 'add', text: undefined }));
  if (res.status !== 200) throw new Error(`install failed: ${res.status} ${JSON.stringify(res.body)}`);
}

export async function uninstall(bot: TestApp, connector: ConnectorStandIn, user: TeamsUser): Promise<void> {
  await bot.post(base(connector, user, { type: 'installationUpdate', action: 'remove', text: undefined }));
}

export async function say(bot: TestApp, connector: ConnectorStandIn, user: TeamsUser, text: string, id?: string) {
  return bot.post(base(connector, user, { text, ...(id ? { id } : {}) }));
}

/** Click an Action.Execute: the invoke's HTTP answer carries the card that replaces the clicked one. */
export async function click(
  bot: TestApp,
  connector: ConnectorStandIn,
  user: TeamsUser,
  verb: string,
  data: Record<string, unknown>,
  options: { id?: string; replyToId?: string } = {},
): Promise<{ status: number; card: Record<string, unknown>; raw: unknown }> {
  const res = await bot.post(
    base(connector, user, {
      type: 'invoke',
      name: 'adaptiveCard/action',
      text: undefined,
      ...(options.id ? { id: options.id } : {}),
      ...(options.replyToId ? { replyToId: options.replyToId } : {}),
      value: { action: { type: 'Action.Execute', verb, data }, trigger: 'manual' },
    }),
  );
  const body = res.body as { statusCode?: number; value?: Record<string, unknown> } | undefined;
  return { status: res.status, card: body?.value ?? {}, raw: res.body };
}

/** Click the Action.Submit fallback: a message whose value carries the verb and the inputs. */
export async function submit(bot: TestApp, connector: ConnectorStandIn, user: TeamsUser, data: Record<string, unknown>, replyToId?: string) {
  return bot.post(base(connector, user, { text: undefined, value: data, ...(replyToId ? { replyToId } : {}) }));
}

/** Every action of a card (top level and inside show-cards), flattened. */
export function actionsOf(card: unknown): { type: string; verb?: string; title?: string; data?: Record<string, unknown> }[] {
  const out: { type: string; verb?: string; title?: string; data?: Record<string, unknown> }[] = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      const n = node as Record<string, unknown>;
      if (typeof n.type === 'string' && n.type.startsWith('Action.') && n.type !== 'Action.ShowCard') {
        out.push({ type: n.type, verb: n.verb as string | undefined, title: n.title as string | undefined, data: n.data as Record<string, unknown> | undefined });
      }
      for (const [k, v] of Object.entries(n)) if (k !== 'fallback' && k !== 'refresh') walk(v);
    }
  };
  walk(card);
  return out;
}

/** The ids and values of a card's inputs, as a form would submit them untouched. */
export function inputsOf(card: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (node: unknown) => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      const n = node as Record<string, unknown>;
      if (typeof n.type === 'string' && n.type.startsWith('Input.') && typeof n.id === 'string') out[n.id] = n.value === undefined ? '' : String(n.value);
      Object.values(n).forEach(walk);
    }
  };
  walk(card);
  return out;
}

/**
 * The error shown right below the input with this id, or '': a TextBlock in the container that follows
 * the input, on Teams' "attention" background (readable in both themes).
 */
export function errorBeside(card: unknown, id: string): string {
  let found = '';
  const walk = (node: unknown) => {
    if (Array.isArray(node)) {
      node.forEach((item, i) => {
        const n = item as Record<string, unknown> | undefined;
        if (n && n.id === id && typeof n.type === 'string' && n.type.startsWith('Input.')) {
          const next = node[i + 1] as Record<string, unknown> | undefined;
          const items = next?.items as Record<string, unknown>[] | undefined;
          if (next?.type === 'Container' && next.style === 'attention' && items?.[0]?.type === 'TextBlock') found = String(items[0].text);
        }
        walk(item);
      });
    } else if (node && typeof node === 'object') Object.values(node).forEach(walk);
  };
  walk(card);
  return found;
}
