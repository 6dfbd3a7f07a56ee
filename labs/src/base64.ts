import { strFromU8 } from 'fflate';

/**
 * Base64 (RFC 4648, with padding) for saved lab states. Our own because the module's runtime is not promised
 * `atob`/`btoa`, and these work on bytes rather than on latin1 strings.
 */

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const CODES = Uint8Array.from(ALPHABET, (char) => char.charCodeAt(0));
const PAD = 61; // '='
const VALUES = new Int16Array(128).fill(-1);
for (let i = 0; i < ALPHABET.length; i++) VALUES[ALPHABET.charCodeAt(i)] = i;

export function bytesToBase64(bytes: Uint8Array): string {
  // Written as ASCII codes into one array, then turned into a string in one go: per-character string building
  // costs ten times more.
  const codes = new Uint8Array(Math.ceil(bytes.length / 3) * 4);
  let out = 0;
  for (let i = 0; i < bytes.length; i += 3) {
    const a = bytes[i]!;
    const b = i + 1 < bytes.length ? bytes[i + 1]! : 0;
    const c = i + 2 < bytes.length ? bytes[i + 2]! : 0;
    codes[out++] = CODES[a >> 2]!;
    codes[out++] = CODES[((a & 3) << 4) | (b >> 4)]!;
    codes[out++] = i + 1 < bytes.length ? CODES[((b & 15) << 2) | (c >> 6)]! : PAD;
    codes[out++] = i + 2 < bytes.length ? CODES[c & 63]! : PAD;
  }
  return strFromU8(codes, true);
}

/** The bytes of a base64 text, or undefined when it is not valid base64. */
export function base64ToBytes(text: string): Uint8Array | undefined {
  if (text.length % 4 !== 0) return undefined;
  const padding = text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0;
  const bytes = new Uint8Array((text.length / 4) * 3 - padding);
  let out = 0;
  for (let i = 0; i < text.length; i += 4) {
    let group = 0;
    for (let j = 0; j < 4; j++) {
      const code = text.charCodeAt(i + j);
      const isPadding = code === PAD && i + 4 === text.length && j >= 4 - padding;
      const value = isPadding ? 0 : code < 128 ? VALUES[code]! : -1;
      if (value < 0) return undefined;
      group = (group << 6) | value;
    }
    if (out < bytes.length) bytes[out++] = group >> 16;
    if (out < bytes.length) bytes[out++] = (group >> 8) & 255;
    if (out < bytes.length) bytes[out++] = group & 255;
  }
  return bytes;
}
