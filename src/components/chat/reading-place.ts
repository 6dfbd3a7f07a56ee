import type { ReactiveController } from 'lit';
import type { ChatScope } from './chat-scope.js';

/** The message at the top of the list when older ones were asked for, where it was, and how many were shown. */
interface Anchor {
  id: string;
  top: number;
  shownBefore: number;
}

/**
 * Where the learner reads in the chat's message list (`message-list.ts`): at the bottom, the list follows new
 * messages; scrolled up, it stays put; when older messages are asked for, the message at the top stays where it was
 * as they arrive above it, then the live region says how many arrived (and where the channel begins), and the
 * keyboard stays in the list once there is nothing older to ask for.
 */
export class ReadingPlace implements ReactiveController {
  /** Whether the list follows new messages (the learner is at its bottom, or just sent one). */
  following = true;
  #anchor?: Anchor;
  readonly #host: ChatScope;

  constructor(host: ChatScope) {
    this.#host = host;
    host.addController(this);
  }

  #list(): HTMLElement | null {
    return this.#host.renderRoot?.querySelector<HTMLElement>('.messages') ?? null;
  }

  /** Another list is shown (a tab switch): start at its newest message. */
  reset(): void {
    this.#anchor = undefined;
    this.following = true;
  }

  /** Older messages were asked for: keep the message now at the top where it is. */
  holdTop(): void {
    const list = this.#list();
    const top = list?.querySelector<HTMLElement>('[data-id]');
    if (list && top) {
      const shownBefore = list.querySelectorAll('[data-id]').length;
      this.#anchor = { id: top.dataset.id!, top: top.offsetTop - list.scrollTop, shownBefore };
    }
    this.following = false;
  }

  /** The list's scroll listener: near the bottom, follow new messages again. */
  readonly onScroll = (): void => {
    const list = this.#list();
    if (list && !this.#anchor) this.following = list.scrollHeight - list.scrollTop - list.clientHeight < 40;
  };

  hostUpdated(): void {
    const list = this.#list();
    if (!list) return;
    const anchor = this.#anchor;
    if (!anchor) {
      if (this.following) list.scrollTop = list.scrollHeight;
      return;
    }
    const item = list.querySelector<HTMLElement>(`[data-id="${anchor.id}"]`);
    if (item) list.scrollTop = item.offsetTop - anchor.top;
    // Still on their way: "Show older messages" is busy.
    if (list.querySelector('.older [aria-busy="true"]')) return;
    this.#anchor = undefined;
    const text = this.#host.text();
    const added = Math.max(0, list.querySelectorAll('[data-id]').length - anchor.shownBefore);
    const beginning = list.querySelector('.beginning') ? ` ${text.beginning}.` : '';
    this.#host.announce(`${text.olderShown(added)}${beginning}`);
    // The button is gone (nothing older): the keyboard stays in the list rather than falling to the page.
    if (!list.querySelector('.older')) list.focus({ preventScroll: true });
  }
}
