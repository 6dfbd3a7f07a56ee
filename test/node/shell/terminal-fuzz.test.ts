/**
 * The terminal against whatever a learner's keyboard or clipboard can send: random runs of keys (words of shell
 * syntax, control keys, escape sequences, stray bytes, bracketed pastes left open, full-screen programs entered
 * and left) into a real TerminalSession over the real shell. Nothing may throw into the page, and afterwards the
 * terminal must still answer a command. `LTA_TERMINAL_FUZZ_SEED` and `LTA_TERMINAL_FUZZ_ROUNDS` replay or lengthen
 * a run.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Terminal } from '@xterm/xterm';
import { createShell } from '@lta/shell';
import { TerminalSession } from '../../../src/components/terminal/terminal-session.js';
import { SeededRandom } from '../../../host/test/seeded-random.js';
import { Screen, settle } from './terminal-driver.js';

const SEED = Number(process.env['LTA_TERMINAL_FUZZ_SEED'] ?? 1);
const ROUNDS = Number(process.env['LTA_TERMINAL_FUZZ_ROUNDS'] ?? 12);
/** A command still running after this long is interrupted with Ctrl-C, as a learner would (a loop the keys made). */
const PATIENCE_MS = 3000;

const WORDS = [
  'echo',
  'ls',
  '-la',
  'cd',
  '..',
  '~',
  '/',
  'pwd',
  'cat',
  'notes.txt',
  'printf',
  '%s\\n',
  'mkdir',
  '-p',
  'a/b',
  'touch',
  'rm',
  '-rf',
  'cp',
  'mv',
  'grep',
  '-n',
  'wc',
  '-l',
  'sort',
  'uniq',
  'head',
  'tail',
  'sed',
  's/a/b/',
  'awk',
  '{print $1}',
  'export',
  'X=1',
  '$X',
  '${X:-y}',
  '$(pwd)',
  '`ls`',
  '$((1+2))',
  'alias',
  'll=ls',
  'history',
  '!!',
  '!$',
  '!ec',
  'type',
  'which',
  'test',
  '[',
  ']',
  '[[',
  ']]',
  'if',
  'then',
  'else',
  'fi',
  'for',
  'in',
  'do',
  'done',
  'while',
  'case',
  'esac',
  'function',
  'f()',
  '{',
  '}',
  '(',
  ')',
  '|',
  '||',
  '&&',
  ';',
  ';;',
  '&',
  '>',
  '>>',
  '<',
  '2>&1',
  '<<EOF',
  'EOF',
  "<<'END'",
  'END',
  '<<<',
  '*',
  '?',
  '[a-z]',
  '"',
  "'",
  '\\',
  '#',
  'read',
  'x',
  'sudo',
  'chmod',
  '755',
  'chown',
  'tar',
  '-czf',
  'a.tgz',
  'git',
  'init',
  'status',
  'nano',
  'vi',
  'less',
  'man',
  'top',
  'jobs',
  'fg',
  'bg',
  'kill',
  '%1',
  'exit',
  'logout',
  'su',
  'clear',
  'reset',
  'éè',
  '😀',
  '\u202e',
  'a'.repeat(300),
];
const KEYS = [
  '\r',
  '\r',
  '\r',
  '\n',
  '\t',
  '\t\t',
  '\x7f',
  '\x03',
  '\x04',
  '\x15',
  '\x17',
  '\x0b',
  '\x01',
  '\x05',
  '\x0c',
  '\x12',
  '\x1a',
  '\x1b',
  '\x1b[A',
  '\x1b[B',
  '\x1b[C',
  '\x1b[D',
  '\x1b[H',
  '\x1b[F',
  '\x1b[3~',
  '\x1bb',
  '\x1bf',
  '\x1b[1;5C',
  '\x1b[200~',
  '\x1b[201~',
  '\x1b[',
  '\x1bO',
  '\x00',
  '\x1f',
  '\x9b',
  ':q!\r',
  ':wq\r',
  'q',
  '\x18',
  'y',
  'n',
  'i',
  'dd',
  'u',
  '\x0f',
];
/** Keys that leave a full-screen program (vim, nano, less, man, top) or a question. */
const LEAVE = ['\x1b\x1b:q!\r', '\x18', 'n', 'q', '\x03', '\r'];

