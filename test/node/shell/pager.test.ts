import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { keysFromNotation, type FullScreenProgram, type RunResult, type Shell } from '@lta/shell';
import { shellWith } from './learner-files.js';

/** A file of 100 numbered lines: longer than any screen here. */
const NUMBERS = Array.from({ length: 100 }, (_, i) => `line number ${i + 1}`).join('\n') + '\n';

/** A screen as text lines; reverse video marked `[like this]`. */
function lines(program: FullScreenProgram, rows: number, cols: number): string[] {
  return program
    .screen({ rows, cols })
    .lines.map((line) => line.map((span) => (span.inverse ? `[${span.text}]` : span.text)).join(''));
}

interface Session {
  result: RunResult;
  /** The screen when the program opened, then after each group of keys ('(quit)' once it has quit). */
  screens: string[][];
  /** How many full-screen programs the line opened. */
  opened: number;
}

/**
 * Runs `line` at a terminal of `rows` x `cols` and presses each group of `keys` (vim's notation) in turn, as a
 * learner types them; when a program quits, the next one the line opens (`man a b`) takes the keys that are left.
 */
async function onScreen(shell: Shell, line: string, keys: string[], rows = 12, cols = 80): Promise<Session> {
  const screens: string[][] = [];
  let opened = 0;
  const pending = [...keys];
  const result = await shell.run(line, {
    fullScreen: async (program) => {
      opened++;
      screens.push(lines(program, rows, cols));
      while (!program.done && pending.length > 0) {
        await program.input(keysFromNotation(pending.shift()!));
        screens.push(program.done ? ['(quit)'] : lines(program, rows, cols));
      }
    },
  });
  return { result, screens, opened };
}

const last = (screen: string[] | undefined) => screen?.at(-1);

describe('less on the terminal', () => {
  it('shows a window of the file with its name, pages with Space and b, reaches (END) with G and quits with q', async () => {
    const shell = await shellWith({ 'numbers.txt': NUMBERS });
    const { result, screens } = await onScreen(shell, 'less numbers.txt', [' ', 'b', 'G', 'g', '5j', 'k', 'q']);
    const [opening, paged, back, end, start, down, up] = screens;
    assert.deepEqual(opening!.slice(0, 2), ['line number 1', 'line number 2']);
    assert.equal(opening!.length, 12);
    assert.equal(last(opening), '[numbers.txt]');
    assert.equal(paged![0], 'line number 12');
    assert.equal(last(paged), ':');
    assert.equal(back![0], 'line number 1');
    assert.equal(end![10], 'line number 100');
    assert.equal(last(end), '[(END)]');
    assert.equal(start![0], 'line number 1');
    assert.equal(down![0], 'line number 6');
    assert.equal(up![0], 'line number 5');
    assert.deepEqual(screens.at(-1), ['(quit)']);
    // What less showed went to the screen, not to the line's output.
    assert.deepEqual([result.output, result.exitCode], ['', 0]);
  });

  it('finds /pattern from the line at the top, highlights every match, and n, N go on; a miss says so', async () => {
    const shell = await shellWith({ 'numbers.txt': NUMBERS });
    const { screens } = await onScreen(shell, 'less numbers.txt', [
      '/number 5',
      '<Enter>',
      'n',
      'N',
      'N',
      '<Enter>',
      '/nothing like this<Enter>',
      'q',
    ]);
    const [, typing, found, next, previous, missed, cleared, notFound] = screens;
    assert.equal(last(typing), '/number 5');
    assert.equal(found![0], 'line [number 5]');
    assert.equal(next![0], 'line [number 5]0');
    assert.equal(next![1], 'line [number 5]1');
    assert.equal(previous![0], 'line [number 5]');
    assert.equal(last(missed), '[Pattern not found  (press RETURN)]');
    assert.equal(last(cleared), ':');
    assert.equal(last(notFound), '[Pattern not found  (press RETURN)]');
  });

  it('shows a short file with ~ after its end and "name (END)"; long lines wrap; h shows the help until q', async () => {
    const shell = await shellWith({ 'short.txt': `alpha\n${'x'.repeat(70)}\n` });
    const { screens } = await onScreen(shell, 'less short.txt', ['h', 'q', 'q'], 8, 60);
    assert.deepEqual(screens[0], ['alpha', 'x'.repeat(60), 'x'.repeat(10), '~', '~', '~', '~', '[short.txt (END)]']);
    assert.match(screens[1]!.join('\n'), /SUMMARY OF LESS COMMANDS/);
    assert.match(last(screens[1])!, /^\[HELP -- Press RETURN for more, or q when done\]$/);
    assert.equal(screens[2]![0], 'alpha');
    assert.deepEqual(screens.at(-1), ['(quit)']);
  });

  it('pages several files: "a (file 1 of 2)", "(END) - Next: b", then :n', async () => {
    const shell = await shellWith({ a: 'from a\n', b: 'from b\n' });
    const { screens } = await onScreen(shell, 'less a b', [' ', ':n', 'q'], 6);
    assert.equal(last(screens[0]), '[a (file 1 of 2) (END) - Next: b]');
    assert.equal(last(screens[1]), '[(END) - Next: b]');
    assert.equal(screens[2]![0], 'from b');
    assert.equal(last(screens[2]), '[b (file 2 of 2) (END)]');
  });

  it('pages what a pipe gives it, after &&, in a script and under sudo: wherever its output is the terminal', async () => {
    const shell = await shellWith({ 'numbers.txt': NUMBERS, 'show.sh': 'less numbers.txt\necho shown\n' });
    const piped = await onScreen(shell, 'grep "number [1-3]" numbers.txt | less', ['q']);
    assert.deepEqual(piped.screens[0]!.slice(0, 2), ['line number 1', 'line number 2']);
    assert.equal(last(piped.screens[0]), ':');
    const listed = await onScreen(shell, 'true && less numbers.txt; echo after', ['q']);
    assert.deepEqual([listed.opened, listed.result.output], [1, 'after\n']);
    const script = await onScreen(shell, 'chmod +x show.sh; ./show.sh', ['q']);
    assert.deepEqual([script.opened, script.result.output], [1, 'shown\n']);
    const asRoot = await shell.run('sudo less /etc/shadow', {
      ask: async () => 'learner',
      fullScreen: async (program) => {
        assert.match(lines(program, 12, 80)[0]!, /^root:/);
        await program.input('q');
      },
    });
    assert.deepEqual([asRoot.output, asRoot.exitCode], ['', 0]);
  });

  it('prints like cat, with no screen, into a pipe or a file, as less does when its output is not a terminal', async () => {
    const shell = await shellWith({ 'f.txt': 'text\n' });
    const piped = await onScreen(shell, 'less f.txt | tr a-z A-Z; less f.txt > copy.txt; cat copy.txt', ['q']);
    assert.deepEqual([piped.opened, piped.result.output], [0, 'TEXT\ntext\n']);
    const missing = await onScreen(shell, 'less nosuch', ['q']);
    assert.deepEqual(
      [missing.opened, missing.result.output, missing.result.exitCode],
      [0, 'nosuch: No such file or directory\n', 1],
    );
    assert.equal((await onScreen(shell, 'less .', [])).result.output, '. is a directory\n');
  });
});

