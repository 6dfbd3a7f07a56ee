import { expect, waitUntil } from '@open-wc/testing';
import { Terminal } from '@xterm/xterm';
import { createShell } from '@lta/shell';
import { TerminalSession } from './terminal-session.js';

/** The terminal's lines as text, trailing blanks trimmed. */
function screen(terminal: Terminal): string {
  const buffer = terminal.buffer.active;
  const lines: string[] = [];
  for (let row = 0; row < buffer.length; row++) lines.push(buffer.getLine(row)?.translateToString(true) ?? '');
  return lines.join('\n').trimEnd();
}

async function sessionOnScreen(): Promise<{ terminal: Terminal; session: TerminalSession; commands: string[] }> {
  // As <lta-terminal> configures it: output's bare line breaks start a new line.
  const terminal = new Terminal({ cols: 60, rows: 10, convertEol: true });
  const host = document.createElement('div');
  document.body.append(host);
  terminal.open(host);
  const commands: string[] = [];
  const session = new TerminalSession(terminal, await createShell(), (run) => commands.push(run.line));
  session.start();
  return { terminal, session, commands };
}

const written = (terminal: Terminal) => new Promise<void>((resolve) => terminal.write('', resolve));

describe('TerminalSession: a shell replaced while the learner types', () => {
  it('keeps the typed line when work from another device is resumed, and runs it there', async () => {
    const { terminal, session, commands } = await sessionOnScreen();
    session.input('echo kept-$((6*7)) in $PWD');
    const resumed = await createShell({ cwd: '/tmp' });
    session.replaceShell(resumed, 'Resumed\r\n', { keepTypedLine: true });
    await written(terminal);
    expect(screen(terminal)).to.equal('Resumed\nlearner@academy:/tmp$ echo kept-$((6*7)) in $PWD');
    session.input('\r');
    await waitUntil(() => commands.length === 1, 'the kept line never ran');
    await written(terminal);
    expect(commands).to.deep.equal(['echo kept-$((6*7)) in $PWD']);
    expect(screen(terminal)).to.contain('kept-42 in /tmp\nlearner@academy:/tmp$');
    terminal.dispose();
  });

  it('drops the typed line when the lab is reset', async () => {
    const { terminal, session, commands } = await sessionOnScreen();
    session.input('rm -r data');
    session.replaceShell(await createShell(), '');
    await written(terminal);
    expect(screen(terminal)).to.equal('learner@academy:~$');
    session.input('\r');
    await written(terminal);
    expect(commands).to.deep.equal([]);
    terminal.dispose();
  });
});

describe('TerminalSession: a here-document typed at the prompt', () => {
  it('shows > for each body line, then writes the body to the file', async () => {
    const { terminal, session, commands } = await sessionOnScreen();
    for (const line of ["cat > f <<'EOF'", 'echo hi', '$HOME stays', 'EOF', 'cat f']) {
      session.input(`${line}\r`);
      await session.settled();
    }
    await written(terminal);
    expect(commands).to.deep.equal(["cat > f <<'EOF'\necho hi\n$HOME stays\nEOF", 'cat f']);
    expect(screen(terminal)).to.equal(
      "learner@academy:~$ cat > f <<'EOF'\n> echo hi\n> $HOME stays\n> EOF\nlearner@academy:~$ cat f\necho hi\n$HOME stays\nlearner@academy:~$",
    );
    terminal.dispose();
  });
});

describe('TerminalSession: a program asks the learner (sudo)', () => {
  it('asks for the password without echo, says "Sorry, try again." on a wrong one, and runs the command as root', async () => {
    const { terminal, session, commands } = await sessionOnScreen();
    session.input('sudo touch /etc/motd; ls -l /etc/motd\r');
    await waitUntil(() => screen(terminal).endsWith('[sudo] password for learner:'), 'sudo never asked');
    session.input('wrong\r');
    await waitUntil(
      () => screen(terminal).split('[sudo] password for learner:').length === 3,
      'sudo did not ask again',
    );
    session.input('learner\r');
    await session.settled();
    await waitUntil(() => commands.length === 1, 'the line never ended');
    await written(terminal);
    const shown = screen(terminal);
    expect(shown).to.not.contain('wrong');
    expect(shown).to.not.match(/password for learner: learner/);
    expect(shown).to.contain('[sudo] password for learner: \nSorry, try again.\n[sudo] password for learner: \n');
    expect(shown).to.match(/-rw-r--r-- 1 root root 0 .* \/etc\/motd\nlearner@academy:~\$$/);
    // Within the session sudo does not ask again, and `sudo -i` gives a root prompt until exit.
    session.input('sudo -i\r');
    await session.settled();
    await written(terminal);
    expect(screen(terminal)).to.match(/learner@academy:~\$ sudo -i\nroot@academy:~#$/);
    session.input('exit\r');
    await session.settled();
    await written(terminal);
    expect(screen(terminal)).to.match(/exit\nlogout\nlearner@academy:~\$$/);
    terminal.dispose();
  });

  it('Ctrl-C at the password prompt gives up without running the command', async () => {
    const { terminal, session } = await sessionOnScreen();
    session.input('sudo touch /etc/never\r');
    await waitUntil(() => screen(terminal).endsWith('[sudo] password for learner:'), 'sudo never asked');
    session.input('\x03');
    await session.settled();
    session.input('ls /etc/never\r');
    await session.settled();
    await written(terminal);
    expect(screen(terminal)).to.contain(
      "[sudo] password for learner: ^C\nlearner@academy:~$ ls /etc/never\nls: cannot access '/etc/never': No such file or directory",
    );
    terminal.dispose();
  });
});
