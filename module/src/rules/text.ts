/**
 * Characters that must never appear in names or messages: C0/C1 controls (except newline and tab in messages) and
 * the bidirectional overrides used to make text display as something other than what it is.
 */
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;
const CONTROL_OR_NEWLINE = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

/** True when `text` holds a control or bidi-override character (newlines and tabs allowed if `multiline`). */
export function hasForbiddenCharacters(text: string, multiline: boolean): boolean {
  return (multiline ? CONTROL : CONTROL_OR_NEWLINE).test(text);
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
