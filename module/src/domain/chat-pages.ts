import { CHAT_PAGE } from '../rules/chat.js';
import type { Ctx } from './context.js';

const PAGE = BigInt(CHAT_PAGE);

/** Count a new message of `channel`; the first message of each page of `CHAT_PAGE` gets its `chat_page` row. */
export function notePage(ctx: Ctx, channel: string, messageId: bigint): void {
  const tally = ctx.db.channel_tally.channel.find(channel);
  const before = tally?.messages ?? 0n;
  if (before % PAGE === 0n) markPage(ctx, channel, Number(before / PAGE), messageId);
  if (tally) ctx.db.channel_tally.channel.update({ channel, messages: before + 1n });
  else ctx.db.channel_tally.insert({ channel, messages: 1n });
}

function markPage(ctx: Ctx, channel: string, page: number, firstMessageId: bigint): void {
  ctx.db.chat_page.insert({ key: `${channel}/${page}`, channel, page, first_message_id: firstMessageId });
}

/**
 * A database made before `chat_page` existed has messages but no pages: page every channel once, at the first
 * connection after the update (SpacetimeDB runs no `init` on an update). Ids grow with time, so a channel's
 * messages in id order are its history.
 */
export function fillChatPagesIfMissing(ctx: Ctx): void {
  if (ctx.db.channel_tally.count() > 0n || ctx.db.channel_message.count() === 0n) return;
  const ids = new Map<string, bigint[]>();
  for (const message of ctx.db.channel_message.iter()) {
    const list = ids.get(message.channel);
    if (list) list.push(message.id);
    else ids.set(message.channel, [message.id]);
  }
  for (const [channel, list] of ids) {
    list.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    list.forEach((id, n) => {
      if (n % CHAT_PAGE === 0) markPage(ctx, channel, n / CHAT_PAGE, id);
    });
    ctx.db.channel_tally.insert({ channel, messages: BigInt(list.length) });
  }
}
