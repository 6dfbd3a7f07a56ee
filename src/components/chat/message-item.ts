import { html, nothing } from 'lit';
import type { Timestamp } from 'spacetimedb';
import type { LearnerNameRow } from '../../connection/academy-schema.js';
import { learnerName } from '../../internal/learner-name.js';
import type { ChatStrings } from './chat-strings.js';
import type { ActionKind, MessageActions } from './message-actions.js';
import { messageText } from './message-text.js';
import type { Message } from './messages.js';

/** What one message shows besides itself: who wrote it, what the reader may do to it. */
export interface MessageView {
  text: ChatStrings;
  author: LearnerNameRow | undefined;
  /** The reader wrote it. */
  own: boolean;
  /** The reader is signed in (may act on messages at all). */
  signedIn: boolean;
  /** The reader moderates where the message is (a moderator, or the class's instructor). */
  moderator: boolean;
  /** Reports go to the academy's moderators; a class's chat is moderated by its instructors instead. */
  reportable: boolean;
  /** The message actions, once loaded (the first button pressed loads them). */
  actions: MessageActions | undefined;
  /** The actions are loading for this message: its buttons say so (`aria-busy`). */
  busy: boolean;
  /** A button was pressed: open its form, or delete. */
  act: (message: Message, kind: ActionKind | 'delete') => void;
}

/** One message: author, time, text (or the open edit / report / mute form) and the buttons the reader may use. */
export function messageItem(message: Message, view: MessageView) {
  const { text, own, actions, act } = view;
  const editing = actions?.open?.id === message.id ? actions : undefined;
  return html`<li class=${own ? 'message own' : 'message'} part=${own ? 'message own-message' : 'message'} data-id=${String(message.id)}>
    <div class="meta">
      <span class="author">${learnerName(view.author, message.sender.toHexString().slice(0, 8))}</span>
      ${time(message.sentAt)} ${message.editedAt && !message.deleted ? html`<span>(${text.edited})</span>` : nothing}
    </div>
    ${
      message.deleted
        ? html`<p class="text deleted">${text.deleted}</p>`
        : editing
          ? editing.form(message, text)
          : html`<p class="text">${messageText(message.text)}</p>`
    }
    ${
      message.deleted || editing || !view.signedIn
        ? nothing
        : html`<div class="actions" aria-busy=${view.busy ? 'true' : 'false'}>
          ${own ? html`<button type="button" @click=${() => act(message, 'edit')}>${text.edit}</button>` : nothing}
          ${own || view.moderator ? html`<button type="button" @click=${() => act(message, 'delete')}>${text.delete}</button>` : nothing}
          ${
            own || !view.reportable
              ? nothing
              : html`<button type="button" @click=${() => act(message, 'report')}>${text.report}</button>`
          }
          ${
            view.moderator && !own
              ? html`<button type="button" @click=${() => act(message, 'mute')}>${text.mute}</button>`
              : nothing
          }
        </div>`
    }
  </li>`;
}

/** One formatter for every message: building one per call costs more than the rest of a message's render. */
const clock = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });

function time(at: Timestamp) {
  const date = at.toDate();
  return html`<time datetime=${date.toISOString()}>${clock.format(date)}</time>`;
}
