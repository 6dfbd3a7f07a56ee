/**
 * Commands that read the keyboard at the prompt (`cat > notes.txt`, `sort`, `read name`), entered key by key at a
 * real TerminalSession as a learner types them, and checked against what GNU bash on a tty does.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Terminal } from '@xterm/xterm';
import { createShell, type Shell } from '@lta/shell';
import { TerminalSession, type CommandRun } from '../../../src/components/terminal/terminal-session.js';
import { Screen, settle } from './terminal-driver.js';

const CTRL_C = '\x03';
const CTRL_D = '\x04';
const PASTE_START = '\x1b[200~';
const PASTE_END = '\x1b[201~';

/** A terminal over a fresh shell; `keys` sends what a learner types and waits until the shell settles. */
async function terminal(files: Record<string, string> = {}): Promise<{
  shell: Shell;
  screen: Screen;
  runs: CommandRun[];
  keys: (...typed: string[]) => Promise<void>;
}> {
  const entries = Object.entries(files).map(([path, content]) => [
    `/home/learner/${path}`,
    { type: 'file' as const, mode: 0o755, content },
  ]);
  const shell = await createShell({ files: Object.fromEntries(entries) });
  const screen = new Screen();
  const runs: CommandRun[] = [];
  const session = new TerminalSession(screen as unknown as Terminal, shell, (run) => runs.push(run));
  session.start();
  const keys = async (...typed: string[]) => {
    for (const data of typed) {
      session.input(data);
      await settle(session);
    }
  };
  return { shell, screen, runs, keys };
}

const fileText = async (shell: Shell, path: string) => (await shell.run(`cat ${path}`)).stdout;

test('cat > notes.txt takes the lines typed next until Ctrl-D, and none of them runs as a command', async () => {
  const { shell, runs, keys } = await terminal();
  await keys('cat > notes.txt\r', 'first line\r', '  rm -rf ~\r', CTRL_D, 'echo after\r');
  assert.equal(await fileText(shell, 'notes.txt'), 'first line\n  rm -rf ~\n');
  assert.deepEqual(
    runs.map((run) => run.line),
    ['cat > notes.txt', 'echo after'],
  );
  assert.equal(runs[1]?.result.output, 'after\n');
});

test('the lines keep what the learner edited with Backspace, and Ctrl-D mid-line hands over the text so far', async () => {
  const { shell, keys } = await terminal();
  await keys('cat > a.txt\r', 'helo\x7f\x7fllo\r', 'tail', CTRL_D, CTRL_D);
  assert.equal(await fileText(shell, 'a.txt'), 'hello\ntail');
});

test('Ctrl-C ends the input and keeps the lines already entered, as a real cat has written them', async () => {
  const { shell, screen, keys } = await terminal();
  await keys('cat > kept.txt\r', 'one\r', 'half a line', CTRL_C, 'echo next\r');
  assert.equal(await fileText(shell, 'kept.txt'), 'one\n');
  assert.match(screen.text, /half a line\^C\r\n/);
  assert.match(screen.text, /next/);
});

test('a filter with no file reads the keyboard; with a file, a pipe or a redirection it does not wait', async () => {
  const { screen, runs, keys } = await terminal();
  await keys('sort\r', 'pear\r', 'apple\r', CTRL_D);
  assert.equal(runs[0]?.result.output, 'apple\npear\n');
  await keys('grep -c x\r', 'x1\r', 'y\r', 'x2\r', CTRL_D);
  assert.equal(runs[1]?.result.output, '2\n');
  await keys('printf "b\\na\\n" > f\r', 'sort f\r', 'ls | wc -l\r', 'wc -l < f\r', 'grep -r a\r');
  assert.deepEqual(
    runs.slice(3).map((run) => run.result.output),
    ['a\nb\n', '1\n', '2\n', 'f:a\n'],
  );
  // What was typed is on the screen, as a tty echoes it.
  assert.match(screen.text, /pear\r\napple\r\n/);
});

test('read at the prompt takes one line; -p shows its prompt first and -s does not echo', async () => {
  const { shell, screen, keys } = await terminal();
  await keys('read -p "Your name: " name\r', 'Ada Lovelace\r', 'read -s -p "Password: " pw\r', 'hunter2\r');
  const state = await shell.run('echo "$name/${#pw}"');
  assert.equal(state.stdout, 'Ada Lovelace/7\n');
  assert.match(screen.text, /Your name: Ada Lovelace\r\n/);
  assert.match(screen.text, /Password: /);
  assert.doesNotMatch(screen.text, /hunter2/);
});

test('a while-read loop at the prompt reads line after line until Ctrl-D', async () => {
  const { runs, keys } = await terminal();
  await keys('while read -r word; do echo "<$word>"; done\r', 'a b\r', 'c\r', CTRL_D);
  assert.equal(runs[0]?.result.output, '<a b>\n<c>\n');
});

test('a pasted block after cat > file fills the file line by line, the Ctrl-D then ends it', async () => {
  const { shell, keys } = await terminal();
  await keys('cat > pasted.txt\r', `${PASTE_START}line 1\nline 2\nline 3\n${PASTE_END}`, CTRL_D);
  assert.equal(await fileText(shell, 'pasted.txt'), 'line 1\nline 2\nline 3\n');
});

test('a job started with & does not take the keyboard', async () => {
  const { shell, runs, keys } = await terminal();
  await keys('cat > bg.txt &\r', 'echo typed\r');
  assert.equal(runs[1]?.result.output, 'typed\n');
  assert.equal(await fileText(shell, 'bg.txt'), '');
});

test('a script run at the prompt asks with read -p, and reads a file or a pipe instead when given one', async () => {
  const ask = '#!/bin/bash\nread -p "Name: " name\necho "Hello, $name"\n';
  const { runs, screen, keys } = await terminal({
    'ask.sh': ask,
    'outer.sh': '#!/bin/bash\n./ask.sh\n',
    names: 'Bob\n',
  });
  await keys('./ask.sh\r', 'Ada\r');
  assert.equal(runs[0]?.result.output, 'Name: Hello, Ada\n');
  assert.match(screen.text, /Name: Ada\r\nHello, Ada/);
  // A script it runs has the terminal too; with stdin a file or a pipe, bash shows no prompt and nothing waits.
  await keys('bash outer.sh\r', 'Cy\r', './ask.sh < names\r', 'echo Dee | ./ask.sh\r');
  assert.deepEqual(
    runs.slice(1).map((run) => run.result.output),
    ['Name: Hello, Cy\n', 'Hello, Bob\n', 'Hello, Dee\n'],
  );
});
