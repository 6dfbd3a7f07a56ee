import { html, nothing, type TemplateResult } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import type { LearnerRow } from '../../connection/academy-schema.js';
import { learnerName } from '../../internal/learner-name.js';
import type { ChatStrings } from './chat-strings.js';
import type { PendingMessage } from './composer.js';
import type { Message } from './messages.js';

/** What the list shows, oldest at the top. */
export interface MessageListView {
  text: ChatStrings;
  label: string;
  /** The messages shown (the newest ones). */
  shown: readonly Message[];
  /** Older messages exist (loaded and hidden, or not loaded yet): the list starts with "Show older messages". */
  more: boolean;
  /** Older messages were asked for and are on their way. */
  fetching: boolean;
  /** Say where the channel begins once every message is shown (not in direct conversations). */
  markBeginning: boolean;
  empty: string;
  pending: readonly PendingMessage[];
  me: LearnerRow | undefined;
  item: (message: Message) => TemplateResult;
  onOlder: () => void;
  onScroll: () => void;
}

/** The message list: older messages on demand at the top, the messages, then the learner's messages on their way. */
export function messageList(view: MessageListView) {
  const { text, shown, pending } = view;
  return html`<ol part="messages" class="messages" tabindex="0" aria-label=${view.label} @scroll=${view.onScroll}>
    ${
      view.more
        ? html`<li class="older">
          <button type="button" aria-busy=${view.fetching ? 'true' : 'false'} @click=${view.onOlder}>
            ${view.fetching ? text.loadingOlder : text.older}
          </button>
        </li>`
        : view.markBeginning && shown.length > 0
          ? html`<li class="beginning">${text.beginning}</li>`
          : nothing
    }
    ${shown.length === 0 && pending.length === 0 ? html`<li class="empty">${view.empty}</li>` : nothing}
    ${repeat(shown, (message) => message.id, view.item)}
    ${pending.map(
      (item) => html`<li class="message own pending" part="message own-message">
        <div class="meta">
          <span class="author">${learnerName(view.me, text.you)}</span>
          <span>${item.queued ? text.queuedMessage : text.sending}</span>
        </div>
        <p class="text">${item.text}</p>
      </li>`,
    )}
  </ol>`;
}
