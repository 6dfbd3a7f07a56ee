import type { ReactiveControllerHost } from 'lit';
import { Identity } from 'spacetimedb';
import { learnerNamesQuery } from '../../connection/academy-queries.js';
import { tables, type DirectMessageRow, type LearnerNameRow } from '../../connection/academy-schema.js';
import { TableController, type AcademySource } from '../../connection/index.js';
import { byId } from './messages.js';

/** The learner's direct messages, whom they write with, and those learners' names. */
export class DirectMessages {
  // No cacheKey: direct messages never leave memory (see row-cache.ts).
  readonly messages: TableController<DirectMessageRow>;
  // Not cached either: whom the learner writes to is as private as what.
  readonly names: TableController<LearnerNameRow>;

  constructor(
    host: ReactiveControllerHost,
    source: () => AcademySource | undefined,
    private readonly me: () => Identity | undefined,
  ) {
    this.messages = new TableController(host, source, () => ({ query: tables.myDirectMessages }));
    this.names = new TableController(host, source, () =>
      learnerNamesQuery(this.peerIds().map((id) => Identity.fromString(id))),
    );
  }

  /** The other learners of the direct conversations (hex identities). */
  peerIds(): string[] {
    const me = this.me()?.toHexString();
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
}
