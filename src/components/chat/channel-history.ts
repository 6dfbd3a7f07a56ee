import type { ReactiveControllerHost } from 'lit';
import { learnerNamesQuery } from '../../connection/academy-queries.js';
import { tables, type LearnerNameRow, type RowOf } from '../../connection/academy-schema.js';
import { TableController, type AcademySource, type RowQuery, type RowsSnapshot } from '../../connection/index.js';
import { byId, type RoomMessageRow } from './messages.js';

/** Whose messages: an academy channel, or a class's chat (its id undefined until the page's class is known). */
export type Room = { channel: string } | { cohort: string | undefined };

type PageRow = RowOf<'chatPage'>;

/**
 * The messages of the chat's room, and their authors' names. A channel's history is paged by the module
 * (`chat_page`, a row every 50 messages): the chat subscribes to the messages from the start of the last two pages
 * on, not to the whole history, and widens that a page at a time when the learner asks for older messages. A
 * class's chat is small and comes whole. Without pages (an empty channel, a module from before them) the whole
 * channel comes, as it used to.
 */
export class ChannelHistory {
  readonly #pages: TableController<PageRow>;
  readonly messages: TableController<RoomMessageRow>;
  // Through chat_author (one row per author), not channel_message: a message would send its author's name again.
  // A class's room names its (few) authors directly.
  readonly authors: TableController<LearnerNameRow>;
  /** The first message subscribed to, per channel: kept as new pages start, lowered by `loadAtLeast`. */
  #start?: { channel: string; id: bigint };
  #sorted?: { rows: readonly RoomMessageRow[]; sorted: RoomMessageRow[] };
  /** The newest message id once the room has loaded: anything newer is new. */
  #newest?: bigint;

  readonly #room: () => Room;
  readonly #onNewMessages: (rows: RoomMessageRow[]) => void;

  constructor(
    host: ReactiveControllerHost,
    source: () => AcademySource | undefined,
    room: () => Room,
    /** Messages that arrived after the first load (not the older ones the learner asked for). */
    onNewMessages: (rows: RoomMessageRow[]) => void,
  ) {
    this.#room = room;
    this.#onNewMessages = onNewMessages;
    this.#pages = new TableController(host, source, () => {
      const room = this.#room();
      if (!('channel' in room)) return undefined;
      const channel = room.channel;
      return { query: tables.chatPage.where((page) => page.channel.eq(channel)), cacheKey: `chat:${channel}:pages` };
    });
    this.messages = new TableController(
      host,
      source,
      () => this.#messagesQuery(),
      (snapshot) => this.#take(snapshot),
    );
    this.authors = new TableController(host, source, () => {
      const room = this.#room();
      if (!('channel' in room)) return learnerNamesQuery(this.messages.rows.map((row) => row.sender));
      const channel = room.channel;
      const authors = tables.chatAuthor.where((author) => author.channel.eq(channel));
      return {
        query: authors.rightSemijoin(tables.learnerName, (author, name) => author.learner.eq(name.identity)),
        cacheKey: `chat:${channel}:authors`,
      };
    });
  }

  /** The room changed: what was seen in the last one is not news in this one. */
  reset(): void {
    this.#newest = undefined;
  }

  /** The loaded messages, oldest first (sorted once per change of the rows, not once per render). */
  sorted(): RoomMessageRow[] {
    const rows = this.messages.rows;
    if (this.#sorted?.rows !== rows) this.#sorted = { rows, sorted: [...rows].sort(byId) };
    return this.#sorted.sorted;
  }

  /** Every message of the room is loaded: there is nothing older to ask for. */
  get atBeginning(): boolean {
    const first = this.#pagesInOrder()[0];
    return !this.#start || !first || this.#start.id <= first.firstMessageId;
  }

  /** Older messages were asked for and have not arrived yet. */
  get fetchingOlder(): boolean {
    const oldest = this.sorted()[0];
    return this.#start !== undefined && oldest !== undefined && oldest.id > this.#start.id;
  }

  /** Subscribe to older pages until at least `count` messages are loaded, or the whole channel is. */
  loadAtLeast(count: number): void {
    const start = this.#start;
    if (!start) return;
    const pages = this.#pagesInOrder();
    const loaded = this.messages.rows.length;
    // Every page but the last holds exactly 50 messages: each page back brings that many more.
    const earlier = pages.filter((page) => page.firstMessageId < start.id);
    const needed = Math.ceil(Math.max(0, count - loaded) / 50);
    const next = earlier[Math.max(0, earlier.length - needed)];
    if (needed > 0 && next) this.#start = { channel: start.channel, id: next.firstMessageId };
  }

  #pagesInOrder(): PageRow[] {
    return [...this.#pages.rows].sort((a, b) => a.page - b.page);
  }

  #messagesQuery(): RowQuery<RoomMessageRow> | undefined {
    const room = this.#room();
    if (!('channel' in room)) {
      const cohort = room.cohort;
      return cohort ? { query: tables.myCohortMessages.where((row) => row.cohort.eq(cohort)) } : undefined;
    }
    const channel = room.channel;
    const cacheKey = `chat:${channel}`;
    const start = this.#startOf(channel);
    if (start === 'wait') return undefined;
    if (start === undefined) return { query: tables.channelMessage.where((row) => row.channel.eq(channel)), cacheKey };
    return { query: tables.channelMessage.where((row) => row.channel.eq(channel).and(row.id.gte(start))), cacheKey };
  }

  /** Where the channel's subscription starts: the last two pages at first; undefined for the whole channel. */
  #startOf(channel: string): bigint | undefined | 'wait' {
    if (this.#start?.channel === channel) return this.#start.id;
    const pages = this.#pages;
    // A module without pages refuses the subscription: read the channel whole, as before pages.
    if (pages.error) return undefined;
    if (!pages.ready) return 'wait';
    const inOrder = this.#pagesInOrder();
    const first = inOrder[Math.max(0, inOrder.length - 2)];
    this.#start = first ? { channel, id: first.firstMessageId } : undefined;
    return this.#start?.id;
  }

  #take(snapshot: RowsSnapshot<RoomMessageRow>): void {
    if (!snapshot.ready || snapshot.fromCache) return;
    const before = this.#newest;
    let newest = before ?? -1n;
    for (const row of snapshot.rows) if (row.id > newest) newest = row.id;
    this.#newest = newest;
    if (before === undefined) return;
    const fresh = snapshot.rows.filter((row) => row.id > before);
    if (fresh.length > 0) this.#onNewMessages(fresh.sort(byId));
  }
}
