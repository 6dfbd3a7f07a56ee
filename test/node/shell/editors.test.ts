import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { keysFromNotation, type FullScreenProgram, type RunResult, type Shell } from '@lta/shell';
import { shellWith } from './learner-files.js';
import { evaluateCheck, type Check } from '@lta/labs';

/** A screen as text: its lines joined, reverse video dropped. */
function text(program: FullScreenProgram, rows = 12, cols = 80): string {
  return program
    .screen({ rows, cols })
    .lines.map((line) => line.map((span) => span.text).join(''))
    .join('\n');
}

/**
 * Runs `line` at a terminal of 12 rows and presses each group of `keys` (vim's notation) in turn, as a learner
 * types them; returns what the line printed and the screen after the opening and after each group.
 */
async function edit(shell: Shell, line: string, keys: string[]): Promise<{ result: RunResult; screens: string[] }> {
  const screens: string[] = [];
  const result = await shell.run(line, {
    fullScreen: async (program) => {
      screens.push(text(program));
      for (const group of keys) {
        if (program.done) break;
        await program.input(keysFromNotation(group));
        screens.push(program.done ? '(quit)' : text(program));
      }
    },
  });
  return { result, screens };
}

async function cat(shell: Shell, path: string): Promise<string> {
  return (await shell.run(`cat ${path}`)).stdout;
}

describe('nano', () => {
  it('shows the file, the title bar and the two help lines, and fixes a typo saved with ^O', async () => {
    const shell = await shellWith({ 'app.conf': 'port=8O80\nname=demo\n' });
    const { screens, result } = await edit(shell, 'nano app.conf', [
      '<Right><Right><Right><Right><Right><Right><Del>0',
      '<C-o>',
      '<Enter>',
      '<C-x>',
    ]);
    assert.match(screens[0]!, /^ {2}GNU nano 7\.2 +app\.conf/);
    assert.match(screens[0]!, /\[ Read 2 lines \]/);
    assert.match(screens[0]!, /\^G Help +\^O Write Out/);
    assert.match(screens[0]!, /\^X Exit/);
    assert.match(screens[1]!, /app\.conf +Modified/);
    assert.match(screens[2]!, /File Name to Write: app\.conf/);
    assert.match(screens[3]!, /\[ Wrote 2 lines \]/);
    assert.equal(screens[4], '(quit)');
    assert.equal(result.exitCode, 0);
    assert.equal(await cat(shell, 'app.conf'), 'port=8080\nname=demo\n');
  });

  it('creates a new file on save: ^X asks "Save modified buffer?", Y and Enter write it', async () => {
    const shell = await shellWith();
    const { screens } = await edit(shell, 'nano todo.txt', ['buy milk<Enter>call mum', '<C-x>', 'y', '<Enter>']);
    assert.match(screens[0]!, /\[ New File \]/);
    assert.match(screens[2]!, /Save modified buffer\?/);
    assert.match(screens[2]!, /Y Yes/);
    assert.equal(screens[4], '(quit)');
    assert.equal(await cat(shell, 'todo.txt'), 'buy milk\ncall mum\n');
  });

  it('leaves without saving on ^X N, and ^C cancels the question (the editor stays open)', async () => {
    const shell = await shellWith({ 'a.txt': 'keep\n' });
    const { screens } = await edit(shell, 'nano a.txt', ['XXX', '<C-x>', '<C-c>', '<C-x>', 'n']);
    assert.match(screens[3]!, /\[ Cancelled \]/);
    assert.equal(screens[5], '(quit)');
    assert.equal(await cat(shell, 'a.txt'), 'keep\n');
  });

  it('finds text with ^W (case-insensitively, wrapping) and says when it is not there', async () => {
    const shell = await shellWith({ 'a.txt': 'one\ntwo\nthree\n' });
    const { screens } = await edit(shell, 'nano a.txt', ['<C-w>THREE<Enter>', 'X', '<C-w>nowhere<Enter>', '<C-x>n']);
    assert.match(screens[2]!, /^Xthree$/m);
    assert.match(screens[3]!, /\[ "nowhere" not found \]/);
  });

  it('moves lines with ^K and ^U, and ^C tells where the cursor is', async () => {
    const shell = await shellWith({ 'list.txt': 'b\na\nc\n' });
    const { screens } = await edit(shell, 'nano list.txt', ['<C-k>', '<Down>', '<C-u>', '<C-c>', '<C-o><Enter><C-x>']);
    assert.match(screens[4]!, /\[ line 3\/4 \(75%\), col 1\/2 \(50%\), char 4\/6 \(66%\) \]/);
    assert.equal(await cat(shell, 'list.txt'), 'a\nb\nc\n');
  });

  it('cannot write a file the learner may not write: it says why, and ^X N still leaves', async () => {
    const shell = await shellWith();
    const { screens } = await edit(shell, 'nano /etc/hostname', ['x', '<C-o><Enter>', '<C-x>n']);
    assert.match(screens[0]!, /\[ File '\/etc\/hostname' is unwritable \]/);
    assert.match(screens[2]!, /\[ Error writing \/etc\/hostname: Permission denied \]/);
    assert.equal(screens[3], '(quit)');
    assert.doesNotMatch(await cat(shell, '/etc/hostname'), /^x/);
  });

  it('shows the help with ^G and closes it with ^X', async () => {
    const shell = await shellWith();
    const { screens } = await edit(shell, 'nano', ['<C-g>', '<C-x>', '<C-x>']);
    assert.match(screens[1]!, /Main nano help text/);
    assert.match(screens[2]!, /New Buffer/);
    assert.equal(screens[3], '(quit)');
  });

  it('without a terminal, gives up as the real one does with input that is not a terminal', async () => {
    const shell = await shellWith({ 'a.txt': 'x\n' });
    const result = await shell.run('echo hi | nano a.txt');
    assert.equal(result.exitCode, 1);
    assert.equal(result.stderr, 'Too many errors from stdin\n');
  });
});

