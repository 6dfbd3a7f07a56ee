import { MAX_JOURNAL, type ActiveState, type JournalEntry, type ServicesState, type UnitState } from '@lta/labs';
import { ROOT, type LearnerFs } from '../../filesystem/learner-fs.js';
import { HOSTNAME } from '../../filesystem/layout.js';
import type { MachineEvents, ServiceSocket } from '../events.js';
import type { MachineRunner } from '../index.js';
import { readAsRoot } from '../root-files.js';
import { nginxSites, testNginxConfig } from './nginx-config.js';
import { commandOf, parseUnit, programOf, type UnitFile } from './unit-file.js';

export const UNIT_DIRS = ['/etc/systemd/system', '/lib/systemd/system'] as const;
const WANTS = '/etc/systemd/system/multi-user.target.wants';
const SYSLOG = '/var/log/syslog';
const NGINX_ERROR_LOG = '/var/log/nginx/error.log';
/** Longest /var/log file kept: older lines go first, as logrotate would take them away. */
const MAX_LOG_FILE = 16_000;
/** Programs systemd runs here without the shell: nginx checks its configuration, the others always start. */
const SIMULATED = new Set(['nginx', 'sshd', 'cron', 'start-stop-daemon']);
const SSHD_CONFIG = '/etc/ssh/sshd_config';

/** Runs one command line of a unit (its `ExecStart=` program), as the service's process would. */
export type UnitRunner = MachineRunner;

/** What a program printed while starting, and whether it succeeded. */
interface ProgramRun {
  exitCode: number;
  out: string[];
  err: string[];
}

/** `nginx.service` for `nginx`, as systemctl completes a bare name. */
export function unitName(name: string): string {
  return /\.(service|timer|socket|target|mount)$/.test(name) ? name : `${name}.service`;
}

/** A program's PID in messages: stable for one start of one unit, so status and the journal agree. */
function pidOf(unit: string, since: number): number {
  let hash = 0;
  for (const c of unit) hash = (hash * 31 + c.charCodeAt(0)) % 9000;
  return 400 + ((hash + Math.floor(since / 1000)) % 9000);
}

/** systemd: units loaded from their files, their states, and the journal; writes /var/log as things happen. */
export class Systemd {
  private state: ServicesState;
  private changed: boolean;
  /** Units boot should have started whose programs run in the shell (see `settle`). */
  private waiting: string[] = [];
  /** What each running unit listens on, as its program read its configuration when it (re)started. */
  private readonly sockets = new Map<string, ServiceSocket[]>();

  constructor(
    saved: ServicesState | undefined,
    private readonly fs: LearnerFs,
    events: MachineEvents,
  ) {
    this.changed = saved !== undefined;
    this.state = saved ?? { units: [], journal: [], crontab: '' };
    // Debian's maintainer scripts enable and start a package's service, and stop it on removal.
    events.on('installed', (pkg) => {
      if (!pkg.service) return;
      const unit = this.load(pkg.service);
      if (unit) void this.enable(pkg.service).then(() => this.start(pkg.service!));
    });
    events.on('removed', ({ pkg, purge }) => {
      if (!pkg.service || !this.unit(pkg.service)) return;
      if (this.unit(pkg.service)!.active === 'active') this.stop(pkg.service);
      if (purge) {
        this.fs.removeSync(`${WANTS}/${pkg.service}`);
        this.setUnits(this.state.units.filter((unit) => unit.name !== pkg.service));
      }
    });
  }

  snapshot(): ServicesState | undefined {
    return this.changed ? this.state : undefined;
  }

  get crontab(): string {
    return this.state.crontab;
  }

  set crontab(text: string) {
    this.state = { ...this.state, crontab: text };
    this.changed = true;
  }

