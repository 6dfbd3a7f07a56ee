import { html, nothing, type PropertyValues } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import { Identity, type Timestamp } from 'spacetimedb';
import { hasRole } from '@lta/labs/rules';
import { cohortQuery, learnerNamesQuery, ownLearnerQuery, sameIdentity } from '../../connection/academy-queries.js';
import {
  reducers,
  tables,
  type AcademyReducer,
  type ChannelMessageRow,
  type CohortMessageRow,
  type DirectMessageRow,
  type LearnerNameRow,
  type LearnerRow,
  type ReducerArgs,
} from '../../connection/academy-schema.js';
import { AcademyElement, TableController, type AcademyStatus, type RowQuery, type RowsSnapshot } from '../../connection/index.js';
import { cohortOf } from '../../connection/launch-cohort.js';
import { classNotice, classStrings } from '../../internal/class-scope.js';
import { learnerLabel, learnerName } from '../../internal/learner-name.js';
import { LocalizeController, ReducerController, statusNote, statusStrings, widgetStyles } from '../kit/index.js';
import { chatStyles } from './chat.styles.js';
import { messageText } from './message-text.js';

const defaultStrings = {
  ...statusStrings,
  title: (channel: string) => (channel === 'global' ? 'Chat' : `Chat: ${channel.replace(/^lab:/, 'lab ')}`),
  channelTab: 'Channel',
  directTab: 'Direct messages',
  loading: 'Loading messages…',
  empty: 'No messages yet. Say hello!',
  emptyDirect: 'No direct messages yet.',
  older: 'Show older messages',
  messageLabel: 'Message',
  send: 'Send',
  sending: 'Sending…',
  queuedMessage: 'Will be sent when the connection is back',
  edited: 'edited',
  deleted: 'Message deleted',
  edit: 'Edit',
  delete: 'Delete',
  report: 'Report',
  mute: 'Mute',
  save: 'Save',
  cancel: 'Cancel',
  reason: 'Reason',
  minutes: 'Minutes',
  to: 'To (username)',
  newConversation: 'New conversation',
  you: 'you',
  signInToChat: 'Choose a username to chat.',
  muted: (until: string) => `You are muted until ${until}.`,
  banned: 'You are banned from the chat.',
  announce: (name: string, text: string) => `New message from ${name}: ${text}`,
  reported: 'Thanks, a moderator will look at it.',
  classTitle: (cohort: string) => `Class chat: ${cohort}`,
  ...classStrings,
};

type Strings = typeof defaultStrings;
/** A message of the channel view: an academy channel's, or a class chat's. */
type RoomMessageRow = ChannelMessageRow | CohortMessageRow;
type Message = (RoomMessageRow | DirectMessageRow) & { recipient?: Identity };
type ActionKind = 'edit' | 'report' | 'mute';

/** How many more messages "Show older messages" reveals. */
const PAGE = 50;

/**
 * Chat for a channel (`global` or `lab:<id>`) and the learner's direct messages: history with older messages on
 * demand, send, edit and delete your own, report others, and moderator actions (delete, mute) for moderators.
 * The module's refusals (rate limit, mute, length) appear under the message box. New messages from others are
 * announced politely to screen readers. Messages are shown as plain text; only http(s) links become links.
 * Sending while offline queues the message visibly and sends it once the connection is back.
 *
 * @fires lta-message-sent - The academy accepted a message; `detail` is `{ channel }` or `{ to }`.
 * @csspart base - The card.
 * @csspart tabs - The channel / direct messages switch.
 * @csspart messages - The message list.
 * @csspart message - One message (own messages also have part `own-message`).
 * @csspart own-message - A message the learner wrote.
 * @csspart composer - The message box and send button.
 * @csspart status - The connection note shown while not live.
 * @cssprop [--lta-chat-height] - Most height of the message list before it scrolls (default 24em).
 *
 * @tagname lta-chat
 */
export class Chat extends AcademyElement {
  static override styles = [...AcademyElement.styles, widgetStyles, chatStyles];

