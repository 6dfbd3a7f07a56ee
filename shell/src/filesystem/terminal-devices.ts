import type { FileContent } from 'just-bash';
import { LearnerFs } from './learner-fs.js';
import { bytesToLatin1, encodeUtf8 } from '../text.js';
import type { Question } from '../types.js';
import {
  INTERNAL_PREFIX,
  TERMINAL_HIDDEN_LINE,
  TERMINAL_LINE,
  TERMINAL_STDERR,
  TERMINAL_STDIN,
  TERMINAL_STDOUT,
} from '../internal-names.js';

/*
 * Two devices, `TERMINAL_STDOUT` and `TERMINAL_STDERR`, stand for the terminal's stdout and stderr (see
 * `transforms/terminal-output.ts`): just-bash writes each command's output to them as soon as the command ends, so
 * their log holds both in the order the commands ran. Three more stand for its keyboard as a command's stdin (see
 * `transforms/terminal-input.ts`): just-bash reads a `<` redirection whole before the command starts, so reading
 * them waits for the learner to type.
 */

/** Most characters one read of the keyboard takes (a pasted document, not an endless stream). */
const MAX_TYPED = 1024 * 1024;
const KEYBOARD = new Set([TERMINAL_STDIN, TERMINAL_LINE, TERMINAL_HIDDEN_LINE]);

/** What one line wrote to the terminal, in order. */
export class TerminalLog {
  private readonly chunks: { error: boolean; text: string }[] = [];
  private size = 0;
  /** Whether a chunk holds a character above ASCII: without one, nothing needs reading as UTF-8. */
  private high = false;

  /** `shown`: receives each piece as the terminal shows it, as soon as it is written (output streams while a line runs). */
  constructor(
    private readonly maxBytes: number,
    private readonly shown?: (text: string) => void,
  ) {}

  /**
   * Throws past the output limit: a failed write ends the line, as just-bash's own output limit does. `ascii`:
   * the caller has found no character above ASCII in `written` (removing trace lines keeps it so).
   */
  write(error: boolean, written: string, ascii?: boolean): void {
    const text = error ? withoutOwnTraces(written) : written;
    if (text === '') return;
    this.size += text.length;
    if (this.size > this.maxBytes) throw new Error(`output size limit exceeded (${this.maxBytes} bytes)`);
    this.chunks.push({ error, text });
    const high = !ascii && NOT_ASCII.test(text);
    if (high) this.high = true;
    // As `result` joins it: text reads as UTF-8 only once a piece holds a character above ASCII.
    this.shown?.(high ? asText(text) : text);
  }

  /**
   * stdout and stderr as just-bash would have returned them (it reads a string of byte-sized characters as UTF-8
   * when it can), and both interleaved as the terminal shows them.
   */
  result(): { stdout: string; stderr: string; output: string } {
    let stdout = '';
    let stderr = '';
    let output = '';
    for (const { error, text } of this.chunks) {
      if (error) stderr += text;
      else stdout += text;
      output += this.high ? asText(text) : text;
    }
    return this.high ? { stdout: asText(stdout), stderr: asText(stderr), output } : { stdout, stderr, output };
  }
}

/**
 * `set -x` lines of the commands the session adds around the learner's (`+ lta-can-write out.txt`), and the `set -v`
 * echo of those it calls by path.
 */
const OWN_TRACE = /^(?:\++ (?:\/usr\/bin\/)?|\/usr\/bin\/)lta-[\w-]+(?: .*)?\n/gm;

/** Our marker variables in front of a traced command (`+ LTA_TERMINAL=1 bash ./s.sh`). */
const OWN_MARKERS = /^(\++ )(?:LTA_[A-Z_]+=\S* )+|^\++ LTA_[A-Z_]+=\S*\n/gm;

