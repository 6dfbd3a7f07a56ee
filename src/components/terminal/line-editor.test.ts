import { expect } from '@open-wc/testing';
import { decodeInput, type Key } from './keys.js';
import { LineEditor } from './line-editor.js';

/** Feeds raw terminal input (what xterm's onData gives) to an editor; returns the last action. */
function type(editor: LineEditor, data: string) {
  let last;
  for (const key of decodeInput(data)) last = editor.apply(key);
  return last;
}

describe('decodeInput', () => {
  it('turns typed text, control keys and escape sequences into keys', () => {
    const keys: Key[] = decodeInput('ls\x1b[D\x1b[1;5C\x01\x03\r');
    expect(keys).to.deep.equal([
      { name: 'text', text: 'ls' },
      { name: 'left' },
      { name: 'word-right' },
      { name: 'home' },
      { name: 'interrupt' },
      { name: 'enter' },
    ]);
  });

  it('makes a bracketed multi-line paste into lines and Enters, keeping its tabs as text', () => {
    expect(decodeInput('\x1b[200~echo a\r\nprintf "x\ty"\necho c\x1b[201~')).to.deep.equal([
      { name: 'text', text: 'echo a' },
      { name: 'enter' },
      { name: 'text', text: 'printf "x\ty"' },
      { name: 'enter' },
      { name: 'text', text: 'echo c' },
    ]);
  });

  it('drops escape sequences it does not know instead of inserting them', () => {
    expect(decodeInput('a\x1b[15~b')).to.deep.equal([
      { name: 'text', text: 'a' },
      { name: 'text', text: 'b' },
    ]);
  });
});

describe('LineEditor', () => {
  it('inserts in the middle after moving the cursor, and submits the whole line', () => {
    const editor = new LineEditor();
    type(editor, 'echo wrld\x1b[D\x1b[D\x1b[Do');
    expect(editor.text).to.equal('echo world');
    expect(type(editor, '\r')).to.deep.equal({ type: 'submit', line: 'echo world' });
    expect(editor.text).to.equal('');
  });

  it('moves with Home/End and Ctrl-A/Ctrl-E', () => {
    const editor = new LineEditor();
    type(editor, 'cho hi\x01e\x05!');
    expect(editor.text).to.equal('echo hi!');
    type(editor, '\x1b[H#\x1b[F.');
    expect(editor.text).to.equal('#echo hi!.');
  });

  it('kills with Ctrl-U, Ctrl-K and Ctrl-W and yanks back with Ctrl-Y', () => {
    const editor = new LineEditor();
    type(editor, 'echo one two\x17');
    expect(editor.text).to.equal('echo one ');
    type(editor, '\x19');
    expect(editor.text).to.equal('echo one two');
    type(editor, '\x01\x1b[C\x1b[C\x0b');
    expect(editor.text).to.equal('ec');
    type(editor, '\x15');
    expect(editor.text).to.equal('');
  });

  it('recalls earlier lines with Up and comes back to the draft with Down', () => {
    const editor = new LineEditor(['ls', 'pwd']);
    type(editor, 'ec');
    type(editor, '\x1b[A');
    expect(editor.text).to.equal('pwd');
    type(editor, '\x1b[A\x1b[A');
    expect(editor.text).to.equal('ls');
    type(editor, '\x1b[B\x1b[B');
    expect(editor.text).to.equal('ec');
  });

  it('searches history backwards with Ctrl-R, again with Ctrl-R, and runs the match on Enter', () => {
    const editor = new LineEditor(['grep -n error app.log', 'ls', 'grep -c warn app.log']);
    type(editor, '\x12grep');
    expect(editor.view().searchPrompt).to.equal("(reverse-i-search)`grep': ");
    expect(editor.text).to.equal('grep -c warn app.log');
    type(editor, '\x12');
    expect(editor.text).to.equal('grep -n error app.log');
    expect(type(editor, '\r')).to.deep.equal({ type: 'submit', line: 'grep -n error app.log' });
  });

  it("goes on searching from the newest line when another device's work replaces the history mid-search", () => {
    const editor = new LineEditor(['cat a', 'ls']);
    type(editor, '\x12cat');
    expect(editor.text).to.equal('cat a');
    editor.setHistory(['cat old.txt', 'pwd', 'cat new.txt']);
    type(editor, ' ');
    expect(editor.view().searchPrompt).to.equal("(reverse-i-search)`cat ': ");
    expect(editor.text).to.equal('cat new.txt');
  });

  it('says when the search fails, and Ctrl-G gives back the line being typed', () => {
    const editor = new LineEditor(['ls']);
    type(editor, 'pw\x12zzz');
    expect(editor.view().searchPrompt).to.contain('failed reverse-i-search');
    type(editor, '\x07');
    expect(editor.searching).to.equal(false);
    expect(editor.text).to.equal('pw');
  });

  it('abandons the line on Ctrl-C and asks for completion on Tab', () => {
    const editor = new LineEditor();
    expect(type(editor, 'rm -r x\x03')).to.deep.equal({ type: 'interrupt' });
    expect(editor.text).to.equal('');
    expect(type(editor, 'ca\t')).to.deep.equal({ type: 'complete' });
  });

  it('keeps each line once in history and ignores blank ones', () => {
    const editor = new LineEditor();
    type(editor, 'ls\rls\r   \r');
    type(editor, '\x1b[A\x1b[A');
    expect(editor.text).to.equal('ls');
  });
});