  /** The channel: `global` or `lab:<lab id>`. */
  @property({ reflect: true }) channel = 'global';

  /**
   * A class's chat instead of `channel`: the class id, or `launch` for the class of the page's course launch.
   * Its members only read and write it; its instructors delete messages and mute learners in it.
   */
  @property({ reflect: true }) cohort?: string;

  /** What is shown: the channel, or the learner's direct messages. */
  @property({ reflect: true }) view: 'channel' | 'direct' = 'channel';

  /** Text to translate or reword: only the keys given change (page-wide: `setPageStrings`). */
  @property({ attribute: false }) strings: Partial<Strings> = {};

  @state() private peer = '';
  @state() private visible = PAGE;
  @state() private draft = '';
  @state() private sendError = '';
  @state() private pending: { key: number; text: string; queued: boolean }[] = [];
  @state() private action?: { id: bigint; kind: ActionKind; value: string; minutes: number };
  @state() private actionNote = '';
  @state() private announcement = '';

  @query('.messages') private list?: HTMLElement;

  #pendingKey = 0;
  #sorted?: { rows: readonly RoomMessageRow[]; sorted: Message[] };
  #nameCache?: { sources: (readonly LearnerNameRow[])[]; names: Map<string, LearnerNameRow> };
  #seen?: Set<bigint>;
  #stickToBottom = true;

  #cohortId = () => cohortOf(this.cohort, this.status);