/** stderr without the trace lines of our own commands and markers, which bash would not have run. */
export function withoutOwnTraces(stderr: string): string {
  const text = stderr.includes(INTERNAL_PREFIX) ? stderr.replace(OWN_TRACE, '') : stderr;
  return text.includes('LTA_') ? text.replace(OWN_MARKERS, '$1') : text;
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });
const NOT_ASCII = /[\x80-\uffff]/;
/** A character no byte stands for: the text is already text. */
const NOT_BYTES = /[\u0100-\uffff]/;

/** just-bash's last step on a result: a string of byte-sized characters above ASCII is read as UTF-8 if valid. */
function asText(text: string): string {
  // Most output is ASCII, which reads the same either way: native scans instead of a loop over characters.
  if (!NOT_ASCII.test(text) || NOT_BYTES.test(text)) return text;
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
  try {
    return strictUtf8.decode(bytes);
  } catch {
    return text;
  }
}

type WriteOptions = Parameters<LearnerFs['appendFile']>[2];

/** The learner's filesystem with the two terminal devices: writes to them go to the running line's log. */
export class TerminalFs extends LearnerFs {
  terminal: TerminalLog | undefined;
  /** Asks the person at the terminal while a line runs (`RunOptions.ask`); without it the keyboard reads as empty. */
  ask: ((question: Question) => Promise<string | null>) | undefined;

  override async readFile(path: string, options?: Parameters<LearnerFs['readFile']>[1]): Promise<string> {
    return KEYBOARD.has(path) ? this.typed(path) : super.readFile(path, options);
  }

  override async readFileBuffer(path: string): Promise<Uint8Array> {
    return KEYBOARD.has(path) ? encodeUtf8(await this.typed(path)) : super.readFileBuffer(path);
  }

  override async readFileBytes(path: string): Promise<never> {
    // just-bash reads a `<` redirection as bytes in a latin1 string.
    return KEYBOARD.has(path)
      ? (bytesToLatin1(encodeUtf8(await this.typed(path))) as never)
      : super.readFileBytes(path);
  }

  /**
   * What the learner types: lines until Ctrl-D for stdin, one line for `read`. Ctrl-C ends the input too, keeping
   * the lines already entered: a real `cat > notes.txt` has written them by then.
   */
  private async typed(path: string): Promise<string> {
    const question: Question = { prompt: '', hidden: path === TERMINAL_HIDDEN_LINE, input: true };
    if (path !== TERMINAL_STDIN) return (await this.ask?.(question)) ?? '';
    let text = '';
    while (text.length < MAX_TYPED) {
      const line = await this.ask?.(question);
      if (!line) break;
      text += line;
    }
    return text;
  }

  override async appendFile(path: string, content: FileContent, options?: WriteOptions): Promise<void> {
    if (path === TERMINAL_STDOUT || path === TERMINAL_STDERR) return this.toTerminal(path, content, options);
    return super.appendFile(path, content, options);
  }

  override async writeFile(path: string, content: FileContent, options?: WriteOptions): Promise<void> {
    if (path === TERMINAL_STDOUT || path === TERMINAL_STDERR) return this.toTerminal(path, content, options);
    return super.writeFile(path, content, options);
  }

  override async exists(path: string): Promise<boolean> {
    if (path === TERMINAL_STDOUT || path === TERMINAL_STDERR) return false;
    return super.exists(path);
  }

  /**
   * The text as just-bash would have kept it in its result: it hands a redirection the command's bytes as a latin1
   * string (`binary`) where the result holds them as text.
   */
  private toTerminal(path: string, content: FileContent, options: WriteOptions): void {
    const encoding = typeof options === 'string' ? options : options?.encoding;
    const bytes = typeof content === 'string' ? content : bytesToLatin1(content);
    // ASCII reads the same as bytes and as text: one scan settles both.
    if (!NOT_ASCII.test(bytes)) return this.terminal?.write(path === TERMINAL_STDERR, bytes, true);
    this.terminal?.write(
      path === TERMINAL_STDERR,
      encoding === 'binary' || encoding === 'latin1' || typeof content !== 'string' ? asText(bytes) : bytes,
    );
  }
}
