import { html, nothing } from 'lit';
import { reducers, type LearnerRow, type SanctionRow } from '../../connection/academy-schema.js';
import { sameIdentity } from '../../connection/academy-queries.js';
import { ReducerController } from '../kit/index.js';
import type { ChatScope } from './chat-scope.js';

/** A message on its way: shown greyed at the end of the list until the academy answers. */
export interface PendingMessage {
  key: number;
  text: string;
  queued: boolean;
}

/**
 * The message box: what the learner is typing, the messages on their way, and why the last one was refused.
 * Sends to the room shown (channel, class or direct conversation); offline, the message waits visibly and goes
 * once the connection is back.
 */
export class Composer {
  draft = '';
  pending: PendingMessage[] = [];
  /** Why the last send (or delete) was refused, under the box. */
  error = '';
  readonly #host: ChatScope;
  #key = 0;
  readonly #toChannel: ReducerController<typeof reducers.sendMessage>;
  readonly #toClass: ReducerController<typeof reducers.sendCohortMessage>;
  readonly #direct: ReducerController<typeof reducers.sendDirectMessage>;

  readonly #sent: (detail: Record<string, string | undefined>) => void;
  readonly #sending: () => void;

  constructor(
    host: ChatScope,
    /** The academy accepted a message: `{ channel }`, `{ cohort }` or `{ to }`. */
    sent: (detail: Record<string, string | undefined>) => void,
    /** A message is on its way, at the end of the list: keep it in view. */
    sending: () => void,
  ) {
    this.#sent = sent;
    this.#sending = sending;
    this.#host = host;
    this.#toChannel = new ReducerController(host, () => host.academy, reducers.sendMessage, { whenOffline: 'queue' });
    this.#toClass = new ReducerController(host, () => host.academy, reducers.sendCohortMessage, {
      whenOffline: 'queue',
    });
    this.#direct = new ReducerController(host, () => host.academy, reducers.sendDirectMessage, {
      whenOffline: 'queue',
    });
  }

  /** Another learner took over the page: what was typed is not theirs. */
  forget(): void {
    this.draft = '';
    this.error = '';
  }

  say(error: string): void {
    this.error = error;
    this.#host.requestUpdate();
  }

  send = async (event: Event): Promise<void> => {
    event.preventDefault();
    const host = this.#host;
    const academy = host.academy;
    const text = this.draft.trim();
    if (!text) return;
    if (!academy) {
      // Say why nothing happens, where the learner looks after pressing Send.
      this.say(host.text().notConnected);
      return;
    }
    const form = event.target as HTMLFormElement;
    const direct = host.view === 'direct';
    const typedTo = () => form.querySelector<HTMLInputElement>('input[name="to"]')?.value.trim() ?? '';
    const to = direct ? (host.usernameOf(host.peer) ?? typedTo()) : '';
    const key = ++this.#key;
    this.pending = [...this.pending, { key, text, queued: academy.status.state !== 'live' }];
    this.draft = '';
    this.error = '';
    this.#sending();
    host.requestUpdate();
    const author = host.academy?.status.identity;
    const cohort = host.cohortId();
    const channel = host.channel;
    const [sending, sent, detail] = direct
      ? [this.#direct, this.#direct.call({ toUsername: to, text }), { to }]
      : host.cohort
        ? [this.#toClass, this.#toClass.call({ cohort: cohort ?? '', text }), { cohort }]
        : [this.#toChannel, this.#toChannel.call({ channel, text }), { channel }];
    const ok = await sent;
    this.pending = this.pending.filter((item) => item.key !== key);
    host.requestUpdate();
    if (ok) {
      this.#sent(detail);
      return;
    }
    // Signed out (or another learner took over) meanwhile: the text and its failure were the previous learner's.
    if (author && !sameIdentity(author, host.academy?.status.identity)) return;
    this.error = sending.error ?? '';
    // Give the text back so nothing typed is lost.
    if (this.draft === '') this.draft = text;
    host.requestUpdate();
  };

  /** The box, the send button, and the learner's sanction if any. */
  render(me: LearnerRow | undefined, meKnown: boolean, sanction: SanctionRow | undefined) {
    const host = this.#host;
    const text = host.text();
    if (!me && meKnown) return html`<p class="muted">${text.signInToChat}</p>`;
    const mutedUntil = sanction?.mutedUntil?.toDate();
    const muted = mutedUntil !== undefined && mutedUntil.getTime() > Date.now();
    const needsPeer = host.view === 'direct' && host.peer === '';
    return html`${sanction?.banned ? html`<p class="notice">${text.banned}</p>` : nothing}
      ${muted ? html`<p class="notice">${text.muted(mutedUntil.toLocaleString())}</p>` : nothing}
      <form part="composer" class="composer" @submit=${this.send}>
        ${
          needsPeer
            ? html`<input name="to" aria-label=${text.to} placeholder=${text.to} autocomplete="off" required />`
            : nothing
        }
        <textarea
          aria-label=${text.messageLabel}
          placeholder=${text.messageLabel}
          maxlength="2000"
          rows="1"
          .value=${this.draft}
          ?disabled=${sanction?.banned === true}
          aria-describedby="send-error"
          @input=${(event: Event) => {
            this.draft = (event.target as HTMLTextAreaElement).value;
            host.requestUpdate();
          }}
          @keydown=${sendOnEnter}
        ></textarea>
        <button class="primary" type="submit" ?disabled=${sanction?.banned === true}>${text.send}</button>
      </form>
      <p id="send-error" class="error" role="alert">${this.error}</p>`;
  }
}

function sendOnEnter(event: KeyboardEvent): void {
  if (event.key === 'Enter' && !event.isComposing && !event.shiftKey) {
    event.preventDefault();
    (event.target as HTMLTextAreaElement).form?.requestSubmit();
  }
}
