import { MAN_PAGES, renderManPage } from './man-pages.js';
import { fail, ok, type LearnerCommand } from './command.js';

/** `man PAGE`: the page, printed whole; the terminal may page it. `man -k WORD` searches the summaries. */
export const manCommand: LearnerCommand = {
  name: 'man',
  async execute(args) {
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
    let stdout = '';
    let stderr = '';
    for (const name of names) {
      const page = renderManPage(name);
      if (page) stdout += page;
      else stderr += `No manual entry for ${name}\n`;
    }
    return { stdout, stderr, exitCode: stderr ? 16 : 0 };
  },
};
