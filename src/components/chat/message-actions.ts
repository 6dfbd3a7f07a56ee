import { html, nothing } from 'lit';
import { reducers, type AcademyReducer, type ReducerArgs } from '../../connection/academy-schema.js';
import { ReducerController } from '../kit/index.js';
import type { ChatScope } from './chat-scope.js';
import type { ChatStrings } from './chat-strings.js';
import type { Message } from './messages.js';

export type ActionKind = 'edit' | 'report' | 'mute';

/** The form open on a message: what it does and what the learner typed. */
export interface OpenAction {
  id: bigint;
  kind: ActionKind;
  value: string;
  minutes: number;
}

/**
 * What a learner does to a message: edit or delete their own, report others', and a moderator's (or a class's
 * instructor's) delete and mute. Each goes to the reducer of where the message is (channel, class, direct).
 * Loaded when the learner first presses one of a message's buttons (`chat.ts`): most readers never do.
 */
export class MessageActions {
  /** The form open on a message, if any. */
  open?: OpenAction;
  /** Why the open form's action was refused. */
  note = '';

  readonly #host: ChatScope;
  readonly #reducers;

  readonly #refused: (message: string) => void;

  constructor(
    host: ChatScope,
    /** An action without a form (delete) was refused: say why under the message box. */
    refused: (message: string) => void,
  ) {
    this.#refused = refused;
    this.#host = host;
    const controller = <Reducer extends AcademyReducer>(reducer: Reducer) =>
      new ReducerController(host, () => host.academy, reducer);
    this.#reducers = {
      edit: controller(reducers.editMessage),
      editInClass: controller(reducers.editCohortMessage),
      editDirect: controller(reducers.editDirectMessage),
      delete: controller(reducers.deleteMessage),
      deleteInClass: controller(reducers.deleteCohortMessage),
      deleteDirect: controller(reducers.deleteDirectMessage),
      report: controller(reducers.reportMessage),
      muteInClass: controller(reducers.muteInCohort),
      mute: controller(reducers.muteLearner),
    };
  }

  start(message: Message, kind: ActionKind): void {
    this.note = '';
    this.open = { id: message.id, kind, value: kind === 'edit' ? message.text : '', minutes: 10 };
    this.#host.requestUpdate();
  }

  close(): void {
    this.open = undefined;
    this.#host.requestUpdate();
  }

  async finish(event: Event, message: Message): Promise<void> {
    event.preventDefault();
    const action = this.open;
    if (!action) return;
    const host = this.#host;
    const direct = host.view === 'direct';
    const cohort = direct ? undefined : host.cohortId();
    const mute = {
      username: host.usernameOf(message.sender.toHexString()) ?? '',
      minutes: action.minutes,
      reason: action.value,
    };
    const done =
      action.kind === 'edit'
        ? await this.#edit(direct, cohort, { messageId: message.id, text: action.value })
        : action.kind === 'report'
          ? await this.#act(this.#reducers.report, { messageId: message.id, direct, reason: action.value })
          : // An instructor mutes in their class only; academy moderators, everywhere.
            cohort && host.instructs()
            ? await this.#act(this.#reducers.muteInClass, { cohort, ...mute })
            : await this.#act(this.#reducers.mute, mute);
    if (!done) return;
    this.close();
    if (action.kind === 'report') host.announce(host.text().reported);
  }

  async delete(message: Message): Promise<void> {
    const messageId = message.id;
    if (this.#host.view === 'direct') await this.#act(this.#reducers.deleteDirect, { messageId });
    else if (this.#host.cohort) await this.#act(this.#reducers.deleteInClass, { messageId });
    else await this.#act(this.#reducers.delete, { messageId });
  }

  /** The open form on `message`: the new text, or the reason (and minutes, to mute). */
  form(message: Message, text: ChatStrings) {
    const action = this.open;
    if (!action) return nothing;
    const kind = action.kind;
    const label = kind === 'edit' ? text.messageLabel : text.reason;
    const escape = (event: KeyboardEvent) => {
      if (event.key === 'Escape') this.close();
    };
    return html`<form class="inline-form" @submit=${(event: Event) => this.finish(event, message)} @keydown=${escape}>
    ${
      kind === 'mute'
        ? html`<input
          type="number"
          min="1"
          max="10080"
          aria-label=${text.minutes}
          .value=${String(action.minutes)}
          @input=${(event: Event) => (action.minutes = Number((event.target as HTMLInputElement).value))}
        />`
        : nothing
    }
    <input
      aria-label=${label}
      placeholder=${label}
      .value=${action.value}
      @input=${(event: Event) => (action.value = (event.target as HTMLInputElement).value)}
    />
    <button class="primary" type="submit">${kind === 'edit' ? text.save : kind === 'report' ? text.report : text.mute}</button>
    <button type="button" @click=${() => this.close()}>${text.cancel}</button>
    ${this.note ? html`<p class="error" role="alert">${this.note}</p>` : nothing}
  </form>`;
  }

  #edit(direct: boolean, cohort: string | undefined, edit: { messageId: bigint; text: string }): Promise<boolean> {
    if (direct) return this.#act(this.#reducers.editDirect, edit);
    return cohort ? this.#act(this.#reducers.editInClass, edit) : this.#act(this.#reducers.edit, edit);
  }

  /** Runs an action; its refusal shows beside the message (or under the box). */
  async #act<Reducer extends AcademyReducer>(
    action: ReducerController<Reducer>,
    args: ReducerArgs<Reducer>,
  ): Promise<boolean> {
    if (!this.#host.academy) return false;
    if (await action.call(args)) {
      this.note = '';
      return true;
    }
    const message = action.error ?? '';
    if (this.open) this.note = message;
    else this.#refused(message);
    this.#host.requestUpdate();
    return false;
  }
}
