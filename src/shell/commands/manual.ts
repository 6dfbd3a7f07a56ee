import { MAN_PAGES, renderManPage } from '../man-pages.js';
import { fail, ok, type LearnerCommand } from './command.js';

/** `man PAGE`: the page, printed whole; the terminal may page it. `man -k WORD` searches the summaries. */
export const manCommand: LearnerCommand = {
  name: 'man',
  async execute(args) {
    if (args[0] === '-k' || args[0] === '--apropos') {
      const word = (args[1] ?? '').toLowerCase();
      const hits = Object.entries(MAN_PAGES).filter(([name, page]) => name.includes(word) || page.summary.toLowerCase().includes(word));
      if (hits.length === 0) return fail(`${args[1] ?? ''}: nothing appropriate.\n`, 16);
      return ok(hits.map(([name, page]) => `${name} (${page.section}) - ${page.summary}\n`).join(''));
    }
    const names = args.filter((arg) => !arg.startsWith('-') && !/^\d$/.test(arg));
    if (names.length === 0) return fail('What manual page do you want?\nFor example, try \'man man\'.\n');
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

const BUILTIN_NAMES = ['alias', 'cd', 'echo', 'exit', 'export', 'for', 'help', 'history', 'if', 'read', 'source', 'test', 'umask', 'unset', 'while'];

/** bash's `help`: the builtins, or one builtin's description. */
export const helpCommand: LearnerCommand = {
  name: 'help',
  async execute(args) {
    const name = args.find((arg) => !arg.startsWith('-'));
    if (name === undefined) {
      const lines = BUILTIN_NAMES.map((builtin) => ` ${MAN_PAGES[builtin]!.synopsis}`);
      return ok(
        'GNU bash, version 5.2.15(1)-release (x86_64-pc-linux-gnu)\n' +
          'These shell commands are defined internally.  Type `help\' to see this list.\n' +
          'Type `help name\' to find out more about the function `name\'.\n' +
          "Use `man -k' or `info' to find out more about commands not in this list.\n\n" +
          lines.join('\n') + '\n',
      );
    }
    if (!BUILTIN_NAMES.includes(name)) {
      return fail(`bash: help: no help topics match \`${name}'.  Try \`help help' or \`man -k ${name}' or \`info ${name}'.\n`);
    }
    const page = MAN_PAGES[name]!;
    const options = (page.options ?? []).map(([flag, text]) => `      ${flag.padEnd(10)}${text}\n`).join('');
    return ok(`${name}: ${page.synopsis}\n    ${page.summary[0]!.toUpperCase()}${page.summary.slice(1)}.\n\n    ${page.description}\n${options ? `\n    Options:\n${options}` : ''}`);
  },
};
