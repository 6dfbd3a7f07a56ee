import { ok, refuse, type Outcome } from './outcome.js';
import { characterCount, hasForbiddenCharacters } from './text.js';

/** Longest message, in characters after trimming. */
export const MESSAGE_MAX = 2000;
/** Messages per page of a channel's history (`chat_page`). */
export const CHAT_PAGE = 50;
/** Longest report reason. */
export const REASON_MAX = 500;
/** Longest mute: one week. */
export const MUTE_MAX_MINUTES = 7 * 24 * 60;

/** A chat message: trimmed, 1-2,000 characters, newlines allowed, no control or bidi-override characters. */
export function checkMessageText(requested: string): Outcome<string> {
  const text = requested.trim();
  if (text.length === 0) return refuse('Type a message before sending');
  const length = characterCount(text);
  if (length > MESSAGE_MAX) {
    return refuse(`Shorten your message to ${MESSAGE_MAX} characters (it has ${length})`);
  }
  if (hasForbiddenCharacters(text, true)) return refuse('Remove control characters from your message');
  return ok(text);
}

/** A report reason: trimmed, 1-500 characters. */
export function checkReason(requested: string): Outcome<string> {
  const reason = requested.trim();
  if (reason.length === 0) return refuse('Say why you are reporting this message');
  if (characterCount(reason) > REASON_MAX) return refuse(`Shorten the reason to ${REASON_MAX} characters`);
  if (hasForbiddenCharacters(reason, true)) return refuse('Remove control characters from the reason');
  return ok(reason);
}

/** A public channel: `global` or `lab:<lab id>`; returns the lab id for lab channels so it can be looked up. */
export function parseChannel(channel: string): Outcome<{ channel: string; labId: string | null }> {
  if (channel === 'global') return ok({ channel, labId: null });
  const match = /^lab:([a-z0-9][a-z0-9-]{0,63})$/.exec(channel);
  if (match) return ok({ channel, labId: match[1]! });
  return refuse('Send to the "global" channel or to "lab:<lab id>"');
}
