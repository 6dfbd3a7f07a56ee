import type { Json, Problems } from '../problems.js';
import { compileSafeRegex } from '../regex.js';
import type { MachineFinding, MachinePart } from './index.js';

/** Whether a service runs now, as `systemctl is-active` says it. */
export type ActiveState = 'active' | 'inactive' | 'failed';
const ACTIVE_STATES: readonly ActiveState[] = ['active', 'inactive', 'failed'];

/** One service a lab declares: a unit from an installed package (`nginx.service`) or its own `unit` file. */
export interface ServiceDeclaration {
  /** The unit's name, `<name>.service`. */
  name: string;
  /** Its unit file's text, written to `/etc/systemd/system/<name>` (a package's service has its own). */
  unit?: string;
  /** Running at the start (default false); a service that cannot start is `failed` instead. */
  active?: boolean;
  /** Started at boot (default false). */
  enabled?: boolean;
}

/** `machine.services`: services and their states, and the learner's crontab at the start. */
export interface ServicesDeclaration {
  units?: ServiceDeclaration[];
  /** The learner's crontab (`crontab -l`) at the start. */
  crontab?: string;
}

/** One unit as systemd knows it now. */
export interface UnitState {
  name: string;
  active: ActiveState;
  enabled: boolean;
  /** The unit file's text as systemd loaded it: edits take effect after `systemctl daemon-reload`. */
  loaded: string;
  /** When it last changed state, in milliseconds since 1970. */
  since: number;
}

/** One journal entry (`journalctl`): priority 3 is an error, 6 information. */
export interface JournalEntry {
  at: number;
  unit: string;
  priority: number;
  text: string;
}

/** The services now (a snapshot's `machine.services`). */
export interface ServicesState {
  units: UnitState[];
  journal: JournalEntry[];
  crontab: string;
}

export type ServiceCheck =
  /** `service` is in that `active` state and/or that `enabled` state (at least one is given). */
  | { kind: 'service-state'; service: string; active?: ActiveState; enabled?: boolean }
  /**
   * `service` is running, and since it last started its journal has a line containing `text` (what its program
   * said as it started, e.g. the port it listens on): proof that it runs with the configuration as it is now.
   */
  | { kind: 'service-log'; service: string; text: string }
  /** The learner's crontab has a line (not a comment) running a command matching `command`, on `schedule` if given. */
  | { kind: 'cron-entry'; command: string; schedule?: string };

/** Bounds on what a client may send: the journal keeps its newest entries only. */
export const MAX_UNITS = 20;
export const MAX_JOURNAL = 120;
export const MAX_UNIT_TEXT = 4000;
export const MAX_CRONTAB = 4000;
const MAX_JOURNAL_TEXT = 300;
const UNIT_NAME = /^[a-zA-Z0-9@_.-]{1,60}\.(service|timer)$/;

/** The five schedule fields of a crontab line, space-separated, or undefined for a comment, blank or variable line. */
export function cronEntry(line: string): { schedule: string; command: string } | undefined {
  const trimmed = line.trim();
  if (trimmed === '' || trimmed.startsWith('#') || /^[A-Za-z_][A-Za-z0-9_]*\s*=/.test(trimmed)) return undefined;
  if (trimmed.startsWith('@')) {
    const [schedule = '', ...rest] = trimmed.split(/\s+/);
    return { schedule, command: rest.join(' ') };
  }
  const fields = trimmed.split(/\s+/);
  if (fields.length < 6) return undefined;
  return { schedule: fields.slice(0, 5).join(' '), command: fields.slice(5).join(' ') };
}

function serviceName(value: unknown, at: string, problems: Problems): void {
  if (problems.text(value, at, 64) && !UNIT_NAME.test(value))
    problems.add(at, 'must be a unit name such as "nginx.service"');
}

function emptyState(): ServicesState {
  return { units: [], journal: [], crontab: '' };
}

