import { html, nothing, type PropertyDeclarations, type PropertyValues } from 'lit';
import { hasRole } from '@lta/labs/rules';
import { cohortQuery, ownLearnerQuery, sameIdentity } from '../../connection/academy-queries.js';
import { tables, type LearnerNameRow, type LearnerRow } from '../../connection/academy-schema.js';
import { AcademyElement, TableController, type AcademyStatus } from '../../connection/index.js';
import { cohortOf } from '../../connection/launch-cohort.js';
import { classNotice } from '../../internal/class-scope.js';
import { learnerLabel } from '../../internal/learner-name.js';
import { LazyPart, LocalizeController, statusNote, toggleButton, widgetStyles } from '../kit/index.js';
import { AuthorNames } from './author-names.js';
import { ChannelHistory, type Room } from './channel-history.js';
import type { ChatScope } from './chat-scope.js';
import { chatStrings, type ChatStrings } from './chat-strings.js';
import { chatStyles } from './chat.styles.js';
import { Composer } from './composer.js';
import type { DirectMessages } from './direct-messages.js';
import { MessageButtons } from './message-buttons.js';
import { messageItem } from './message-item.js';
import { messageList } from './message-list.js';
import { PAGE, type Message, type RoomMessageRow } from './messages.js';
import { ReadingPlace } from './reading-place.js';

/** The names of direct-message peers before direct messages are loaded: none, the same empty list every time. */
const NO_NAMES: readonly LearnerNameRow[] = [];

