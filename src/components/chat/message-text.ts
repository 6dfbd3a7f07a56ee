import { html, type TemplateResult } from 'lit';

const URL_PATTERN = /\bhttps?:\/\/[^\s<>"'`]+/gi;
/** Punctuation that ends a sentence rather than a URL. */
const TRAILING = /[.,;:!?)\]]+$/;

/**
 * A message's text as inert content: text bindings only (markup shows as typed, never runs), and http(s) URLs
 * turned into links that open in a new tab without giving it a handle on this page or passing ranking credit.
 */
export function messageText(text: string): (string | TemplateResult)[] {
  const parts: (string | TemplateResult)[] = [];
  let last = 0;
  for (const match of text.matchAll(URL_PATTERN)) {
    const raw = match[0].replace(TRAILING, '');
    const start = match.index ?? 0;
    const url = safeUrl(raw);
    if (!url) continue;
    parts.push(text.slice(last, start));
    parts.push(html`<a href=${url} target="_blank" rel="noopener noreferrer nofollow ugc">${raw}</a>`);
    last = start + raw.length;
  }
  parts.push(text.slice(last));
  return parts;
}

function safeUrl(raw: string): string | undefined {
  try {
    const url = new URL(raw);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}
