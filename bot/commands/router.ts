import type { TurnContext } from 'botbuilder';
import type { MessageHandler } from '../coSellBot';
import { parseCommand, type Command } from './parse';

export type CommandHandler<C extends Command = Command> = (context: TurnContext, command: C) => Promise<void>;

/** Something that may take a turn before commands are read, e.g. a dialog waiting for an answer. */
export type TextInterceptor = (context: TurnContext) => Promise<boolean>;

export interface CommandOptions {
  /** It shows nothing private, so it may answer in a team channel or group chat (help). Default: private. */
  readonly shared?: boolean;
}

/**
 * How commands meet shared conversations (channels, group chats): whether this turn is in one, and
 * how to run a private command in the person's personal chat instead, telling the shared one briefly.
 */
export interface SharedConversationPolicy {
  isShared(context: TurnContext): boolean;
  /** Run `logic` in the person's personal chat and say so, with no data, in the shared conversation. */
  redirect(context: TurnContext, logic: (personal: TurnContext) => Promise<void>): Promise<void>;
}

/**
 * Text in, command out. Commands without a handler, and unknown text, go to the fallback (help), so
 * the bot never answers with silence. Commands are private unless registered as shared: in a team
 * channel or group chat a private command runs in the person's personal chat, and the dialogs that
 * intercept text never run there.
 */
export class CommandRouter implements MessageHandler {
  private readonly handlers = new Map<Command['name'], { handler: CommandHandler; shared: boolean }>();
  private readonly interceptors: TextInterceptor[] = [];
  private fallback?: CommandHandler;

  constructor(private readonly policy: SharedConversationPolicy) {}

  on<N extends Command['name']>(name: N, handler: CommandHandler<Extract<Command, { name: N }>>, options: CommandOptions = {}): this {
    if (this.handlers.has(name)) throw new Error(`command "${name}" registered twice`);
    this.handlers.set(name, { handler: handler as CommandHandler, shared: options.shared ?? false });
    return this;
  }

  /** What answers text that is no command (it must be safe in shared conversations). */
  otherwise(handler: CommandHandler): this {
    this.fallback = handler;
    return this;
  }

  intercept(interceptor: TextInterceptor): this {
    this.interceptors.push(interceptor);
    return this;
  }

  /** Run a command as if typed (the welcome, a button that sends a command). */
  async run(context: TurnContext, command: Command): Promise<void> {
    const entry = this.handlers.get(command.name);
    if (!entry) {
      if (this.fallback) await this.fallback(context, command);
      return;
    }
    if (entry.shared || !this.policy.isShared(context)) return entry.handler(context, command);
    await this.policy.redirect(context, (personal) => entry.handler(personal, command));
  }

  async onText(context: TurnContext): Promise<void> {
    if (!this.policy.isShared(context)) {
      for (const interceptor of this.interceptors) {
        if (await interceptor(context)) return;
      }
    }
    await this.run(context, parseCommand(context.activity.text ?? ''));
  }
}