  /** At boot: the lab's units get their files and links; every unit file on disk is loaded; declared ones start. */
  boot(): void {
    const fresh = this.state.units.every((unit) => unit.since === 0);
    if (fresh) {
      for (const unit of this.state.units)
        if (unit.loaded && !this.fs.nodeAt(`/etc/systemd/system/${unit.name}`))
          this.fs.writeFileSync(`/etc/systemd/system/${unit.name}`, unit.loaded);
    }
    for (const dir of UNIT_DIRS) {
      if (this.fs.nodeAt(dir)?.type !== 'dir') continue;
      for (const name of this.fs.childrenOf(dir)) {
        if (/\.service$/.test(name) && !this.unit(name)) {
          // A package's service (in /lib) on a machine prepared for the lab runs, as Debian leaves it after installing.
          const running = fresh && dir === '/lib/systemd/system';
          this.state.units.push({
            name,
            active: running ? 'active' : 'inactive',
            enabled: running,
            loaded: '',
            since: 0,
          });
        }
      }
    }
    for (const unit of this.state.units) {
      if (unit.loaded === '') unit.loaded = this.fileText(unit.name) ?? '';
      if (unit.enabled) this.link(unit.name);
    }
    if (!fresh) return;
    const starting = this.state.units.filter((unit) => unit.active === 'active');
    for (const unit of starting) unit.active = 'inactive';
    // After the boot's synchronous part, when the lab's own files (a broken nginx site, ...) are in place. A unit
    // whose program runs in the shell starts just before the learner's first line (`settle`), which can run it.
    const simulated = (unit: UnitState) =>
      [...this.parsed(unit.name).execStartPre, ...this.parsed(unit.name).execStart].every((line) =>
        SIMULATED.has(programOf(line).split('/').pop() ?? ''),
      );
    this.waiting = starting.filter((unit) => !simulated(unit)).map((unit) => unit.name);
    void Promise.resolve().then(async () => {
      for (const unit of starting.filter(simulated)) await this.start(unit.name);
    });
  }

  /**
   * Starts the units that boot left waiting because their programs run in the shell, now that `run` can run them,
   * before the learner's first line: a service that fails at boot is `failed`, with its errors in the journal.
   */
  async settle(run: UnitRunner): Promise<void> {
    const waiting = this.waiting;
    this.waiting = [];
    for (const name of waiting) await this.start(name, run);
  }

  /** Every unit systemd has loaded, by name. */
  units(): readonly UnitState[] {
    return [...this.state.units].sort((a, b) => a.name.localeCompare(b.name));
  }

  unit(name: string): UnitState | undefined {
    return this.state.units.find((unit) => unit.name === name);
  }

  /** Where the unit's file is: /etc/systemd/system overrides /lib/systemd/system. */
  filePath(name: string): string | undefined {
    return UNIT_DIRS.map((dir) => `${dir}/${name}`).find((path) => readAsRoot(this.fs, path) !== undefined);
  }

  fileText(name: string): string | undefined {
    const path = this.filePath(name);
    return path ? readAsRoot(this.fs, path) : undefined;
  }

  /** The unit, loaded from its file if systemd had not loaded it yet (as systemd does when a unit is named). */
  load(name: string): UnitState | undefined {
    const known = this.unit(name);
    if (known) return known;
    const text = this.fileText(name);
    if (text === undefined) return undefined;
    const unit: UnitState = { name, active: 'inactive', enabled: false, loaded: text, since: 0 };
    this.setUnits([...this.state.units, unit]);
    return unit;
  }

  /** True when the unit's file changed since systemd loaded it (systemctl then asks for daemon-reload). */
  changedOnDisk(name: string): boolean {
    const unit = this.unit(name);
    return unit !== undefined && this.fileText(name) !== undefined && this.fileText(name) !== unit.loaded;
  }

  parsed(name: string): UnitFile {
    return parseUnit(this.unit(name)?.loaded ?? '');
  }

  daemonReload(): void {
    this.setUnits(
      this.state.units.flatMap((unit) => {
        const text = this.fileText(unit.name);
        return text === undefined
          ? unit.active === 'active'
            ? [{ ...unit, loaded: '' }]
            : []
          : [{ ...unit, loaded: text }];
      }),
    );
    this.log('', 6, 'systemd[1]: Reloading.');
  }

