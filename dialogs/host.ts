import { PrivateConversationState, type Storage, type TurnContext } from 'botbuilder';
// The dialog classes by their own modules: the package's index also loads every prompt and the
// Recognizers-Text suites (~6 MB of JavaScript, a quarter of a second at start-up) that no dialog of ours uses.
import type { Dialog } from 'botbuilder-dialogs/lib/dialog';
import type { DialogState } from 'botbuilder-dialogs/lib/dialogContext';
import { DialogSet } from 'botbuilder-dialogs/lib/dialogSet';
import type { AdaptiveCardJson } from '../cards/render';
import { answerInPlace, answerOf, setDialogInput } from './surface';
import { normalize, Vocabulary } from '../bot/commands/parse';

/** Words that steer a dialog when typed instead of clicked, in every catalog's language (`command.back`, `command.cancel`). */
const NAV_WORDS = new Vocabulary(['back', 'cancel'] as const, (nav) => `command.${nav}`);

/** "back" or "cancel" typed (retour, annuler, 返回, 取消…), forgiving typos as commands do. */
export function navWord(text: string): 'back' | 'cancel' | undefined {
  return NAV_WORDS.whole(normalize(text).split(' ', NAV_WORDS.maxWords + 1));
}

/**
 * Runs dialogs over botbuilder's dialog state, kept per person and conversation
 * (PrivateConversationState: two sellers in one group chat each have their own dialog) in the store's
 * botState. State is saved at the end of every turn, so a bot restarted in the middle of a dialog, or
 * another bot process on the same store, continues where the seller was.
 */
export class DialogHost {
  private readonly state: PrivateConversationState;
  private readonly dialogs: DialogSet;

  constructor(storage: Storage, dialogs: readonly Dialog[]) {
    this.state = new PrivateConversationState(storage);
    this.dialogs = new DialogSet(this.state.createProperty<DialogState>('dialogState'));
    for (const d of dialogs) this.dialogs.add(d);
  }

  /** Start a dialog, replacing any the person had going in this conversation. */
  async begin(context: TurnContext, dialogId: string): Promise<void> {
    const dc = await this.dialogs.createContext(context);
    await dc.cancelAllDialogs();
    await dc.beginDialog(dialogId);
    await this.state.saveChanges(context);
  }

  /**
   * Typed text while a dialog waits: "back" and "cancel" steer it; other text the dialog does not
   * take (so commands still work mid-dialog) unless `isCommand` says it is not one — then the current
   * form is shown again with a hint. Returns whether the dialog took the turn.
   */
  async onText(context: TurnContext, isCommand: (text: string) => boolean): Promise<boolean> {
    const text = context.activity.text ?? '';
    const nav = navWord(text);
    if (!nav && isCommand(text)) return false;
    const dc = await this.dialogs.createContext(context);
    if (!dc.activeDialog) return false;
    setDialogInput(context, { nav: nav ?? 'hint', data: {} });
    await dc.continueDialog();
    await this.state.saveChanges(context);
    return true;
  }

  /** A dialog form was sent (Action.Execute or its Action.Submit fallback): the card that replaces it, or undefined when no dialog waits. */
  async onForm(context: TurnContext, data: Readonly<Record<string, unknown>>): Promise<AdaptiveCardJson | undefined> {
    const dc = await this.dialogs.createContext(context);
    if (!dc.activeDialog) return undefined;
    answerInPlace(context);
    setDialogInput(context, { nav: typeof data.nav === 'string' ? data.nav : '', data });
    await dc.continueDialog();
    await this.state.saveChanges(context);
    return answerOf(context);
  }
}
