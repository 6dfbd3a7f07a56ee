import { ok, type LearnerCommand } from './command.js';

/** Half the terminal's 80 columns: bash prints the builtins in two columns of this width. */
const COLUMN = 40;

const HEADER = [
  "These shell commands are defined internally.  Type `help' to see this list.",
  "Type `help name' to find out more about the function `name'.",
  "Use `info bash' to find out more about the shell in general.",
  "Use `man -k' or `info' to find out more about commands not in this list.",
  '',
  'A star (*) next to a name means that the command is disabled.',
  '',
];

/** One builtin's synopsis as bash's list shows it: after a space, cut with `>` where it runs into the next column. */
function cell(synopsis: string): string {
  const text = ` ${synopsis}`;
  return text.length >= COLUMN - 1 ? `${text.slice(0, COLUMN - 2)}>` : text;
}

/**
 * `help` with no topic: the builtins' synopses in two columns under GNU bash's header, filled down the first column
 * and then the second, as bash 5.2 prints them (`builtins/help.def`). just-bash's own list is titled with its name
 * and shows names only; the synopses are its own (`help -s`), and `help NAME` stays its builtin.
 */
export const helpListCommand: LearnerCommand = {
  name: 'help',
  async execute(_args, ctx) {
    // The version the shell reports in `$BASH_VERSION`, then every builtin's `name: synopsis`.
    const listed = (await ctx.exec?.(`printf '%s\\n' "$BASH_VERSION"; help -s '*'`, { cwd: ctx.cwd }))?.stdout ?? '';
    const [version = '', ...builtins] = listed.split('\n').filter(Boolean);
    const synopses = builtins.map((line) => line.slice(line.indexOf(': ') + 2));
    const rows = Math.ceil(synopses.length / 2);
    const lines: string[] = [];
    for (let row = 0; row < rows; row++) {
      const right = synopses[row + rows];
      const left = cell(synopses[row]!);
      lines.push(right === undefined ? left : `${left.padEnd(COLUMN)}${cell(right)}`);
    }
    return ok([`GNU bash, version ${version} (x86_64-pc-linux-gnu)`, ...HEADER, ...lines, ''].join('\n'));
  },
};
