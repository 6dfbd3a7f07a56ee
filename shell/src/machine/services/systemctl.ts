import { fail, ok, type LearnerCommand } from '../../commands/command.js';
import { HOSTNAME } from '../../filesystem/layout.js';
import type { LearnerFs } from '../../filesystem/learner-fs.js';
import { runsAsRoot } from '../privilege.js';
import { journalLine } from './journal-text.js';
import { unitName, type Systemd, type UnitRunner } from './systemd.js';

const MANAGE = new Set([
  'start',
  'stop',
  'restart',
  'reload',
  'enable',
  'disable',
  'daemon-reload',
  'try-restart',
  'reload-or-restart',
]);

/** How long ago `since` was, as systemctl status words it (`5s ago`, `2min 3s ago`, `1h 2min ago`). */
function ago(since: number): string {
  const seconds = Math.max(0, Math.round((Date.now() - since) / 1000));
  if (seconds < 60) return `${seconds}s ago`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)}min ${seconds % 60}s ago`;
  return `${Math.floor(seconds / 3600)}h ${Math.floor((seconds % 3600) / 60)}min ago`;
}

function when(since: number): string {
  const date = new Date(since);
  const day = date.toUTCString().slice(0, 3);
  return `${day} ${date.toISOString().slice(0, 19).replace('T', ' ')} UTC`;
}

/** `systemctl`: the states of units, starting and stopping them (as root), their files. */
export function systemctlCommand(systemd: Systemd, fs: LearnerFs): LearnerCommand {
  return {
    name: 'systemctl',
    async execute(args, ctx) {
      const run: UnitRunner = (command) =>
        ctx.exec ? ctx.exec(command, { cwd: '/' }) : Promise.resolve({ stdout: '', stderr: '', exitCode: 0 });
      const options = args.filter((arg) => arg.startsWith('-'));
      const [verb = 'list-units', ...names] = args.filter((arg) => !arg.startsWith('-'));
      const all = options.some((option) => option === '-a' || option === '--all');
      if (options.includes('--failed')) return listUnits(systemd, 'failed');
      if (MANAGE.has(verb) && !runsAsRoot(fs)) {
        if (verb === 'daemon-reload') return fail('Failed to reload daemon: Access denied\n', 1);
        const name = names[0] ? unitName(names[0]) : '';
        return fail(
          `Failed to ${verb.replace('daemon-', '')} ${name}: Interactive authentication required.\nSee system logs and 'systemctl status ${name}' for details.\n`,
          1,
        );
      }
      switch (verb) {
        case 'list-units':
          return listUnits(systemd, all ? 'all' : 'loaded');
        case 'daemon-reload':
          systemd.daemonReload();
          return ok();
        case 'status':
          return status(systemd, names);
        case 'cat':
          return cat(systemd, names);
        case 'is-active':
          return answer(
            names,
            (unit) => systemd.unit(unit)?.active ?? 'inactive',
            (state) => state === 'active',
          );
        case 'is-failed':
          return answer(
            names,
            (unit) => systemd.unit(unit)?.active ?? 'inactive',
            (state) => state === 'failed',
          );
        case 'is-enabled':
          return isEnabled(systemd, names);
        default:
          break;
      }
      if (!MANAGE.has(verb)) return fail(`Unknown command verb '${verb}'.\n`, 1);
      if (names.length === 0) return fail(`Too few arguments.\n`, 1);
      let out = '';
      let err = '';
      let code = 0;
      for (const name of names.map(unitName)) {
        if (!systemd.load(name)) {
          err += `Failed to ${verb} ${name}: Unit ${name} not found.\n`;
          code = verb === 'start' || verb === 'restart' ? 5 : 1;
          continue;
        }
        if (systemd.changedOnDisk(name))
          err += `Warning: The unit file, source configuration file or drop-ins of ${name} changed on disk. Run 'systemctl daemon-reload' to reload units.\n`;
        const result = await manage(systemd, verb, name, run);
        out += result.out;
        err += result.err;
        if (result.code) code = result.code;
        // `enable --now` also starts the unit, `disable --now` also stops it.
        if (options.includes('--now') && (verb === 'enable' || verb === 'disable')) {
          const now = await manage(systemd, verb === 'enable' ? 'start' : 'stop', name, run);
          out += now.out;
          err += now.err;
          if (now.code) code = now.code;
        }
      }
      return { stdout: out, stderr: err, exitCode: code };
    },
  };
}

async function manage(
  systemd: Systemd,
  verb: string,
  name: string,
  run: UnitRunner,
): Promise<{ out: string; err: string; code: number }> {
  const failed = (kind: string) => ({
    out: '',
    err: `Job for ${name} failed because the control process exited with error code.\nSee "systemctl status ${name}" and "journalctl -xeu ${name}" for details.\n${kind}`,
    code: 1,
  });
  switch (verb) {
    case 'start':
      return (await systemd.start(name, run)) ? { out: '', err: '', code: 0 } : failed('');
    case 'stop':
      systemd.stop(name);
      return { out: '', err: '', code: 0 };
    case 'restart':
    case 'reload-or-restart':
    case 'try-restart':
      if (verb === 'try-restart' && systemd.unit(name)!.active !== 'active') return { out: '', err: '', code: 0 };
      if (
        verb === 'reload-or-restart' &&
        systemd.unit(name)!.active === 'active' &&
        systemd.parsed(name).execReload.length
      ) {
        return (await systemd.reload(name, run)) ? { out: '', err: '', code: 0 } : failed('');
      }
      systemd.stop(name);
      return (await systemd.start(name, run)) ? { out: '', err: '', code: 0 } : failed('');
    case 'reload':
      if (systemd.unit(name)!.active !== 'active')
        return {
          out: '',
          err: `Failed to reload ${name}: Job type reload is not applicable for unit ${name}.\n`,
          code: 1,
        };
      if (!systemd.parsed(name).execReload.length)
        return {
          out: '',
          err: `Failed to reload ${name}: Job type reload is not applicable for unit ${name}.\n`,
          code: 1,
        };
      return (await systemd.reload(name, run))
        ? { out: '', err: '', code: 0 }
        : {
            out: '',
            err: `Job for ${name} failed.\nSee "systemctl status ${name}" and "journalctl -xeu ${name}" for details.\n`,
            code: 1,
          };
    case 'enable': {
      if (systemd.parsed(name).wantedBy.length === 0) {
        return {
          out: '',
          err: `The unit files have no installation config (WantedBy=, RequiredBy=, Also=,\nAlias= settings in the [Install] section, and DefaultInstance= for template\nunits). This means they are not meant to be enabled or disabled using systemctl.\n`,
          code: 0,
        };
      }
      const links = await systemd.enable(name);
      return {
        out: '',
        err: links.map((link) => `Created symlink ${link} → ${systemd.filePath(name)}.\n`).join(''),
        code: 0,
      };
    }
    case 'disable':
      return {
        out: '',
        err: systemd
          .disable(name)
          .map((link) => `Removed "${link}".\n`)
          .join(''),
        code: 0,
      };
    default:
      return { out: '', err: '', code: 0 };
  }
}

function answer(names: string[], value: (unit: string) => string, good: (value: string) => boolean) {
  if (names.length === 0) return fail('Too few arguments.\n', 1);
  const values = names.map((name) => value(unitName(name)));
  return { stdout: values.map((v) => `${v}\n`).join(''), stderr: '', exitCode: values.some(good) ? 0 : 3 };
}

function isEnabled(systemd: Systemd, names: string[]) {
  if (names.length === 0) return fail('Too few arguments.\n', 1);
  let out = '';
  let code = 1;
  for (const name of names.map(unitName)) {
    const unit = systemd.load(name);
    if (!unit) return fail(`Failed to get unit file state for ${name}: No such file or directory\n`, 1, out);
    const state = unit.enabled ? 'enabled' : systemd.parsed(name).wantedBy.length ? 'disabled' : 'static';
    if (state !== 'disabled') code = 0;
    out += `${state}\n`;
  }
  return { stdout: out, stderr: '', exitCode: code };
}

function listUnits(systemd: Systemd, which: 'all' | 'loaded' | 'failed') {
  const shown = systemd
    .units()
    .filter((unit) => which === 'all' || unit.active !== 'inactive')
    .filter((unit) => which !== 'failed' || unit.active === 'failed');
  const width = Math.max(4, ...shown.map((unit) => unit.name.length));
  const sub = (active: string, type: string) =>
    active === 'active' ? (type === 'oneshot' ? 'exited' : 'running') : active === 'failed' ? 'failed' : 'dead';
  const rows = shown.map((unit) => {
    const file = systemd.parsed(unit.name);
    return `${unit.active === 'failed' ? '●' : ' '} ${unit.name.padEnd(width)} loaded ${unit.active.padEnd(8)} ${sub(unit.active, file.type).padEnd(7)} ${file.description}`;
  });
  return ok(
    `  ${'UNIT'.padEnd(width)} LOAD   ACTIVE   SUB     DESCRIPTION\n${rows.map((row) => `${row}\n`).join('')}\n` +
      'LOAD   = Reflects whether the unit definition was properly loaded.\nACTIVE = The high-level unit activation state, i.e. generalization of SUB.\nSUB    = The low-level unit activation state, values depend on unit type.\n' +
      `${shown.length} loaded units listed.${which === 'all' ? '' : ' Pass --all to see loaded but inactive units, too.'}\n`,
  );
}

function cat(systemd: Systemd, names: string[]) {
  let out = '';
  for (const name of names.map(unitName)) {
    const text = systemd.fileText(name);
    if (text === undefined) return fail(`No files found for ${name}.\n`, 1, out);
    out += `${out ? '\n' : ''}# ${systemd.filePath(name)}\n${text}`;
  }
  return ok(out);
}