describe('vi and vim', () => {
  it('writes a new file: i, text, Esc, :wq (showing -- INSERT -- while typing)', async () => {
    const shell = await shellWith();
    const { screens } = await edit(shell, 'vi hello.txt', ['i', 'Hello<Enter>world', '<Esc>', ':wq', '<Enter>']);
    assert.match(screens[0]!, /^~$/m);
    assert.match(screens[0]!, /"hello\.txt" \[New\]/);
    assert.match(screens[1]!, /-- INSERT --/);
    assert.match(screens[4]!, /^:wq$/m);
    assert.equal(screens[5], '(quit)');
    assert.equal(await cat(shell, 'hello.txt'), 'Hello\nworld\n');
  });

  it('refuses :q on a changed buffer with E37; :q! leaves it unsaved', async () => {
    const shell = await shellWith({ 'a.txt': 'keep\n' });
    const { screens } = await edit(shell, 'vim a.txt', ['x', ':q<Enter>', ':q!<Enter>']);
    assert.match(screens[2]!, /E37: No write since last change \(add ! to override\)/);
    assert.equal(screens[3], '(quit)');
    assert.equal(await cat(shell, 'a.txt'), 'keep\n');
  });

  it('deletes, yanks, puts and undoes: dd, yy, p, x, u', async () => {
    const shell = await shellWith({ 'a.txt': 'one\ntwo\nthree\n' });
    await edit(shell, 'vi a.txt', ['dd', 'p', 'ggyyGp', 'xu', ':wq<Enter>']);
    assert.equal(await cat(shell, 'a.txt'), 'two\none\nthree\ntwo\n');
  });

  it('moves with h j k l, 0 $ w b gg G and counts, and opens lines with o O A I', async () => {
    const shell = await shellWith({ 'a.txt': 'alpha beta gamma\nsecond line\nlast\n' });
    await edit(shell, 'vi a.txt', [
      'wwx',
      'bx',
      '$x0x',
      'jA!<Esc>',
      'I>',
      '<Esc>Go',
      'end<Esc>ggOtop<Esc>',
      '2Gllx',
      ':x<Enter>',
    ]);
    assert.equal(await cat(shell, 'a.txt'), 'top\nlpa eta amm\n>second line!\nlast\nend\n');
  });

  it('searches with /pattern and n, wrapping at the bottom; E486 when not found', async () => {
    const shell = await shellWith({ 'a.txt': 'x=1\ny=2\nx=3\n' });
    const { screens } = await edit(shell, 'vi a.txt', ['/x=<Enter>', 'n', '/nope<Enter>', 'x:wq<Enter>']);
    assert.match(screens[2]!, /search hit BOTTOM, continuing at TOP/);
    assert.match(screens[3]!, /E486: Pattern not found: nope/);
    assert.equal(await cat(shell, 'a.txt'), '=1\ny=2\nx=3\n');
  });

  it('numbers lines with :set number and jumps with :N', async () => {
    const shell = await shellWith({ 'a.txt': 'a\nb\nc\n' });
    const { screens } = await edit(shell, 'vim a.txt', [':set number<Enter>', ':3<Enter>x', 'ZZ']);
    assert.match(screens[1]!, /^ {2}1 a\n {2}2 b\n {2}3 c$/m);
    assert.equal(screens[3], '(quit)');
    assert.equal(await cat(shell, 'a.txt'), 'a\nb\n\n');
  });

  it('tells how to leave on Ctrl-C, and an unknown command says E492', async () => {
    const shell = await shellWith();
    const { screens } = await edit(shell, 'vi', ['<C-c>', ':quiet<Enter>', ':q<Enter>']);
    assert.match(screens[1]!, /Type {2}:qa! {2}and press <Enter> to abandon all changes and exit Vim/);
    assert.match(screens[2]!, /E492: Not an editor command: quiet/);
    assert.equal(screens[3], '(quit)');
  });

  it('marks a file the learner may not write [readonly] and refuses :w with E45', async () => {
    const shell = await shellWith();
    const { screens } = await edit(shell, 'vi /etc/hostname', ['x', ':w<Enter>', ':w!<Enter>', ':q!<Enter>']);
    assert.match(screens[0]!, /"\/etc\/hostname" \[readonly\]/);
    assert.match(screens[1]!, /W10: Warning: Changing a readonly file/);
    assert.match(screens[2]!, /E45: 'readonly' option is set \(add ! to override\)/);
    assert.match(screens[3]!, /"\/etc\/hostname" E212: Can't open file for writing/);
  });

  it('with input that is not a terminal, warns and takes its keys from it, as vim does', async () => {
    const shell = await shellWith({ 'a.txt': 'one\ntwo\n' });
    const piped = await shell.run(`printf 'ddZZ' | vi a.txt`);
    assert.equal(piped.exitCode, 0);
    assert.equal(piped.stderr, 'Vim: Warning: Input is not from a terminal\n');
    assert.equal(await cat(shell, 'a.txt'), 'two\n');
    const ended = await shell.run('vi a.txt < /dev/null');
    assert.equal(ended.exitCode, 1);
    assert.match(ended.stderr, /Vim: Error reading input, exiting\.\.\./);
  });
});

describe('the editor-saved check', () => {
  const check: Check = { kind: 'editor-saved', path: '~/app.conf', message: 'edited in an editor' };

  it('holds for a file changed and saved in an editor, not for one written by echo or saved unchanged', async () => {
    const shell = await shellWith({ 'app.conf': 'port=1\n' });
    assert.equal(evaluateCheck(check, shell.snapshot()).passed, false);
    await edit(shell, 'nano app.conf', ['<End>0<C-o><Enter><C-x>']);
    assert.equal(evaluateCheck(check, shell.snapshot()).passed, true);
    assert.equal(evaluateCheck({ ...check, editor: 'vim' }, shell.snapshot()).passed, false);
    await shell.run('echo port=99 > app.conf');
    const after = evaluateCheck(check, shell.snapshot());
    assert.equal(after.passed, false);
    assert.match(after.reason ?? '', /written by another command after nano saved it/);
    // Opening it and saving it as it is does not make the echo an edit.
    await edit(shell, 'vi app.conf', [':w<Enter>:q<Enter>']);
    assert.equal(evaluateCheck(check, shell.snapshot()).passed, false);
  });
});

describe('editors and privilege', () => {
  it('sudo vi edits a file of root, which the learner alone may not write', async () => {
    const shell = await shellWith();
    const result = await shell.run('sudo vi /etc/hostname', {
      ask: async () => 'learner',
      fullScreen: async (program) => {
        await program.input(keysFromNotation('ggOlab-server<Esc>:wq<Enter>'));
      },
    });
    assert.equal(result.exitCode, 0);
    assert.match(await cat(shell, '/etc/hostname'), /^lab-server\n/);
    assert.equal((await shell.run('ls -l /etc/hostname | cut -d" " -f3')).stdout, 'root\n');
  });
});
