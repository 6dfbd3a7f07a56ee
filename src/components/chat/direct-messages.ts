import { html, type ReactiveControllerHost } from 'lit';
import { Identity } from 'spacetimedb';
import { learnerNamesQuery } from '../../connection/academy-queries.js';
import { tables, type DirectMessageRow, type LearnerNameRow } from '../../connection/academy-schema.js';
import { TableController, type AcademySource } from '../../connection/index.js';
import { learnerName } from '../../internal/learner-name.js';
import { byId } from './messages.js';

/**
 * The learner's direct messages, whom they write with, and those learners' names. Loaded with the chat's direct
 * messages view the first time it opens (`chat.ts`): a page whose learners never open it does not pay for it.
 */
export class DirectMessages {
  // No cacheKey: direct messages never leave memory (see row-cache.ts).
  readonly messages: TableController<DirectMessageRow>;
  // Not cached either: whom the learner writes to is as private as what.
  readonly names: TableController<LearnerNameRow>;

  readonly #me: () => Identity | undefined;

  constructor(host: ReactiveControllerHost, source: () => AcademySource | undefined, me: () => Identity | undefined) {
    this.#me = me;
    this.messages = new TableController(host, source, () => ({ query: tables.myDirectMessages }));
    this.names = new TableController(host, source, () =>
      learnerNamesQuery(this.peerIds().map((id) => Identity.fromString(id))),
    );
  }

  /** The other learners of the direct conversations (hex identities). */
  peerIds(): string[] {
    const me = this.#me()?.toHexString();
    const ids = new Set<string>();
    for (const row of this.messages.rows) {
      for (const id of [row.sender.toHexString(), row.recipient.toHexString()]) if (id !== me) ids.add(id);
    }
    return [...ids].sort();
  }

  /** The conversation with `peer` (a hex identity), oldest first; none without a peer. */
  conversation(peer: string): DirectMessageRow[] {
    if (!peer) return [];
    return this.messages.rows
      .filter((row) => row.sender.toHexString() === peer || row.recipient.toHexString() === peer)
      .sort(byId);
  }

  /** A button per conversation, and "New conversation"; the pressed one is `peer`'s. */
  conversations(
    names: ReadonlyMap<string, LearnerNameRow>,
    peer: string,
    choose: (peer: string) => void,
    newConversation: string,
  ) {
    const button = (id: string, label: unknown) =>
      html`<button type="button" aria-pressed=${peer === id ? 'true' : 'false'} @click=${() => choose(id)}>${label}</button>`;
    return html`<div class="conversations">
      ${this.peerIds().map((id) => button(id, learnerName(names.get(id), id.slice(0, 8))))}
      ${button('', newConversation)}
    </div>`;
  }
}