export const servicesPart: MachinePart = {
  key: 'services',
  checkFields: {
    'service-state': ['service', 'active', 'enabled'],
    'cron-entry': ['command', 'schedule'],
    'service-log': ['service', 'text'],
  },
  declarationProblems(declaration, at, problems) {
    if (!problems.object(declaration, at)) return;
    problems.known(declaration, at, ['units', 'crontab']);
    if (declaration.crontab !== undefined) problems.text(declaration.crontab, `${at}.crontab`, MAX_CRONTAB, true);
    if (declaration.units === undefined || !problems.array(declaration.units, `${at}.units`, 0, MAX_UNITS)) return;
    declaration.units.forEach((unit, i) => {
      const here = `${at}.units[${i}]`;
      if (!problems.object(unit, here)) return;
      problems.known(unit, here, ['name', 'unit', 'active', 'enabled']);
      serviceName(unit.name, `${here}.name`, problems);
      if (
        unit.unit !== undefined &&
        problems.text(unit.unit, `${here}.unit`, MAX_UNIT_TEXT) &&
        !/^ExecStart=/m.test(unit.unit)
      ) {
        problems.add(`${here}.unit`, 'must have an ExecStart= line in its [Service] section');
      }
      problems.optionalBoolean(unit.active, `${here}.active`);
      problems.optionalBoolean(unit.enabled, `${here}.enabled`);
    });
  },
  checkProblems(check, at, problems) {
    if (check.kind === 'cron-entry') {
      problems.pattern(check.command, undefined, `${at}.command`, `${at}.command`);
      if (
        check.schedule !== undefined &&
        problems.text(check.schedule, `${at}.schedule`, 100) &&
        !cronEntry(`${check.schedule} x`)
      ) {
        problems.add(`${at}.schedule`, 'must be five cron fields such as "0 3 * * *", or @daily, @hourly, ...');
      }
      return;
    }
    serviceName(check.service, `${at}.service`, problems);
    if (check.kind === 'service-log') {
      problems.text(check.text, `${at}.text`, MAX_JOURNAL_TEXT);
      return;
    }
    problems.oneOf(check.active, `${at}.active`, ACTIVE_STATES, true);
    problems.optionalBoolean(check.enabled, `${at}.enabled`);
    if (check.active === undefined && check.enabled === undefined)
      problems.add(at, 'must have "active" or "enabled" (or both)');
  },
  startingState(declaration): ServicesState {
    // The shell resolves each unit's file and whether it can start; here the lab's word is kept as given.
    const { units = [], crontab = '' } = declaration as ServicesDeclaration;
    return {
      units: units.map((unit) => ({
        name: unit.name,
        active: unit.active ? 'active' : 'inactive',
        enabled: unit.enabled ?? false,
        loaded: unit.unit ?? '',
        since: 0,
      })),
      journal: [],
      crontab,
    };
  },
  stateProblem(state) {
    if (typeof state !== 'object' || state === null || Array.isArray(state)) return 'not an object';
    const { units, journal, crontab } = state as Json;
    if (typeof crontab !== 'string' || crontab.length > MAX_CRONTAB)
      return `crontab: not a text of at most ${MAX_CRONTAB} characters`;
    if (!Array.isArray(units) || units.length > MAX_UNITS) return `units: not a list of at most ${MAX_UNITS} units`;
    for (const unit of units as unknown[]) {
      const { name, active, enabled, loaded, since } = (unit ?? {}) as Json;
      if (
        typeof name !== 'string' ||
        !UNIT_NAME.test(name) ||
        !ACTIVE_STATES.includes(active as ActiveState) ||
        typeof enabled !== 'boolean' ||
        typeof loaded !== 'string' ||
        loaded.length > MAX_UNIT_TEXT ||
        typeof since !== 'number'
      ) {
        return 'units: each unit is { name, active, enabled, loaded, since }';
      }
    }
    if (!Array.isArray(journal) || journal.length > MAX_JOURNAL)
      return `journal: not a list of at most ${MAX_JOURNAL} entries`;
    for (const entry of journal as unknown[]) {
      const { at, unit, priority, text } = (entry ?? {}) as Json;
      if (
        typeof at !== 'number' ||
        typeof unit !== 'string' ||
        unit.length > 64 ||
        !Number.isInteger(priority) ||
        typeof text !== 'string' ||
        text.length > MAX_JOURNAL_TEXT
      ) {
        return 'journal: each entry is { at, unit, priority, text }';
      }
    }
    return null;
  },
  evaluate(check, state): MachineFinding {
    const services = (state ?? emptyState()) as ServicesState;
    if (check.kind === 'cron-entry') return cronFinding(check, services.crontab);
    const name = check.service as string;
    const unit = services.units.find((candidate) => candidate.name === name);
    if (check.kind === 'service-log') return logFinding(name, unit, services.journal, check.text as string);
    const active = unit?.active ?? 'inactive';
    const enabled = unit?.enabled ?? false;
    const holds =
      (check.active === undefined || check.active === active) &&
      (check.enabled === undefined || check.enabled === enabled);
    return { holds, saw: `${name} is ${active} and ${enabled ? 'enabled' : 'disabled'}` };
  },
};

function logFinding(
  name: string,
  unit: UnitState | undefined,
  journal: readonly JournalEntry[],
  text: string,
): MachineFinding {
  if (unit?.active !== 'active') return { holds: false, saw: `${name} is not running` };
  const since = journal.filter((entry) => entry.unit === name && entry.at >= unit.since);
  if (since.some((entry) => entry.text.includes(text)))
    return { holds: true, saw: `${name} logged "${text}" when it last started` };
  return { holds: false, saw: `${name} has not logged "${text}" since it last started` };
}

function cronFinding(check: Json, crontab: string): MachineFinding {
  const compiled = compileSafeRegex(check.command as string);
  if (!compiled.ok) return { holds: false, saw: `the lab's pattern is invalid: ${compiled.problem}` };
  const wanted = typeof check.schedule === 'string' ? cronEntry(`${check.schedule} x`)?.schedule : undefined;
  const entries = crontab.split('\n').flatMap((line) => cronEntry(line) ?? []);
  if (entries.length === 0) return { holds: false, saw: 'your crontab has no jobs' };
  const running = entries.filter((entry) => compiled.regex.search(entry.command) === 'match');
  if (running.length === 0) return { holds: false, saw: 'no job in your crontab runs that command' };
  if (wanted && !running.some((entry) => entry.schedule === wanted)) {
    return { holds: false, saw: `that job runs at "${running[0]!.schedule}", not "${wanted}"` };
  }
  return { holds: true, saw: 'your crontab has that job' };
}
