import { errorText } from '../filesystem/learner-fs.js';
import { bytesToLatin1 } from '../text.js';
import { operandBytes } from './byte-input.js';
import { fail, type LearnerCommand, type ShellServices } from './command.js';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const VALUE = new Map([...ALPHABET].map((char, i) => [char.charCodeAt(0), i]));
const PAD = 0x3d;
const NEWLINE = 0x0a;

function encode(bytes: Uint8Array, wrap: number): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const [a, b, c] = [bytes[i]!, bytes[i + 1], bytes[i + 2]];
    const n = (a << 16) | ((b ?? 0) << 8) | (c ?? 0);
    out +=
      ALPHABET[n >> 18]! +
      ALPHABET[(n >> 12) & 63]! +
      (b === undefined ? '=' : ALPHABET[(n >> 6) & 63]!) +
      (c === undefined ? '=' : ALPHABET[n & 63]!);
  }
  if (wrap <= 0 || out.length === 0) return out;
  return out.replace(new RegExp(`.{1,${wrap}}`, 'g'), '$&\n');
}

/**
 * Decodes as GNU base64 does: newlines skipped (with `ignoreGarbage`, anything outside the alphabet), `=` ending a
 * group of four and a new group may follow; at the first bad character, or a group cut short at the end, the bytes
 * decoded so far are kept and the input is invalid.
 */
function decode(text: Uint8Array, ignoreGarbage: boolean): { bytes: Uint8Array; valid: boolean } {
  const out: number[] = [];
  let group: number[] = [];
  let padding = 0;
  const flush = () => {
    const n = group.reduce((acc, value, i) => acc | (value << (18 - 6 * i)), 0);
    const whole = Math.floor((group.length * 6) / 8);
    for (let i = 0; i < whole; i++) out.push((n >> (16 - 8 * i)) & 0xff);
  };
  for (const char of text) {
    if (char === NEWLINE) continue;
    const value = VALUE.get(char);
    if (char === PAD && group.length >= 2) {
      padding++;
      if (group.length + padding === 4) {
        flush();
        group = [];
        padding = 0;
      }
      continue;
    }
    if (value === undefined || padding > 0) {
      if (ignoreGarbage && char !== PAD) continue;
      flush();
      return { bytes: Uint8Array.from(out), valid: false };
    }
    group.push(value);
    if (group.length === 4) {
      flush();
      group = [];
    }
  }
  flush();
  return { bytes: Uint8Array.from(out), valid: group.length === 0 && padding === 0 };
}

/** `base64`: encode a file or stdin (`-w COLS` wraps, 76 by default; `-w 0` never wraps nor ends the line), or `-d` decode (`-i` skips garbage). */
export function base64Command(services: ShellServices): LearnerCommand {
  return {
    name: 'base64',
    async execute(args, ctx) {
      let decoding = false;
      let ignoreGarbage = false;
      let wrap = 76;
      const files: string[] = [];
      for (let i = 0; i < args.length; i++) {
        const arg = args[i]!;
        if (arg === '--decode') decoding = true;
        else if (arg === '--ignore-garbage') ignoreGarbage = true;
        else if (/^(-w|--wrap=?)/.test(arg)) {
          const text = arg.replace(/^(-w|--wrap=?)/, '') || args[++i];
          if (text === undefined)
            return fail("base64: option requires an argument -- 'w'\nTry 'base64 --help' for more information.\n");
          if (!/^\d+$/.test(text)) return fail(`base64: invalid wrap size: '${text}'\n`);
          wrap = Number(text);
        } else if (/^-[di]+$/.test(arg)) {
          decoding ||= arg.includes('d');
          ignoreGarbage ||= arg.includes('i');
        } else if (arg.startsWith('--') && arg !== '--')
          return fail(`base64: unrecognized option '${arg}'\nTry 'base64 --help' for more information.\n`);
        else if (arg.startsWith('-') && arg !== '-') {
          const letter = [...arg.slice(1)].find((char) => !'diw'.includes(char));
          return fail(`base64: invalid option -- '${letter}'\nTry 'base64 --help' for more information.\n`);
        } else files.push(arg);
      }
      if (files.length > 1)
        return fail(`base64: extra operand '${files[1]}'\nTry 'base64 --help' for more information.\n`);
      let input: Uint8Array;
      try {
        input = await operandBytes(services, ctx, files[0]);
      } catch (error) {
        return fail(`base64: ${files[0]}: ${errorText(error)}\n`);
      }
      if (!decoding) return { stdout: encode(input, wrap), stderr: '', exitCode: 0 };
      const { bytes, valid } = decode(input, ignoreGarbage);
      return {
        stdout: bytesToLatin1(bytes),
        stderr: valid ? '' : 'base64: invalid input\n',
        exitCode: valid ? 0 : 1,
        stdoutKind: 'bytes',
      };
    },
  };
}