  /** Starts the unit: runs its ExecStartPre= and ExecStart= programs; a failing one leaves it `failed`. */
  async start(name: string, run?: UnitRunner): Promise<boolean> {
    const unit = this.unit(name)!;
    if (unit.active === 'active') return true;
    const file = this.parsed(name);
    const title = `${name}${file.description ? ` - ${file.description}` : ''}`;
    const since = Date.now();
    this.log(name, 6, `systemd[1]: Starting ${title}...`);
    const steps = [
      ...file.execStartPre.map((line) => ({ line, pre: true })),
      ...file.execStart.map((line) => ({ line, pre: false })),
    ];
    for (const { line, pre } of steps) {
      const result = await this.runProgram(line, run);
      const ident = `${programOf(line).split('/').pop()}[${pidOf(name, since)}]`;
      for (const text of result.out) this.log(name, 6, `${ident}: ${text}`);
      for (const text of result.err) this.log(name, 3, `${ident}: ${text}`);
      if (result.exitCode !== 0 && !line.startsWith('-')) {
        this.log(
          name,
          6,
          `systemd[1]: ${name}: ${pre ? 'Control' : 'Main'} process exited, code=exited, status=${result.exitCode}/FAILURE`,
        );
        this.log(name, 4, `systemd[1]: ${name}: Failed with result 'exit-code'.`);
        this.log(name, 3, `systemd[1]: Failed to start ${title}.`);
        this.setState(name, 'failed', since);
        return false;
      }
    }
    const stays = file.type !== 'oneshot' || file.remainAfterExit;
    this.log(name, 6, `systemd[1]: ${stays ? 'Started' : 'Finished'} ${title}.`);
    this.setState(name, stays ? 'active' : 'inactive', since);
    if (stays) this.sockets.set(name, this.socketsOf(name));
    return true;
  }

  stop(name: string): void {
    const unit = this.unit(name)!;
    if (unit.active !== 'active') {
      if (unit.active === 'failed') this.setState(name, 'inactive', unit.since);
      return;
    }
    const file = this.parsed(name);
    const title = `${name}${file.description ? ` - ${file.description}` : ''}`;
    this.log(name, 6, `systemd[1]: Stopping ${title}...`);
    this.log(name, 6, `systemd[1]: ${name}: Deactivated successfully.`);
    this.log(name, 6, `systemd[1]: Stopped ${title}.`);
    this.setState(name, 'inactive', Date.now());
  }

  /** Reloads a running unit's configuration: ExecReload=, whose failure keeps the old configuration running. */
  async reload(name: string, run?: UnitRunner): Promise<boolean> {
    const file = this.parsed(name);
    const title = `${name}${file.description ? ` - ${file.description}` : ''}`;
    this.log(name, 6, `systemd[1]: Reloading ${title}...`);
    for (const line of file.execReload) {
      const result = await this.runProgram(line, run);
      const ident = `${programOf(line).split('/').pop()}[${pidOf(name, Date.now())}]`;
      for (const text of [...result.out, ...result.err]) this.log(name, result.exitCode ? 3 : 6, `${ident}: ${text}`);
      if (result.exitCode !== 0) {
        this.log(
          name,
          6,
          `systemd[1]: ${name}: Control process exited, code=exited, status=${result.exitCode}/FAILURE`,
        );
        this.log(name, 3, `systemd[1]: Reload failed for ${title}.`);
        return false;
      }
    }
    this.log(name, 6, `systemd[1]: Reloaded ${title}.`);
    this.sockets.set(name, this.socketsOf(name));
    return true;
  }

  /**
   * The sockets of the running units (nginx's `listen` ports, sshd's `Port`): the machine's listening ports, which
   * open when a service starts and close when it stops. A unit running since before this session (a saved
   * snapshot) listens as its configuration says now.
   */
  listening(): ServiceSocket[] {
    return this.state.units
      .filter((unit) => unit.active === 'active')
      .flatMap((unit) => {
        if (!this.sockets.has(unit.name)) this.sockets.set(unit.name, this.socketsOf(unit.name));
        return this.sockets.get(unit.name)!;
      });
  }

