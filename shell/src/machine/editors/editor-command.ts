import { fingerprint, withSave, type EditorsState } from '@lta/labs';
import type { CommandContext } from 'just-bash';
import { fail, ok, type LearnerCommand, type ShellServices } from '../../commands/command.js';
import type { EditorFile } from '../../editors/editor-file.js';
import { errorText, FsError } from '../../filesystem/learner-fs.js';
import type { FullScreenProgram } from '../../types.js';
import { stdinText } from '../../text.js';

/** Where the part keeps its state, shared by the three commands. */
export interface SaveLog {
  state: EditorsState | undefined;
}

/** Opens the file named on the command line (or none) for an editor, with a `write` that records the learner's edits. */
async function openFile(
  name: string,
  editor: 'nano' | 'vim',
  ctx: CommandContext,
  services: ShellServices,
  log: SaveLog,
): Promise<EditorFile> {
  const { fs } = services;
  const real = async (path: string) => {
    try {
      return await fs.realpath(path);
    } catch {
      return path;
    }
  };
  const write = async (target: string, text: string, edited: boolean): Promise<string | null> => {
    // Both editors expand `~` in a name typed inside them (`:w ~/notes.txt`, nano's File Name to Write).
    const home = services.logins.current().home;
    const path = fs.resolvePath(
      ctx.cwd,
      target === '~' ? home : target.startsWith('~/') ? home + target.slice(1) : target,
    );
    try {
      await fs.writeFile(path, text);
    } catch (error) {
      return errorText(error);
    }
    if (edited) log.state = withSave(log.state, { path: await real(path), editor, fingerprint: fingerprint(text) });
    return null;
  };
  if (!name) return { name, text: '', isNew: true, writable: true, write };
  const path = fs.resolvePath(ctx.cwd, name);
  try {
    const text = await fs.readFile(path);
    return { name, text, isNew: false, writable: fs.mayWrite(await real(path)), write };
  } catch (error) {
    if (error instanceof FsError && error.code === 'ENOENT') {
      const parent = path.slice(0, path.lastIndexOf('/')) || '/';
      return { name, text: '', isNew: true, writable: fs.mayCreateIn(await real(parent)), write };
    }
    return { name, text: '', isNew: false, writable: false, unreadable: errorText(error), write };
  }
}

/** The editor program for `file`, loaded on first use so that the shell's first load does not carry it. */
async function program(editor: 'nano' | 'vim', file: EditorFile): Promise<FullScreenProgram> {
  if (editor === 'nano') return new (await import('../../editors/nano.js')).Nano(file);
  return new (await import('../../editors/vim.js')).Vim(file);
}

/**
 * `nano FILE`, `vim FILE`, `vi FILE`: the editor on the terminal's full screen (`ShellServices.fullScreen`). With no
 * terminal screen (a script run by a test, `bash -c` without a page), they act as the real ones do when their input
 * is not a terminal: vim warns and reads its keys from standard input; nano gives up ("Too many errors from stdin").
 */
export function editorCommand(command: 'nano' | 'vim' | 'vi', services: ShellServices, log: SaveLog): LearnerCommand {
  const editor = command === 'nano' ? 'nano' : 'vim';
  return {
    name: command,
    async execute(args, ctx) {
      // Options are accepted and ignored; the first file named is the one edited (`+LINE` aside).
      const names = args.filter((arg) => !/^[-+]./.test(arg) && arg !== '--');
      const file = await openFile(names[0] ?? '', editor, ctx, services, log);
      if (file.unreadable === 'Is a directory' && editor === 'nano')
        return fail(`Error reading ${file.name}: Is a directory\n`);
      if (!services.fullScreen) {
        if (editor === 'nano') return fail('Too many errors from stdin\n');
        const vim = await program(editor, file);
        await vim.input(stdinText(ctx.stdin));
        if (vim.done) return { stdout: '', stderr: 'Vim: Warning: Input is not from a terminal\n', exitCode: 0 };
        vim.hangUp();
        return fail('Vim: Warning: Input is not from a terminal\nVim: Error reading input, exiting...\n');
      }
      const running = await program(editor, file);
      await services.fullScreen(running);
      // The terminal went away before the learner quit: the editor ends without saving.
      if (!running.done) running.hangUp();
      return ok();
    },
  };
}
