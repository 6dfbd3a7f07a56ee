import { MAN_PAGES, renderManPage } from './man-pages.js';
import { fail, ok, type LearnerCommand, type ShellServices } from './command.js';
import { page } from './pager-commands.js';
import { terminalScreen } from './terminal-screen.js';

/**
 * `man PAGE...`: on the terminal, each page in the pager with man's prompt (`Manual page wc(1) line 1 (press h for
 * help or q to quit)`), one after the other; into a pipe or a file, the pages printed. `man -k WORD` searches the
 * summaries.
 */
export const manCommand = (services: ShellServices): LearnerCommand => ({
  name: 'man',
  async execute(args, ctx) {
    if (args[0] === '-k' || args[0] === '--apropos') {
      const word = (args[1] ?? '').toLowerCase();
      const hits = Object.entries(MAN_PAGES).filter(
        ([name, page]) => name.includes(word) || page.summary.toLowerCase().includes(word),
      );
      if (hits.length === 0) return fail(`${args[1] ?? ''}: nothing appropriate.\n`, 16);
      return ok(hits.map(([name, page]) => `${name} (${page.section}) - ${page.summary}\n`).join(''));
    }
    const names = args.filter((arg) => !arg.startsWith('-') && !/^\d$/.test(arg));
    if (names.length === 0) return fail("What manual page do you want?\nFor example, try 'man man'.\n");
    const screen = terminalScreen(ctx, services);
    let stdout = '';
    let stderr = '';
    for (const name of names) {
      const text = renderManPage(name);
      if (!text) stderr += `No manual entry for ${name}\n`;
      else if (!screen) stdout += text;
      else await page(screen, [{ name, text }], { kind: 'man', page: `${name}(${MAN_PAGES[name]!.section})` });
    }
    return { stdout, stderr, exitCode: stderr ? 16 : 0 };
  },
});