/** Programs that take the keys from the prompt: full-screen ones, ones that ask a question, ones reading the keyboard. */
const PROGRAMS = [
  'nano notes.txt',
  'vi notes.txt',
  'less notes.txt',
  'man ls',
  'top',
  'sudo ls',
  'read x',
  'su',
  'cat > typed.txt',
  'sort',
];

/**
 * A run of keys: words with spaces, control keys, now and then a bracketed paste of several lines or a program
 * started on a cleared line.
 */
function keys(random: SeededRandom): string {
  if (random.chance(0.08)) return `\x15${random.pick(PROGRAMS)}\r`;
  if (random.chance(0.1)) {
    const lines = Array.from({ length: random.int(1, 4) }, () => words(random));
    return `\x1b[200~${lines.join(random.pick(['\n', '\r\n', '\r']))}${random.chance(0.8) ? '\x1b[201~' : ''}`;
  }
  return random.chance(0.6) ? words(random) : random.pick(KEYS);
}

function words(random: SeededRandom): string {
  return Array.from({ length: random.int(1, 5) }, () => random.pick(WORDS)).join(random.pick([' ', ' ', '']));
}

/** Waits for the session like a learner: at most PATIENCE_MS per try, then Ctrl-C. */
async function patiently(session: TerminalSession): Promise<void> {
  for (let tries = 0; tries < 5; tries++) {
    let timer: NodeJS.Timeout | undefined;
    const patience = new Promise<'late'>((resolve) => (timer = setTimeout(() => resolve('late'), PATIENCE_MS)));
    const outcome = await Promise.race([settle(session).then(() => 'settled' as const), patience]);
    clearTimeout(timer);
    if (outcome === 'settled') return;
    session.input('\x03');
  }
  throw new Error(`the terminal did not settle after ${5 * PATIENCE_MS} ms and five Ctrl-C`);
}

test(`random keys never throw, and the terminal still runs a command after them (seed ${SEED})`, async () => {
  const thrown: unknown[] = [];
  const onError = (err: unknown) => thrown.push(err);
  process.on('uncaughtException', onError);
  process.on('unhandledRejection', onError);
  try {
    const random = new SeededRandom(SEED);
    const reached = { commands: 0, 'full-screen programs': 0, questions: 0 };
    for (let round = 0; round < ROUNDS; round++) {
      const shell = await createShell({
        files: { '/home/learner/notes.txt': { type: 'file', mode: 0o644, content: 'milk\neggs\n' } },
      });
      const screen = new Screen();
      const session = new TerminalSession(screen as unknown as Terminal, shell, () => reached.commands++);
      session.start();
      const typed: string[] = [];
      for (let n = random.int(10, 60); n > 0; n--) {
        const chunk = keys(random);
        typed.push(chunk);
        assert.doesNotThrow(() => session.input(chunk), `round ${round} after ${JSON.stringify(typed)}`);
        await patiently(session);
        if (session.editing) reached['full-screen programs']++;
        if (session.asking) reached.questions++;
      }
      // Leave whatever program has the keys, close an open paste, clear the line: then a command must run.
      for (let n = 0; n < 12 && (session.editing || session.asking || session.busy); n++) {
        session.input(LEAVE[n % LEAVE.length]!);
        await patiently(session);
      }
      session.input('\x1b[201~\x03');
      await patiently(session);
      const mark = screen.text.length;
      session.input(`echo alive-$((${round}+1000))\r`);
      await patiently(session);
      assert.match(
        screen.text.slice(mark),
        new RegExp(`\\nalive-${round + 1000}\\n`),
        `round ${round}: the terminal answers after ${JSON.stringify(typed).slice(0, 2000)}; screen ends ${JSON.stringify(screen.text.slice(-600))}`,
      );
      session.dispose();
    }
    assert.deepEqual(thrown, [], 'nothing was thrown outside the terminal');
    // The keys reached commands, full-screen programs and questions, not only the line editor.
    for (const [what, count] of Object.entries(reached))
      assert.ok(count > 0, `no ${what} in ${JSON.stringify(reached)}`);
  } finally {
    process.off('uncaughtException', onError);
    process.off('unhandledRejection', onError);
  }
});
