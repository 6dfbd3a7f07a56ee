import { ok, type LearnerCommand } from '../../commands/command.js';
import { stdinText } from '../../text.js';

/** cowsay's balloon around `text`, one line or a box of several, as cowsay 3.03 draws them (width 40). */
export function cowsay(text: string): string {
  const lines = wrap(text.replace(/\s+$/, ''), 40);
  const width = Math.max(...lines.map((line) => line.length));
  const body =
    lines.length === 1
      ? [`< ${lines[0]} >`]
      : lines.map((line, i) => {
          const [open, close] = i === 0 ? ['/', '\\'] : i === lines.length - 1 ? ['\\', '/'] : ['|', '|'];
          return `${open} ${line.padEnd(width)} ${close}`;
        });
  return [
    ` ${'_'.repeat(width + 2)}`,
    ...body,
    ` ${'-'.repeat(width + 2)}`,
    '        \\   ^__^',
    '         \\  (oo)\\_______',
    '            (__)\\       )\\/\\',
    '                ||----w |',
    '                ||     ||',
    '',
  ].join('\n');
}

function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  lines.push(line);
  return lines;
}

const TRAIN = [
  '      ====        ________                ___________ ',
  '  _D _|  |_______/        \\__I_I_____===__|_________| ',
  '   |(_)---  |   H\\________/ |   |        =|___ ___|   ',
  '   /     |  |   H  |  |     |   |         ||_| |_||   ',
  '  |      |  |   H  |__--------------------| [___] |   ',
  '  | ________|___H__/__|_____/[][]~\\_______|       |   ',
  '  |/ |   |-----------I_____I [][] []  D   |=======|__ ',
  '__/ =| o |=-~~\\  /~~\\  /~~\\  /~~\\ ____Y___________|__ ',
  ' |/-=|___|=    ||    ||    ||    |_____/~\\___/        ',
  '  \\_/      \\O=====O=====O=====O_/      \\_/            ',
  '',
].join('\n');

/**
 * The programs of the repository's (and vendors') packages that just-bash lacks. The full-screen ones (`htop`, `ncdu`) print one
 * screen and end, as the terminal has no full-screen mode for them yet.
 */
export const packagePrograms: LearnerCommand[] = [
  { name: 'cowsay', execute: async (args, ctx) => ok(cowsay(args.length ? args.join(' ') : stdinText(ctx.stdin))) },
  { name: 'sl', execute: async () => ok(TRAIN) },
  {
    name: 'skyline-agent',
    execute: async (args) =>
      ok(
        args.includes('--version') || args.includes('-V')
          ? 'skyline-agent 2.3.1\n'
          : 'skyline-agent 2.3.1: reporting to https://collect.skyline.example every 60s\n',
      ),
  },
  {
    name: 'htop',
    execute: async () =>
      ok(
        '  CPU[||                        3.1%]   Tasks: 3, 0 thr; 1 running\n  Mem[|||||              112M/1.94G]   Load average: 0.04 0.03 0.00\n  Swp[                      0K/0K]   Uptime: 01:12:09\n\n    PID USER       PRI  NI  VIRT   RES   SHR S CPU% MEM%   TIME+  Command\n      1 root        20   0  4.1M  3.2M  2.9M S  0.0  0.2  0:00.03 /sbin/init\n   1000 learner     20   0  5.0M  4.1M  3.4M S  0.0  0.2  0:00.12 -bash\n   1001 learner     20   0  5.6M  3.9M  3.1M R  3.1  0.2  0:00.01 htop\n',
      ),
  },
  {
    name: 'ncdu',
    async execute(args, ctx) {
      const dir = args.find((arg) => !arg.startsWith('-')) ?? '.';
      const quoted = `'${dir.replace(/'/g, "'\\''")}'`;
      const du = ctx.exec
        ? await ctx.exec(`du -sh -- ${quoted}/* 2>/dev/null | sort -rh`, { cwd: ctx.cwd })
        : { stdout: '' };
      return ok(`ncdu 1.18 ~ Use the arrow keys to navigate, press ? for help\n--- ${dir} ---\n${du.stdout}`);
    },
  },
];
