import type { TurnContext } from 'botbuilder';
import type { MessageHandler } from '../coSellBot';
import { parseCommand, type Command } from './parse';

export type CommandHandler<C extends Command = Command> = (context: TurnContext, command: C) => Promise<void>;

/** Something that may take a turn before commands are read, e.g. a dialog waiting for an answer. */
export type TextInterceptor = (context: TurnContext) => Promise<boolean>;

/**
 * Text in, command out. Commands without a handler, and unknown text, go to the fallback (help), so
 * the bot never answers with silence.
 */
export class CommandRouter implements MessageHandler {
  private readonly handlers = new Map<Command['name'], CommandHandler>();
  private readonly interceptors: TextInterceptor[] = [];

  constructor(private readonly fallback: CommandHandler) {}

  on<N extends Command['name']>(name: N, handler: CommandHandler<Extract<Command, { name: N }>>): this {
    this.handlers.set(name, handler as CommandHandler);
    return this;
  }

  intercept(interceptor: TextInterceptor): this {
    this.interceptors.push(interceptor);
    return this;
  }

  async onText(context: TurnContext): Promise<void> {
    for (const interceptor of this.interceptors) {
      if (await interceptor(context)) return;
    }
    const command = parseCommand(context.activity.text ?? '');
    await (this.handlers.get(command.name) ?? this.fallback)(context, command);
  }
}