/**
 * Chat for a channel (`global` or `lab:<id>`) and the learner's direct messages: the recent history with older
 * messages on demand, send, edit and delete your own, report others, and moderator actions (delete, mute) for
 * moderators. The module's refusals (rate limit, mute, length) appear under the message box. New messages from
 * others are announced politely to screen readers. Messages are shown as plain text; only http(s) links become
 * links. Sending while offline queues the message visibly and sends it once the connection is back.
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
export class Chat extends AcademyElement implements ChatScope {
  static override styles = [...AcademyElement.styles, widgetStyles, chatStyles];

  static override properties: PropertyDeclarations = {
    channel: { reflect: true },
    cohort: { reflect: true },
    view: { reflect: true },
    strings: { attribute: false },
    peer: { state: true },
    visible: { state: true },
    announcement: { state: true },
  };

  /** The channel: `global` or `lab:<lab id>`. */
  channel = 'global';

  /**
   * A class's chat instead of `channel`: the class id, or `launch` for the class of the page's course launch.
   * Its members only read and write it; its instructors delete messages and mute learners in it.
   */
  cohort?: string;

  /** What is shown: the channel, or the learner's direct messages. */
  view: 'channel' | 'direct' = 'channel';

  /** Text to translate or reword: only the keys given change (page-wide: `setPageStrings`). */
  strings: Partial<ChatStrings> = {};

  /** @internal The open direct conversation's peer (hex identity), '' for a new one. */
  peer = '';
  private visible = PAGE;
  private announcement = '';

  #authors = new AuthorNames();

  #history = new ChannelHistory(
    this,
    () => this.academy,
    (): Room => (this.cohort ? { cohort: this.cohortId() } : { channel: this.channel }),
    (rows) => this.#announceNew(rows),
  );
  #place = new ReadingPlace(this);
  // Loaded the first time the learner opens direct messages; until then the chat neither loads nor subscribes to them.
  #direct = new LazyPart<DirectMessages>(
    this,
    () =>
      import('./direct-messages.js').then(
        ({ DirectMessages }) =>
          new DirectMessages(
            this,
            () => this.academy,
            () => this.status?.identity,
          ),
      ),
    () => this.text().directFailed,
  );
  #membership = new TableController(
    this,
    () => this.academy,
    () => cohortQuery(this.cohortId()),
  );
  #me = new TableController(
    this,
    () => this.academy,
    () => ownLearnerQuery(this.status?.identity),
  );
  #sanction = new TableController(
    this,
    () => this.academy,
    () => ({ query: tables.mySanction }),
  );
  #composer = new Composer(
    this,
    (detail) => this.emit('lta-message-sent', detail),
    () => (this.#place.following = true),
  );
  #buttons = new MessageButtons(this, (error) => this.#composer.say(error));
  #words = new LocalizeController(this, chatStrings);

  /** @internal The words shown now (for the chat's parts). */
  text(): ChatStrings {
    return this.#words.text;
  }

  /** @internal */
  cohortId(): string | undefined {
    return cohortOf(this.cohort, this.status);
  }

  /** @internal */
  instructs(): boolean {
    return this.#membership.rows[0]?.role === 'instructor';
  }

  /** @internal */
  usernameOf(identity: string): string | undefined {
    return this.#names().get(identity)?.username;
  }

  /** @internal */
  announce(text: string): void {
    this.announcement = text;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (changed.has('channel') || changed.has('cohort')) {
      this.#history.reset();
      this.visible = PAGE;
    }
    // Another learner took over the page (sign out, a new token): the previous one's draft and open
    // conversation are theirs.
    const before = (changed as Map<PropertyKey, AcademyStatus | undefined>).get('status')?.identity;
    if (before && !sameIdentity(before, this.status?.identity)) {
      this.#composer.forget();
      this.peer = '';
      this.#buttons.close();
    }
    if (changed.has('view') && this.view === 'direct') void this.#direct.get();
  }

  override render() {
    const text = this.text();
    const me = this.#me.rows[0];
    const direct = this.view === 'direct';
    const dm = this.#direct.part;
    const source = direct ? (dm?.messages ?? { ready: false, error: this.#direct.error }) : this.#history.messages;
    const messages: readonly Message[] = direct ? (dm?.conversation(this.peer) ?? []) : this.#history.sorted();
    const shown = messages.slice(-this.visible);
    const pending = this.#composer.pending;
    const loading =
      !source.ready && messages.length === 0 && pending.length === 0 && !source.error && !this.notConfigured;
    const title = this.#title();
    const outside = direct ? undefined : classNotice(this.cohort, this.cohortId(), this.#membership, text);
    const more = messages.length > shown.length || (!direct && !this.#history.atBeginning);
    return html`<section part="base" aria-labelledby="title">
      <h2 id="title">${title}</h2>
      <div part="tabs" class="toggle" role="group" aria-label=${title}>
        ${this.#tab('channel', text.channelTab)} ${this.#tab('direct', text.directTab)}
      </div>
      ${direct ? dm?.conversations(this.#names(), this.peer, (peer) => (this.peer = peer), text.newConversation) : nothing}
      ${source.error ? html`<p class="error" role="alert">${source.error}</p>` : nothing}
      ${
        outside
          ? html`<p class="muted">${outside}</p>`
          : loading
            ? html`<p class="muted">${text.loading}</p>`
            : messageList({
                text,
                label: direct ? text.directTab : title,
                shown,
                more,
                fetching: !direct && this.#history.fetchingOlder,
                markBeginning: !direct,
                empty: direct ? text.emptyDirect : text.empty,
                pending,
                me,
                item: (message) => this.#message(message, me),
                onOlder: this.#showOlder,
                onScroll: this.#place.onScroll,
              })
      }
      ${outside ? nothing : this.#composer.render(me, this.#me.ready, this.#sanction.rows[0])}
      <p class="visually-hidden" aria-live="polite">${this.announcement}</p>
      ${statusNote(this.status, text, messages.length > 0, this.notConfigured)}
    </section>`;
  }

  #title(): string {
    const cohort = this.#membership.rows[0];
    return cohort ? this.text().classTitle(cohort.title) : this.text().title(this.channel);
  }

  #tab(view: 'channel' | 'direct', label: string) {
    return toggleButton(this.view === view, label, () => {
      this.view = view;
      // Pressed again after direct messages failed to load: try again.
      if (view === 'direct') void this.#direct.get();
      this.visible = PAGE;
      this.#buttons.close();
      this.#place.reset();
    });
  }

  #message(message: Message, me: LearnerRow | undefined) {
    const direct = this.view === 'direct';
    const forClass = !direct && Boolean(this.cohort);
    return messageItem(message, {
      text: this.text(),
      author: this.#names().get(message.sender.toHexString()),
      own: me !== undefined && message.sender.isEqual(me.identity),
      signedIn: me !== undefined,
      moderator: !direct && me !== undefined && (hasRole(me.role, 'moderator') || (forClass && this.instructs())),
      reportable: !forClass,
      actions: this.#buttons.actions,
      busy: this.#buttons.busy(message),
      act: this.#buttons.press,
    });
  }

  /** "Show older messages": the next 50, fetched from the academy when not loaded yet; the reading place is kept. */
  #showOlder = (): void => {
    this.#place.holdTop();
    this.visible += PAGE;
    if (this.view === 'channel') this.#history.loadAtLeast(this.visible);
  };

  #names(): ReadonlyMap<string, LearnerNameRow> {
    return this.#authors.of([this.#history.authors.rows, this.#direct.part?.names.rows ?? NO_NAMES, this.#me.rows]);
  }

  /** New messages from others, after the first load, are announced (the newest one, politely). */
  #announceNew(rows: RoomMessageRow[]): void {
    // Scrolled up, the learner is reading: new messages join the end without pushing the oldest shown one out.
    if (!this.#place.following) this.visible += rows.length;
    const me = this.status?.identity;
    const newest = rows.filter((row) => !(me && row.sender.isEqual(me)) && !row.deleted).at(-1);
    if (!newest) return;
    const name = learnerLabel(this.#names().get(newest.sender.toHexString()));
    this.announcement = this.text().announce(name, newest.text.slice(0, 200));
  }
}