describe('man and more on the terminal', () => {
  it('man shows the page in the pager with man’s prompt; into a pipe it prints', async () => {
    const shell = await shellWith();
    const { screens, result } = await onScreen(shell, 'man wc', ['/-w<Enter>', 'G', 'q'], 10);
    assert.match(screens[0]![0]!, /^WC\(1\) +User Commands +WC\(1\)$/);
    assert.equal(last(screens[0]), '[ Manual page wc(1) line 1 (press h for help or q to quit)]');
    assert.match(screens[1]![0]!, /\[-w\]/);
    assert.match(
      last(screens[2])!,
      /^\[ Manual page wc\(1\) line \d+\/\d+ \(END\) \(press h for help or q to quit\)\]$/,
    );
    assert.deepEqual([result.output, result.exitCode], ['', 0]);
    const piped = await onScreen(shell, 'man wc | head -1', []);
    assert.equal(piped.opened, 0);
    assert.match(piped.result.output, /^WC\(1\)/);
  });

  it('more prints a text that fits at once; a longer one pages with --More--(N%) and stays on the screen', async () => {
    const shell = await shellWith({ 'numbers.txt': NUMBERS, 'short.txt': 'one\ntwo\n' });
    const short = await onScreen(shell, 'more short.txt', []);
    assert.deepEqual([short.opened, short.result.output], [1, 'one\ntwo\n']);
    const long = await onScreen(shell, 'more numbers.txt', [' ', 'q']);
    assert.equal(last(long.screens[0]), '[--More--(10%)]');
    assert.equal(long.screens[1]![0], 'line number 12');
    // The pages shown so far stay on the terminal, as more writes them in place.
    assert.equal(long.result.output, NUMBERS.split('\n').slice(0, 22).join('\n') + '\n');
  });
});
