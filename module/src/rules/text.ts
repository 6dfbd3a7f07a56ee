/**
 * True for characters that must never appear in names or messages: C0/C1 controls (line breaks and tab excepted when
 * `multiline`) and the bidirectional overrides used to make text display as something other than what it is.
 */
function isForbidden(code: number, multiline: boolean): boolean {
  if (multiline && (code === 0x0a || code === 0x0d || code === 0x09)) return false;
  return (
    code < 0x20 ||
    (code >= 0x7f && code <= 0x9f) ||
    (code >= 0x202a && code <= 0x202e) ||
    (code >= 0x2066 && code <= 0x2069)
  );
}

/** True when `text` holds a control or bidi-override character (newlines and tabs allowed if `multiline`). */
export function hasForbiddenCharacters(text: string, multiline: boolean): boolean {
  for (let i = 0; i < text.length; i++) if (isForbidden(text.charCodeAt(i), multiline)) return true;
  return false;
}

/** Length in user-perceived code points rather than UTF-16 units, so an emoji counts once. */
export function characterCount(text: string): number {
  let count = 0;
  for (const _ of text) count++;
  return count;
}

/** Size of `text` encoded as UTF-8, without relying on `TextEncoder` (not every module runtime has it). */
export function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit < 0x80) bytes += 1;
    else if (unit < 0x800) bytes += 2;
    else if (unit >= 0xd800 && unit <= 0xdbff && i + 1 < text.length) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}
