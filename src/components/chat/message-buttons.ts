import { LazyPart } from '../kit/index.js';
import type { ChatScope } from './chat-scope.js';
import type { ActionKind, MessageActions } from './message-actions.js';
import type { Message } from './messages.js';

/**
 * What a message's buttons (edit, delete, report, mute) do: the first press loads the actions behind them
 * (`message-actions.ts`, a chunk of its own, as most readers never press one), then each press opens the action's
 * form or deletes.
 */
export class MessageButtons {
  readonly #actions: LazyPart<MessageActions>;
  readonly #refused: (message: string) => void;
  /** The message whose button is waiting for the actions to load. */
  #pressed?: bigint;

  /** @param refused An action was refused or could not be loaded: say why under the message box. */
  constructor(host: ChatScope, refused: (message: string) => void) {
    this.#refused = refused;
    this.#actions = new LazyPart(
      host,
      () => import('./message-actions.js').then(({ MessageActions }) => new MessageActions(host, refused)),
      () => host.text().actionsFailed,
    );
  }

  /** The actions, once loaded (they draw the open form). */
  get actions(): MessageActions | undefined {
    return this.#actions.part;
  }

  /** Whether `message`'s buttons wait for the actions to load. */
  busy(message: Message): boolean {
    return this.#actions.loading && this.#pressed === message.id;
  }

  /** A button of `message` was pressed. */
  readonly press = async (message: Message, kind: ActionKind | 'delete'): Promise<void> => {
    this.#pressed = message.id;
    const actions = await this.#actions.get();
    if (!actions) this.#refused(this.#actions.error ?? '');
    else if (kind === 'delete') await actions.delete(message);
    else actions.start(message, kind);
  };

  /** Closes the open form, if any. */
  close(): void {
    if (this.actions) this.actions.open = undefined;
  }
}
