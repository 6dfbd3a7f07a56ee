import type { Identity } from 'spacetimedb';
import type { ChannelMessageRow, CohortMessageRow, DirectMessageRow } from '../../connection/academy-schema.js';

/** A message of the channel view: an academy channel's, or a class chat's. */
export type RoomMessageRow = ChannelMessageRow | CohortMessageRow;

/** Any message the chat shows. */
export type Message = (RoomMessageRow | DirectMessageRow) & { recipient?: Identity };

/** How many more messages "Show older messages" reveals (the module's page, `CHAT_PAGE`). */
export const PAGE = 50;

/** Oldest first. */
export function byId(a: { id: bigint }, b: { id: bigint }): number {
  return a.id === b.id ? 0 : a.id < b.id ? -1 : 1;
}
