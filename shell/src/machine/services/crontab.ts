import { MAX_CRONTAB } from '@lta/labs';
import { fail, ok, type LearnerCommand } from '../../commands/command.js';
import { errorText } from '../../filesystem/learner-fs.js';
import { LEARNER } from '../../filesystem/layout.js';
import { stdinText } from '../../text.js';
import type { Systemd } from './systemd.js';

const FIELDS = [
  { name: 'minute', min: 0, max: 59, names: [] as string[] },
  { name: 'hour', min: 0, max: 23, names: [] },
  { name: 'day-of-month', min: 1, max: 31, names: [] },
  {
    name: 'month',
    min: 1,
    max: 12,
    names: ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'],
  },
  { name: 'day-of-week', min: 0, max: 7, names: ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] },
];
const SPECIAL = ['@reboot', '@yearly', '@annually', '@monthly', '@weekly', '@daily', '@midnight', '@hourly'];

/** Whether one schedule field (`*`, a step such as `0-30/5`, `1-5`, `1,15`, `mon-fri`) is valid for its range. */
function validField(text: string, field: (typeof FIELDS)[number]): boolean {
  const value = (part: string) => {
    const index = field.names.indexOf(part.toLowerCase());
    if (index >= 0) return index + (field.name === 'month' ? 1 : 0);
    return /^\d+$/.test(part) ? Number(part) : NaN;
  };
  return text.split(',').every((item) => {
    const [range = '', step] = item.split('/');
    if (step !== undefined && !/^\d+$/.test(step)) return false;
    if (range === '*') return true;
    const [low = '', high] = range.split('-');
    const a = value(low);
    const b = high === undefined ? a : value(high);
    return a >= field.min && a <= field.max && b >= field.min && b <= field.max;
  });
}

/** The first mistake cron would report in a crontab, as `"FILE":LINE: bad minute`, or null when it installs. */
export function crontabProblem(text: string, file: string): string | null {
  if (text !== '' && !text.endsWith('\n')) return "new crontab file is missing newline before EOF, can't install.";
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (line === '' || line.startsWith('#') || /^[A-Za-z_][A-Za-z0-9_]*\s*=/.test(line)) continue;
    const fields = line.split(/\s+/);
    if (line.startsWith('@')) {
      if (!SPECIAL.includes(fields[0]!)) return `"${file}":${i + 1}: bad time specifier`;
      if (fields.length < 2) return `"${file}":${i + 1}: bad command`;
      continue;
    }
    for (let f = 0; f < FIELDS.length; f++) {
      if (fields[f] === undefined || !validField(fields[f]!, FIELDS[f]!))
        return `"${file}":${i + 1}: bad ${FIELDS[f]!.name}`;
    }
    if (fields.length < 6) return `"${file}":${i + 1}: bad command`;
  }
  return null;
}

/** `crontab`: the learner's jobs (`-l`, `-r`), installed from a file or stdin (`crontab FILE`, `crontab -`). */
export function crontabCommand(systemd: Systemd): LearnerCommand {
  const install = (text: string) => {
    systemd.crontab = text;
    systemd.log('cron.service', 6, `crontab[${LEARNER.uid + 1}]: (${LEARNER.name}) REPLACE (${LEARNER.name})`);
  };
  return {
    name: 'crontab',
    async execute(args, ctx) {
      const options = args.filter((arg) => arg.startsWith('-') && arg !== '-');
      const files = args.filter((arg) => !arg.startsWith('-') || arg === '-');
      if (options.includes('-u')) return fail('crontab: must be privileged to use -u\n', 1);
      if (options.includes('-l')) {
        return systemd.crontab ? ok(systemd.crontab) : fail(`no crontab for ${LEARNER.name}\n`, 1);
      }
      if (options.includes('-r')) {
        if (!systemd.crontab) return fail(`no crontab for ${LEARNER.name}\n`, 1);
        install('');
        return ok();
      }
      if (options.includes('-e')) {
        return fail(
          `${systemd.crontab ? '' : `no crontab for ${LEARNER.name} - using an empty one\n`}crontab: this terminal has no editor for crontab -e yet: write the jobs to a file, then install it with: crontab FILE\n`,
          1,
        );
      }
      if (options.length > 0)
        return fail(
          `crontab: invalid option -- '${options[0]!.replace(/^-+/, '')}'\nusage:\tcrontab [-u user] [-i] { -e | -l | -r }\n`,
          1,
        );
      const file = files[0] ?? '-';
      let text: string;
      try {
        text = file === '-' ? stdinText(ctx.stdin) : await ctx.fs.readFile(ctx.fs.resolvePath(ctx.cwd, file));
      } catch (error) {
        return fail(`${file}: ${errorText(error)}\n`, 1);
      }
      if (text.length > MAX_CRONTAB)
        return fail(`crontab: the crontab is longer than ${MAX_CRONTAB} characters, can't install.\n`, 1);
      const problem = crontabProblem(text, file === '-' ? '-' : file);
      if (problem)
        return fail(
          `${problem}\n${problem.startsWith('new crontab') ? '' : "errors in crontab file, can't install.\n"}`,
          1,
        );
      install(text);
      return ok();
    },
  };
}