  #messages = new TableController<RoomMessageRow>(
    this,
    () => this.academy,
    () => {
      if (this.cohort) {
        const cohort = this.#cohortId();
        return cohort ? { query: tables.myCohortMessages.where(row => row.cohort.eq(cohort)) } : undefined;
      }
      const channel = this.channel;
      const room: RowQuery<RoomMessageRow> = { query: tables.channelMessage.where(row => row.channel.eq(channel)), cacheKey: `chat:${channel}` };
      return room;
    },
    snapshot => this.#announce(snapshot),
  );

  // Through chat_author (one row per author), not channel_message: a message would send its author's name again.
  // A class's room names its (few) authors directly.
  #authors = new TableController<LearnerNameRow>(this, () => this.academy, () => {
    if (this.cohort) return learnerNamesQuery(this.#messages.rows.map(row => row.sender));
    const channel = this.channel;
    const authors = tables.chatAuthor.where(author => author.channel.eq(channel));
    return {
      query: authors.rightSemijoin(tables.learnerName, (author, name) => author.learner.eq(name.identity)),
      cacheKey: `chat:${channel}:authors`,
    };
  });

  #membership = new TableController(this, () => this.academy, () => cohortQuery(this.#cohortId()));

  #me = new TableController(this, () => this.academy, () => ownLearnerQuery(this.status?.identity));

  // No cacheKey: direct messages never leave memory (see row-cache.ts).
  #direct = new TableController(this, () => this.academy, () => ({ query: tables.myDirectMessages }));

  // Not cached either: whom the learner writes to is as private as what.
  #peers = new TableController(this, () => this.academy, () => learnerNamesQuery(this.#peerIds().map(id => Identity.fromString(id))));

  #sanction = new TableController(this, () => this.academy, () => ({ query: tables.mySanction }));

  #sendToChannel = new ReducerController(this, () => this.academy, reducers.sendMessage, { whenOffline: 'queue' });
  #sendToClass = new ReducerController(this, () => this.academy, reducers.sendCohortMessage, { whenOffline: 'queue' });
  #sendDirect = new ReducerController(this, () => this.academy, reducers.sendDirectMessage, { whenOffline: 'queue' });
  #actions = {
    edit: new ReducerController(this, () => this.academy, reducers.editMessage),
    editInClass: new ReducerController(this, () => this.academy, reducers.editCohortMessage),
    editDirect: new ReducerController(this, () => this.academy, reducers.editDirectMessage),
    delete: new ReducerController(this, () => this.academy, reducers.deleteMessage),
    deleteInClass: new ReducerController(this, () => this.academy, reducers.deleteCohortMessage),
    deleteDirect: new ReducerController(this, () => this.academy, reducers.deleteDirectMessage),
    report: new ReducerController(this, () => this.academy, reducers.reportMessage),
    muteInClass: new ReducerController(this, () => this.academy, reducers.muteInCohort),
    mute: new ReducerController(this, () => this.academy, reducers.muteLearner),
  };

  #words = new LocalizeController(this, defaultStrings);

  get #text(): Strings {
    return this.#words.text;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (changed.has('channel') || changed.has('cohort')) {
      this.#seen = undefined;
      this.visible = PAGE;
    }
    // Another learner took over the page (sign out, a new token): the previous one's draft and open
    // conversation are theirs.
    const before = (changed as Map<PropertyKey, AcademyStatus | undefined>).get('status')?.identity;
    if (before && !sameIdentity(before, this.status?.identity)) {
      this.draft = '';
      this.peer = '';
      this.action = undefined;
      this.sendError = '';
    }
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    if (this.#stickToBottom && this.list) this.list.scrollTop = this.list.scrollHeight;
  }

  override render() {
    const text = this.#text;
    const me = this.#me.rows[0];
    const direct = this.view === 'direct';
    const source = direct ? this.#direct : this.#messages;
    const messages = direct ? this.#conversation() : this.#channelMessages();
    const shown = messages.slice(-this.visible);
    const loading = !source.ready && messages.length === 0 && this.pending.length === 0 && !source.error && !this.notConfigured;
    const title = this.#title();
    const outside = direct ? undefined : classNotice(this.cohort, this.#cohortId(), this.#membership, text);
    return html`<section part="base" aria-labelledby="title">
      <h2 id="title">${title}</h2>
      <div part="tabs" class="toggle" role="group" aria-label=${title}>
        ${this.#tab('channel', text.channelTab)} ${this.#tab('direct', text.directTab)}
      </div>
      ${direct ? this.#conversations() : nothing}
      ${source.error ? html`<p class="error" role="alert">${source.error}</p>` : nothing}
      ${outside
        ? html`<p class="muted">${outside}</p>`
        : loading
          ? html`<p class="muted">${text.loading}</p>`
          : html`<ol
              part="messages"
              class="messages"
              tabindex="0"
              aria-label=${direct ? text.directTab : title}
              @scroll=${this.#onScroll}
            >
              ${messages.length > shown.length
                ? html`<li class="older">
                    <button type="button" @click=${() => (this.visible += PAGE)}>${text.older}</button>
                  </li>`
                : nothing}
              ${messages.length === 0 && this.pending.length === 0
                ? html`<li class="empty">${direct ? text.emptyDirect : text.empty}</li>`
                : nothing}
              ${repeat(
                shown,
                message => message.id,
                message => this.#message(message, me),
              )}
              ${this.pending.map(
                item => html`<li class="message own pending" part="message own-message">
                  <div class="meta">
                    <span class="author">${learnerName(me, text.you)}</span>
                    <span>${item.queued ? text.queuedMessage : text.sending}</span>
                  </div>
                  <p class="text">${item.text}</p>
                </li>`,
              )}
            </ol>`}
      ${outside ? nothing : this.#composer(me)}
      <p class="visually-hidden" aria-live="polite">${this.announcement}</p>
      ${statusNote(this.status, text, messages.length > 0, this.notConfigured)}
    </section>`;
  }

  #title(): string {
    const cohort = this.#membership.rows[0];
    return cohort ? this.#text.classTitle(cohort.title) : this.#text.title(this.channel);
  }

  /** The learner teaches the class whose chat is shown. */
  #instructs(): boolean {
    return this.#membership.rows[0]?.role === 'instructor';
  }

  #tab(view: 'channel' | 'direct', label: string) {
    return html`<button
      type="button"
      aria-pressed=${this.view === view ? 'true' : 'false'}
      @click=${() => {
        this.view = view;
        this.visible = PAGE;
        this.action = undefined;
        this.#stickToBottom = true;
      }}
    >
      ${label}
    </button>`;
  }

  #conversations() {
    const text = this.#text;
    const names = this.#names();
    return html`<div class="conversations">
      ${this.#peerIds().map(
        (id: string) => html`<button
          type="button"
          aria-pressed=${this.peer === id ? 'true' : 'false'}
          @click=${() => (this.peer = id)}
        >
          ${learnerName(names.get(id), id.slice(0, 8))}
        </button>`,
      )}
      <button type="button" aria-pressed=${this.peer === '' ? 'true' : 'false'} @click=${() => (this.peer = '')}>
        ${text.newConversation}
      </button>
    </div>`;
  }

  #message(message: Message, me: LearnerRow | undefined) {
    const text = this.#text;
    const own = me !== undefined && message.sender.isEqual(me.identity);
    const author = this.#names().get(message.sender.toHexString());
    const editing = this.action?.id === message.id ? this.action : undefined;
    const direct = this.view === 'direct';
    const forClass = !direct && Boolean(this.cohort);
    const moderator = !direct && me !== undefined && (hasRole(me.role, 'moderator') || (forClass && this.#instructs()));
    return html`<li class=${own ? 'message own' : 'message'} part=${own ? 'message own-message' : 'message'}>
      <div class="meta">
        <span class="author">${learnerName(author, message.sender.toHexString().slice(0, 8))}</span>
        ${time(message.sentAt)} ${message.editedAt && !message.deleted ? html`<span>(${text.edited})</span>` : nothing}
      </div>
      ${message.deleted
        ? html`<p class="text deleted">${text.deleted}</p>`
        : editing
          ? this.#actionForm(message, editing.kind)
          : html`<p class="text">${messageText(message.text)}</p>`}
      ${message.deleted || editing || !me
        ? nothing
        : html`<div class="actions">
            ${own ? html`<button type="button" @click=${() => this.#startAction(message, 'edit')}>${text.edit}</button>` : nothing}
            ${own || moderator
              ? html`<button type="button" @click=${() => this.#deleteMessage(message)}>${text.delete}</button>`
              : nothing}
            ${own || forClass
              ? nothing
              : html`<button type="button" @click=${() => this.#startAction(message, 'report')}>${text.report}</button>`}
            ${moderator && !own
              ? html`<button type="button" @click=${() => this.#startAction(message, 'mute')}>${text.mute}</button>`
              : nothing}
          </div>`}
    </li>`;
  }

  #actionForm(message: Message, kind: ActionKind) {
    const text = this.#text;
    const action = this.action!;
    const label = kind === 'edit' ? text.messageLabel : text.reason;
    return html`<form class="inline-form" @submit=${(event: Event) => this.#finishAction(event, message)} @keydown=${this.#escape}>
      ${kind === 'mute'
        ? html`<input
            type="number"
            min="1"
            max="10080"
            aria-label=${text.minutes}
            .value=${String(action.minutes)}
            @input=${(event: Event) => (action.minutes = Number((event.target as HTMLInputElement).value))}
          />`
        : nothing}
      <input
        aria-label=${label}
        placeholder=${label}
        .value=${action.value}
        @input=${(event: Event) => (action.value = (event.target as HTMLInputElement).value)}
      />
      <button class="primary" type="submit">${kind === 'edit' ? text.save : kind === 'report' ? text.report : text.mute}</button>
      <button type="button" @click=${() => (this.action = undefined)}>${text.cancel}</button>
      ${this.actionNote ? html`<p class="error" role="alert">${this.actionNote}</p>` : nothing}
    </form>`;
  }

  #composer(me: LearnerRow | undefined) {
    const text = this.#text;
    if (!me && this.#me.ready) return html`<p class="muted">${text.signInToChat}</p>`;
    const sanction = this.#sanction.rows[0];
    const mutedUntil = sanction?.mutedUntil?.toDate();
    const muted = mutedUntil !== undefined && mutedUntil.getTime() > Date.now();
    const needsPeer = this.view === 'direct' && this.peer === '';
    return html`${sanction?.banned ? html`<p class="notice">${text.banned}</p>` : nothing}
      ${muted ? html`<p class="notice">${text.muted(mutedUntil.toLocaleString())}</p>` : nothing}
      <form part="composer" class="composer" @submit=${this.#send}>
        ${needsPeer
          ? html`<input name="to" aria-label=${text.to} placeholder=${text.to} autocomplete="off" required />`
          : nothing}
        <textarea
          aria-label=${text.messageLabel}
          placeholder=${text.messageLabel}
          maxlength="2000"
          rows="1"
          .value=${this.draft}
          ?disabled=${sanction?.banned === true}
          aria-describedby="send-error"
          @input=${(event: Event) => (this.draft = (event.target as HTMLTextAreaElement).value)}
          @keydown=${this.#composerKey}
        ></textarea>
        <button class="primary" type="submit" ?disabled=${sanction?.banned === true}>${text.send}</button>
      </form>
      <p id="send-error" class="error" role="alert">${this.sendError}</p>`;
  }

  #composerKey = (event: KeyboardEvent): void => {
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      (event.target as HTMLTextAreaElement).form?.requestSubmit();
    }
  };

  #escape = (event: KeyboardEvent): void => {
    if (event.key === 'Escape') this.action = undefined;
  };

  #onScroll = (): void => {
    const list = this.list;
    if (list) this.#stickToBottom = list.scrollHeight - list.scrollTop - list.clientHeight < 40;
  };

  #send = async (event: Event): Promise<void> => {
    event.preventDefault();
    const academy = this.academy;
    const text = this.draft.trim();
    if (!text) return;
    if (!academy) {
      // Say why nothing happens, where the learner looks after pressing Send.
      this.sendError = this.#text.notConnected;
      return;
    }
    const form = event.target as HTMLFormElement;
    const to = this.view === 'direct' ? (this.#names().get(this.peer)?.username ?? form.querySelector<HTMLInputElement>('input[name="to"]')?.value.trim() ?? '') : '';
    const key = ++this.#pendingKey;
    this.pending = [...this.pending, { key, text, queued: academy.status.state !== 'live' }];
    this.draft = '';
    this.sendError = '';
    this.#stickToBottom = true;
    const author = this.status?.identity;
    const cohort = this.#cohortId();
    const channel = this.channel;
    const [sending, sent, detail] =
      this.view === 'direct'
        ? [this.#sendDirect, this.#sendDirect.call({ toUsername: to, text }), { to }]
        : this.cohort
          ? [this.#sendToClass, this.#sendToClass.call({ cohort: cohort ?? '', text }), { cohort }]
          : [this.#sendToChannel, this.#sendToChannel.call({ channel, text }), { channel }];
    const ok = await sent;
    this.pending = this.pending.filter(item => item.key !== key);
    if (ok) {
      this.emit('lta-message-sent', detail);
      return;
    }
    // Signed out (or another learner took over) meanwhile: the text and its failure were the previous learner's.
    if (author && !sameIdentity(author, this.status?.identity)) return;
    this.sendError = sending.error ?? '';
    // Give the text back so nothing typed is lost.
    if (this.draft === '') this.draft = text;
  };

  #startAction(message: Message, kind: ActionKind): void {
    this.actionNote = '';
    this.action = { id: message.id, kind, value: kind === 'edit' ? message.text : '', minutes: 10 };
  }

  async #finishAction(event: Event, message: Message): Promise<void> {
    event.preventDefault();
    const action = this.action;
    if (!action) return;
    const direct = this.view === 'direct';
    const cohort = direct ? undefined : this.#cohortId();
    const username = this.#names().get(message.sender.toHexString())?.username ?? '';
    const mute = { username, minutes: action.minutes, reason: action.value };
    const done =
      action.kind === 'edit'
        ? await this.#edit(direct, cohort, { messageId: message.id, text: action.value })
        : action.kind === 'report'
          ? await this.#act(this.#actions.report, { messageId: message.id, direct, reason: action.value })
          : // An instructor mutes in their class only; academy moderators, everywhere.
            cohort && this.#instructs()
            ? await this.#act(this.#actions.muteInClass, { cohort, ...mute })
            : await this.#act(this.#actions.mute, mute);
    if (!done) return;
    this.action = undefined;
    if (action.kind === 'report') this.announcement = this.#text.reported;
  }

  async #deleteMessage(message: Message): Promise<void> {
    const messageId = message.id;
    if (this.view === 'direct') await this.#act(this.#actions.deleteDirect, { messageId });
    else if (this.cohort) await this.#act(this.#actions.deleteInClass, { messageId });
    else await this.#act(this.#actions.delete, { messageId });
  }

  #edit(direct: boolean, cohort: string | undefined, edit: { messageId: bigint; text: string }): Promise<boolean> {
    if (direct) return this.#act(this.#actions.editDirect, edit);
    return cohort ? this.#act(this.#actions.editInClass, edit) : this.#act(this.#actions.edit, edit);
  }

  /** Runs a moderation or edit action; its refusal shows beside the message (or under the box). */
  async #act<Reducer extends AcademyReducer>(action: ReducerController<Reducer>, args: ReducerArgs<Reducer>): Promise<boolean> {
    if (!this.academy) return false;
    if (await action.call(args)) {
      this.actionNote = '';
      return true;
    }
    const message = action.error ?? '';
    if (this.action) this.actionNote = message;
    else this.sendError = message;
    return false;
  }

  #channelMessages(): Message[] {
    // Sorted once per change of the rows, not once per render.
    const rows = this.#messages.rows;
    if (this.#sorted?.rows !== rows) this.#sorted = { rows, sorted: [...rows].sort(byId) };
    return this.#sorted.sorted;
  }

  #conversation(): Message[] {
    const peer = this.peer;
    if (!peer) return [];
    return this.#direct.rows
      .filter(row => row.sender.toHexString() === peer || row.recipient.toHexString() === peer)
      .sort(byId);
  }

  /** The other learners of the direct conversations. */
  #peerIds(): string[] {
    const me = this.status?.identity?.toHexString();
    const ids = new Set<string>();
    for (const row of this.#direct.rows) {
      for (const id of [row.sender.toHexString(), row.recipient.toHexString()]) if (id !== me) ids.add(id);
    }
    return [...ids].sort();
  }

  #names(): Map<string, LearnerNameRow> {
    const sources = [this.#authors.rows, this.#peers.rows, this.#me.rows];
    if (this.#nameCache?.sources.some((rows, i) => rows !== sources[i]) !== false) {
      this.#nameCache = { sources, names: new Map(sources.flat().map(row => [row.identity.toHexString(), row])) };
    }
    return this.#nameCache.names;
  }

  /** New messages from others, after the first load, are announced (the newest one, politely). */
  #announce(snapshot: RowsSnapshot<RoomMessageRow>): void {
    if (!snapshot.ready || snapshot.fromCache) return;
    const seen = this.#seen;
    this.#seen = new Set(snapshot.rows.map(row => row.id));
    if (!seen) return;
    const me = this.status?.identity;
    const fresh = snapshot.rows.filter(row => !seen.has(row.id) && !(me && row.sender.isEqual(me)) && !row.deleted);
    const newest = fresh.sort(byId).at(-1);
    if (!newest) return;
    const name = learnerLabel(this.#names().get(newest.sender.toHexString()));
    this.announcement = this.#text.announce(name, newest.text.slice(0, 200));
  }
}

function byId(a: { id: bigint }, b: { id: bigint }): number {
  return a.id === b.id ? 0 : a.id < b.id ? -1 : 1;
}

/** One formatter for every message: building one per call costs more than the rest of a message's render. */
const clock = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });

function time(at: Timestamp) {
  const date = at.toDate();
  return html`<time datetime=${date.toISOString()}>${clock.format(date)}</time>`;
}
