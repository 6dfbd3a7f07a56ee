import { table, t } from 'spacetimedb/server';

/** Messages in the `global` and `lab:<id>` channels: public by nature. Deletes are soft (text emptied). */
export const channel_message = table(
  { name: 'channel_message', public: true },
  {
    id: t.u64().primaryKey().autoInc(),
    channel: t.string().index('btree'),
    sender: t.identity().index('btree'),
    text: t.string(),
    sent_at: t.timestamp(),
    edited_at: t.option(t.timestamp()),
    deleted: t.bool(),
  },
);

/**
 * Who has written in a channel, once per learner: the chat names a channel's authors by joining this with
 * `learner_name`, so a new message sends no name and a name is sent once however many messages its author wrote.
 */
export const chat_author = table(
  { name: 'chat_author', public: true },
  {
    /** `<identity hex>/<channel>`. */
    key: t.string().primaryKey(),
    channel: t.string().index('btree'),
    learner: t.identity().index('btree'),
  },
);

/**
 * Where each page of a channel's history starts: a row every `CHAT_PAGE` messages. The chat subscribes to the
 * messages from the start of the last pages on (`id >= first_message_id`) instead of the whole history, and
 * widens that range a page at a time when the learner asks for older messages.
 */
export const chat_page = table(
  { name: 'chat_page', public: true },
  {
    /** `<channel>/<page>`. */
    key: t.string().primaryKey(),
    channel: t.string().index('btree'),
    /** 0 for the channel's first messages. */
    page: t.u32(),
    first_message_id: t.u64(),
  },
);

/** How many messages each channel has had, deleted ones included: decides when a page starts. */
export const channel_tally = table(
  { name: 'channel_tally' },
  {
    channel: t.string().primaryKey(),
    messages: t.u64(),
  },
);

/** Direct messages: private; each learner sees their own conversations through `my_direct_messages`. */
export const direct_message = table(
  { name: 'direct_message' },
  {
    id: t.u64().primaryKey().autoInc(),
    sender: t.identity().index('btree'),
    recipient: t.identity().index('btree'),
    text: t.string(),
    sent_at: t.timestamp(),
    edited_at: t.option(t.timestamp()),
    deleted: t.bool(),
  },
);

/** Send times (microseconds) of a learner's recent messages, at most one hour's allowance. */
export const chat_rate = table(
  { name: 'chat_rate' },
  {
    learner: t.identity().primaryKey(),
    recent: t.array(t.i64()),
  },
);

/** A moderator's mute or ban on a learner's chat. */
export const sanction = table(
  { name: 'sanction' },
  {
    learner: t.identity().primaryKey(),
    /** Chat is refused until then; none when only banned or lifted. */
    muted_until: t.option(t.timestamp()),
    banned: t.bool(),
    reason: t.string(),
    by: t.identity(),
    at: t.timestamp(),
  },
);

/** The moderators' queue. The reported text is copied so a later edit or delete cannot hide it. */
export const report = table(
  { name: 'report' },
  {
    id: t.u64().primaryKey().autoInc(),
    reporter: t.identity().index('btree'),
    message_id: t.u64(),
    direct: t.bool(),
    author: t.identity(),
    text: t.string(),
    reason: t.string(),
    created_at: t.timestamp(),
    open: t.bool().index('btree'),
    resolved_by: t.option(t.identity()),
  },
);

/** `blocker` refuses direct messages from `blocked`. */
export const block = table(
  { name: 'block' },
  {
    /** `<blocker hex>/<blocked hex>`. */
    key: t.string().primaryKey(),
    blocker: t.identity().index('btree'),
    blocked: t.identity(),
  },
);
