import { MAX_CRONTAB } from '@lta/labs';
import type { CommandContext, ExecResult } from 'just-bash';
import { fail, ok, type LearnerCommand, type ShellServices } from '../../commands/command.js';
import { errorText } from '../../filesystem/learner-fs.js';
import { LEARNER } from '../../filesystem/layout.js';
import { stdinText } from '../../text.js';
import { askFor } from '../terminal-question.js';
import type { Systemd } from './systemd.js';

/** What Debian's `crontab -e` gives a learner who has no crontab yet, to edit (the job lines go under the last). */
export const NEW_CRONTAB = `# Edit this file to introduce tasks to be run by cron.
# 
# Each task to run has to be defined through a single line
# indicating with different fields when the task will be run
# and what command to run for the task
# 
# To define the time you can provide concrete values for
# minute (m), hour (h), day of month (dom), month (mon),
# and day of week (dow) or use '*' in these fields (for 'any').
# 
# Notice that tasks will be started based on the cron's system
# daemon's notion of time and timezones.
# 
# Output of the crontab jobs (including errors) is sent through
# email to the user the crontab file belongs to (unless redirected).
# 
# For example, you can run a backup of all your user accounts
# at 5 a.m every week with:
# 0 5 * * 1 tar -zcf /var/backups/home.tgz /home/
# 
# For more information see the manual pages of crontab(5) and cron(8)
# 
# m h  dom mon dow   command
`;
const RETRY = 'Do you want to retry the same edit? (y/n) ';
/** How many answers other than y or n crontab takes before it gives up asking (cron itself asks forever). */
const MAX_ASKS = 5;

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

/**
 * `crontab`: the learner's jobs (`-l`, `-r`), installed from a file or stdin (`crontab FILE`, `crontab -`) or edited
 * in the learner's editor (`-e`).
 */
export function crontabCommand(systemd: Systemd, services: ShellServices): LearnerCommand {
  const note = (what: string) =>
    systemd.log('cron.service', 6, `crontab[${LEARNER.uid + 1}]: (${LEARNER.name}) ${what} (${LEARNER.name})`);
  const install = (text: string) => {
    systemd.crontab = text;
    note('REPLACE');
  };

  /**
   * `crontab -e`, as Debian's does it: the crontab (or Debian's commented template) is copied to
   * /tmp/crontab.XXXXXX/crontab, `$VISUAL`, `$EDITOR` or nano runs on it, and the saved text is installed if cron
   * accepts it; a bad line asks whether to edit again, and a "n" leaves the edits in the file.
   */
  const edit = async (ctx: CommandContext): Promise<ExecResult> => {
    if (!ctx.exec) return fail('crontab: no editor can run here\n', 1);
    const { fs } = services;
    let err = systemd.crontab ? '' : `no crontab for ${LEARNER.name} - using an empty one\n`;
    const dir = `/tmp/crontab.${tempSuffix()}`;
    const file = `${dir}/crontab`;
    try {
      await fs.mkdir(dir);
      await fs.chmod(dir, 0o700);
      await fs.writeFile(file, systemd.crontab || NEW_CRONTAB);
      await fs.chmod(file, 0o600);
    } catch (error) {
      return fail(`${err}${file}: ${errorText(error)}\n`, 1);
    }
    note('BEGIN EDIT');
    const editor = ctx.env.get('VISUAL') || ctx.env.get('EDITOR') || 'nano';
    for (;;) {
      const before = await fs.stat(file);
      const run = await ctx.exec(`${editor} ${file}`, { cwd: '/tmp' });
      err += run.stderr;
      if (run.exitCode !== 0) {
        await fs.rm(dir, { recursive: true, force: true });
        return fail(`${err}crontab: "${editor}" exited with status ${run.exitCode}\n`, 1, run.stdout);
      }
      const after = await fs.stat(file).catch(() => undefined);
      const text = after ? await fs.readFile(file) : '';
      if (after && after.mtime.getTime() === before.mtime.getTime() && text === (systemd.crontab || NEW_CRONTAB)) {
        await fs.rm(dir, { recursive: true, force: true });
        note('END EDIT');
        return { stdout: run.stdout, stderr: `${err}crontab: no changes made to crontab\n`, exitCode: 0 };
      }
      err += 'crontab: installing new crontab\n';
      const problem =
        text.length > MAX_CRONTAB
          ? `crontab: the crontab is longer than ${MAX_CRONTAB} characters, can't install.`
          : crontabProblem(text, file);
      if (!problem) {
        install(text);
        await fs.rm(dir, { recursive: true, force: true });
        note('END EDIT');
        return { stdout: run.stdout, stderr: err, exitCode: 0 };
      }
      err += `${problem}\nerrors in crontab file, can't install.\n`;
      const again = services.ask ? await retry(err) : false;
      if (!again) {
        note('END EDIT');
        // With no terminal to ask at, what crontab printed is still to show, and its question unanswered.
        const shown = services.ask ? { stdout: '', stderr: '' } : { stdout: `${RETRY}\n`, stderr: err };
        return { stdout: shown.stdout, stderr: `${shown.stderr}crontab: edits left in ${file}\n`, exitCode: 0 };
      }
      err = '';
    }
  };

  /** cron's question after a refused edit, shown after what crontab printed so far: true to edit again. */
  const retry = async (shown: string): Promise<boolean> => {
    let before = shown;
    for (let asked = 0; asked < MAX_ASKS; asked++) {
      const answer = await askFor(services, { prompt: `${before}${RETRY}`, hidden: false });
      if (answer === null) return false;
      if (/^\s*y/i.test(answer)) return true;
      if (/^\s*n/i.test(answer)) return false;
      before = 'Enter Y or N\n';
    }
    return false;
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
      if (options.includes('-e')) return edit(ctx);
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

/** The random part of the temporary directory's name, as mkdtemp makes it (`/tmp/crontab.bA3kQz`). */
function tempSuffix(): string {
  const letters = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  return Array.from({ length: 6 }, () => letters[Math.floor(Math.random() * letters.length)]).join('');
}