  /** What the unit's main program listens on once started, read from its configuration files. */
  private socketsOf(name: string): ServiceSocket[] {
    const program = programOf(this.parsed(name).execStart[0] ?? '')
      .split('/')
      .pop();
    if (program === 'nginx')
      return nginxSites(this.fs).map(({ port, root, index }) => ({ port, kind: 'http', program, root, index }));
    if (program === 'sshd') {
      const port = /^\s*Port\s+(\d{1,5})\s*$/im.exec(readAsRoot(this.fs, SSHD_CONFIG) ?? '')?.[1];
      return [{ port: port ? Number(port) : 22, kind: 'ssh', program }];
    }
    return [];
  }

  /** Enables the unit; returns the links made, as systemctl reports them. */
  async enable(name: string): Promise<string[]> {
    const unit = this.unit(name)!;
    if (unit.enabled) return [];
    this.setUnits(
      this.state.units.map((candidate) => (candidate.name === name ? { ...candidate, enabled: true } : candidate)),
    );
    return [this.link(name)];
  }

  disable(name: string): string[] {
    const unit = this.unit(name)!;
    if (!unit.enabled) return [];
    this.setUnits(
      this.state.units.map((candidate) => (candidate.name === name ? { ...candidate, enabled: false } : candidate)),
    );
    this.fs.removeSync(`${WANTS}/${name}`);
    return [`${WANTS}/${name}`];
  }

  mainPid(name: string): number {
    return pidOf(name, this.unit(name)?.since ?? 0);
  }

  /** The journal, oldest first. */
  journal(): readonly JournalEntry[] {
    return this.state.journal;
  }

  /** Adds a journal entry (`text` is `ident[pid]: message`) and the same line to /var/log/syslog. */
  log(unit: string, priority: number, text: string): void {
    const at = Date.now();
    this.state = {
      ...this.state,
      journal: [...this.state.journal, { at, unit, priority, text: text.slice(0, 300) }].slice(-MAX_JOURNAL),
    };
    this.changed = true;
    this.append(SYSLOG, `${new Date(at).toISOString().replace('Z', '+00:00')} ${HOSTNAME} ${text}\n`);
  }

  private link(name: string): string {
    const path = `${WANTS}/${name}`;
    const target = this.filePath(name) ?? `/lib/systemd/system/${name}`;
    if (!this.fs.nodeAt(path)) this.fs.symlinkSync(target, path);
    return path;
  }

  private append(path: string, line: string): void {
    const before = readAsRoot(this.fs, path) ?? '';
    const text = before + line;
    this.fs.writeFileSync(
      path,
      text.length > MAX_LOG_FILE ? text.slice(text.indexOf('\n', text.length - MAX_LOG_FILE) + 1) : text,
    );
  }

  /** Runs one program of a unit: nginx and cron are simulated here, anything else runs in the learner's shell. */
  private async runProgram(line: string, run?: UnitRunner): Promise<ProgramRun> {
    const program = programOf(line).split('/').pop();
    if (program === 'nginx') {
      const config = testNginxConfig(this.fs);
      if (config.ok) return { exitCode: 0, out: [], err: [] };
      const stamp = new Date().toISOString().replace(/-/g, '/').replace('T', ' ').slice(0, 19);
      this.append(NGINX_ERROR_LOG, `${stamp} [emerg] ${pidOf('nginx', 0)}#${pidOf('nginx', 0)}: ${config.error}\n`);
      return {
        exitCode: 1,
        out: [],
        err: [`nginx: [emerg] ${config.error}`, 'nginx: configuration file /etc/nginx/nginx.conf test failed'],
      };
    }
    if (SIMULATED.has(program ?? '') || !run) return { exitCode: 0, out: [], err: [] };
    // A system service runs as root, whoever asked systemd to start it.
    const result = await this.fs.as(ROOT, () => run(commandOf(line)));
    const lines = (text: string) =>
      text
        .split('\n')
        .filter((entry) => entry !== '')
        .slice(-20);
    return { exitCode: result.exitCode, out: lines(result.stdout), err: lines(result.stderr) };
  }

  private setState(name: string, active: ActiveState, since: number): void {
    if (active !== 'active') this.sockets.delete(name);
    this.setUnits(this.state.units.map((unit) => (unit.name === name ? { ...unit, active, since } : unit)));
  }

  private setUnits(units: UnitState[]): void {
    this.state = { ...this.state, units };
    this.changed = true;
  }
}