function status(systemd: Systemd, names: string[]) {
  const wanted = names.length ? names.map(unitName) : systemd.units().map((unit) => unit.name);
  let out = '';
  let code = 0;
  for (const name of wanted) {
    const unit = systemd.load(name);
    if (!unit) return fail(`Unit ${name} could not be found.\n`, 4, out);
    const file = systemd.parsed(name);
    const dot = unit.active === 'active' ? '●' : unit.active === 'failed' ? '×' : '○';
    const enabled = unit.enabled ? 'enabled' : file.wantedBy.length ? 'disabled' : 'static';
    const active =
      unit.active === 'active'
        ? `active (${file.type === 'oneshot' ? 'exited' : 'running'}) since ${when(unit.since)}; ${ago(unit.since)}`
        : unit.active === 'failed'
          ? `failed (Result: exit-code) since ${when(unit.since)}; ${ago(unit.since)}`
          : unit.since
            ? `inactive (dead) since ${when(unit.since)}; ${ago(unit.since)}`
            : 'inactive (dead)';
    out += `${out ? '\n' : ''}${dot} ${name}${file.description ? ` - ${file.description}` : ''}\n`;
    out += `     Loaded: loaded (${systemd.filePath(name)}; ${enabled}; preset: enabled)\n     Active: ${active}\n`;
    if (unit.active === 'active' && file.type !== 'oneshot')
      out += `   Main PID: ${systemd.mainPid(name)} (${(file.execStart[0] ?? '')
        .replace(/^[-@+!:]+/, '')
        .split(/\s+/)[0]!
        .split('/')
        .pop()})\n`;
    if (systemd.changedOnDisk(name))
      out += `Warning: The unit file, source configuration file or drop-ins of ${name} changed on disk. Run 'systemctl daemon-reload' to reload units.\n`;
    const lines = systemd
      .journal()
      .filter((entry) => entry.unit === name)
      .slice(-10);
    if (lines.length) out += `\n${lines.map((entry) => `${journalLine(entry, HOSTNAME)}\n`).join('')}`;
    if (unit.active !== 'active') code = 3;
  }
  return { stdout: out, stderr: '', exitCode: code };
}
