import { fail, ok, type LearnerCommand } from '../../commands/command.js';
import { HOSTNAME } from '../../filesystem/layout.js';
import { journalLine } from './journal-text.js';
import { unitName, type Systemd } from './systemd.js';

const PRIORITIES = ['emerg', 'alert', 'crit', 'err', 'warning', 'notice', 'info', 'debug'];
const UNITS: Record<string, number> = {
  s: 1,
  sec: 1,
  second: 1,
  seconds: 1,
  m: 60,
  min: 60,
  minute: 60,
  minutes: 60,
  h: 3600,
  hour: 3600,
  hours: 3600,
  d: 86400,
  day: 86400,
  days: 86400,
};

/** A `--since`/`--until` time as systemd reads it: `today`, `yesterday`, `-5m`, `10 min ago`, `HH:MM[:SS]`, `YYYY-MM-DD [HH:MM[:SS]]`. */
export function parseTime(text: string, now: number): number | undefined {
  const value = text.trim();
  const midnight = new Date(now);
  midnight.setUTCHours(0, 0, 0, 0);
  if (value === 'now') return now;
  if (value === 'today') return midnight.getTime();
  if (value === 'yesterday') return midnight.getTime() - 86_400_000;
  const relative = /^-(\d+)\s*([a-z]+)$/.exec(value) ?? /^(\d+)\s*([a-z]+) ago$/.exec(value);
  if (relative) {
    const unit = UNITS[relative[2]!];
    return unit === undefined ? undefined : now - Number(relative[1]) * unit * 1000;
  }
  const clock = /^(\d{1,2}):(\d{2})(?::(\d{2}))?$/.exec(value);
  if (clock)
    return midnight.getTime() + ((Number(clock[1]) * 60 + Number(clock[2])) * 60 + Number(clock[3] ?? 0)) * 1000;
  const full = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/.exec(value);
  if (full)
    return Date.UTC(
      Number(full[1]),
      Number(full[2]) - 1,
      Number(full[3]),
      Number(full[4] ?? 0),
      Number(full[5] ?? 0),
      Number(full[6] ?? 0),
    );
  return undefined;
}

/** `journalctl`: the journal, by unit (`-u`), newest lines (`-n`), time (`--since`) and priority (`-p err`). */
export function journalctlCommand(systemd: Systemd): LearnerCommand {
  return {
    name: 'journalctl',
    async execute(args) {
      const units: string[] = [];
      let lines: number | undefined;
      let since: number | undefined;
      let until: number | undefined;
      let priority = 7;
      let reverse = false;
      let follow = false;
      for (let i = 0; i < args.length; i++) {
        const arg = args[i]!;
        const value = (short: string, long: string): string | undefined => {
          if (arg === short || arg === long) return args[++i];
          if (arg.startsWith(`${long}=`)) return arg.slice(long.length + 1);
          if (short && arg.startsWith(short) && arg.length > short.length) return arg.slice(short.length);
          return undefined;
        };
        let v: string | undefined;
        if ((v = value('-u', '--unit')) !== undefined) units.push(unitName(v));
        else if ((v = value('-n', '--lines')) !== undefined) {
          if (!/^\+?\d+$/.test(v)) return fail(`Failed to parse lines '${v}'.\n`, 1);
          lines = Number(v);
        } else if ((v = value('-S', '--since')) !== undefined) {
          since = parseTime(v, Date.now());
          if (since === undefined) return fail(`Failed to parse timestamp: ${v}\n`, 1);
        } else if ((v = value('-U', '--until')) !== undefined) {
          until = parseTime(v, Date.now());
          if (until === undefined) return fail(`Failed to parse timestamp: ${v}\n`, 1);
        } else if ((v = value('-p', '--priority')) !== undefined) {
          const level = /^\d$/.test(v) ? Number(v) : PRIORITIES.indexOf(v.split('..').pop()!);
          if (level < 0 || level > 7) return fail(`Failed to parse log level: ${v}\n`, 1);
          priority = level;
        } else if (arg === '-r' || arg === '--reverse') reverse = true;
        else if (arg === '-f' || arg === '--follow') follow = true;
        else if (arg === '-e' || arg === '--pager-end') lines ??= 1000;
        else if (/^-[xqeb]+$|^--(no-pager|quiet|catalog|boot)$/.test(arg)) continue;
        else if (/^-[a-z]*[xqe]*f[xqe]*$/.test(arg)) follow = true;
        else return fail(`journalctl: unrecognized option '${arg}'\n`, 1);
      }
      if (follow) lines ??= 10;
      let entries = systemd
        .journal()
        .filter(
          (entry) =>
            (units.length === 0 || units.includes(entry.unit)) &&
            entry.priority <= priority &&
            (since === undefined || entry.at >= since) &&
            (until === undefined || entry.at <= until),
        );
      if (lines !== undefined) entries = entries.slice(Math.max(0, entries.length - lines));
      if (reverse) entries = [...entries].reverse();
      if (entries.length === 0) return ok('-- No entries --\n');
      // Following would wait for new lines forever; here it shows the newest ones and ends, as if Ctrl-C came at once.
      return ok(entries.map((entry) => `${journalLine(entry, HOSTNAME)}\n`).join(''));
    },
  };
}
