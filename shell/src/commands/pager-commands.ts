import type { PagerPrompt, PagerText } from '../pager/pager.js';
import { errorText, FsError } from '../filesystem/learner-fs.js';
import type { FullScreenProgram } from '../types.js';
import { stdinText } from '../text.js';
import { fail, type LearnerCommand, type ShellServices } from './command.js';
import { terminalScreen } from './terminal-screen.js';

/** The banner `more` puts before each file when it shows several, or prints any file into a pipe. */
const moreBanner = (name: string) => `::::::::::::::\n${name}\n::::::::::::::\n`;

/**
 * Shows `texts` in the pager on the terminal's full screen until the learner quits (the pager is loaded on first
 * use, so the shell's first load does not carry it). Resolves to what the pager leaves on the terminal: nothing for
 * less and man, which use the alternate screen; the pages shown so far for more, which pages in place.
 */
export async function page(
  screen: (program: FullScreenProgram) => Promise<void>,
  texts: readonly PagerText[],
  prompt: PagerPrompt,
): Promise<string> {
  const pager = new (await import('../pager/pager.js')).Pager(texts, prompt);
  await screen(pager);
  // The terminal went away before the learner quit.
  if (!pager.done) pager.hangUp();
  return prompt.kind === 'more' ? pager.shownText() : '';
}

/**
 * `less` and `more`. On the terminal, the pager on the full screen (files in turn, or standard input: `cmd | less`);
 * with their output in a pipe or a file, or without a terminal (a test's `run`, a lab's script check), they print
 * the files like `cat`, as the real ones do when their output is not a terminal. Errors read as GNU less's
 * (`nosuch: No such file or directory`) and util-linux more's (`more: cannot open nosuch: ...`).
 */
export function pagerCommand(name: 'less' | 'more', services: ShellServices): LearnerCommand {
  return {
    name,
    async execute(args, ctx) {
      // Options are accepted and ignored.
      const files = args.filter((arg) => !arg.startsWith('-') && !arg.startsWith('+'));
      const screen = terminalScreen(ctx, services);
      const texts: PagerText[] = [];
      let stderr = '';
      for (const file of files) {
        try {
          texts.push({ name: file, text: await services.fs.readFile(services.fs.resolvePath(ctx.cwd, file)) });
        } catch (error) {
          const directory = error instanceof FsError && error.code === 'EISDIR';
          if (name === 'more') stderr += `more: cannot open ${file}: ${errorText(error)}\n`;
          else stderr += directory ? `${file} is a directory\n` : `${file}: ${errorText(error)}\n`;
        }
      }
      if (files.length === 0) {
        const input = stdinText(ctx.stdin);
        // With the terminal as its input too (nothing piped in), less has nothing to show.
        if (screen && input === '' && name === 'less') return fail('Missing filename ("less --help" for help)\n', 0);
        texts.push({ name: '', text: input });
      }
      const status = name === 'less' && stderr ? 1 : 0;
      if (!screen || texts.length === 0) {
        const banner = name === 'more' && files.length > 0;
        const stdout = texts.map(({ name: file, text }) => (banner ? moreBanner(file) + text : text)).join('');
        return { stdout, stderr, exitCode: status };
      }
      if (name === 'less') {
        await page(screen, texts, { kind: 'less' });
        return { stdout: '', stderr, exitCode: status };
      }
      // more shows several files one after the other, each under its banner.
      const joined =
        texts.length > 1 ? texts.map(({ name: file, text }) => moreBanner(file) + text).join('') : texts[0]!.text;
      const stdout = await page(screen, [{ name: texts[0]!.name, text: joined }], { kind: 'more' });
      return { stdout, stderr, exitCode: status };
    },
  };
}
