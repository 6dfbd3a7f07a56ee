import {
  BASE_PACKAGES,
  CATALOG_MAINTAINER,
  catalogPackage,
  DEFAULT_PACKAGES,
  PACKAGE_CATALOG,
  startingMachine,
  withDependencies,
  type CatalogPackage,
  type InstalledPackage,
  type PackagesState,
} from '@lta/labs';
import type { LearnerFs } from '../../filesystem/learner-fs.js';
import type { MachineEvents } from '../events.js';

export const STATUS_FILE = '/var/lib/dpkg/status';
/** Files and directories dpkg counts on the base system. */
const BASE_FILE_COUNT = 6089;
/** Programs a package may put on PATH: what just-bash (or this part) runs once the file exists. */
const PROGRAM_DIRS = ['/usr/bin/', '/usr/sbin/', '/usr/games/', '/bin/', '/sbin/'];

/** The dpkg database: what is installed, the files each package owns, and installing or removing them. */
export class PackageDatabase {
  private state: PackagesState;
  /** False until something changes on a machine whose lab declared no packages (its state stays implicit). */
  private changed: boolean;

  constructor(
    saved: PackagesState | undefined,
    private readonly fs: LearnerFs,
    private readonly events: MachineEvents,
  ) {
    this.changed = saved !== undefined;
    this.state = saved ?? (startingMachine({ packages: DEFAULT_PACKAGES })!.packages as PackagesState);
  }

  /** The state for the snapshot, undefined while the machine is as a lab without packages starts. */
  snapshot(): PackagesState | undefined {
    return this.changed ? this.state : undefined;
  }

  get updated(): boolean {
    return this.state.updated;
  }

  markUpdated(): void {
    this.state = { ...this.state, updated: true };
    this.changed = true;
  }

  installed(name: string): InstalledPackage | undefined {
    const base = BASE_PACKAGES.find((pkg) => pkg.name === name);
    if (base) return { name, version: base.version, auto: false };
    return this.state.installed.find((pkg) => pkg.name === name);
  }

  /** Every installed package, base ones included, by name. */
  all(): InstalledPackage[] {
    return [
      ...BASE_PACKAGES.map((pkg) => ({ name: pkg.name, version: pkg.version, auto: false })),
      ...this.state.installed,
    ].sort((a, b) => a.name.localeCompare(b.name));
  }

  hasConfigOnly(name: string): boolean {
    return this.state.configRemains.includes(name);
  }

  /** Installed packages that were pulled in as dependencies and that no installed package needs any more. */
  orphans(without: readonly string[] = []): InstalledPackage[] {
    return this.unneeded(without).sort((a, b) => a.name.localeCompare(b.name));
  }

  private unneeded(without: readonly string[]): InstalledPackage[] {
    const kept = this.state.installed.filter((pkg) => !without.includes(pkg.name));
    const needed = new Set<string>();
    const need = (name: string) => {
      if (needed.has(name)) return;
      needed.add(name);
      for (const dependency of catalogPackage(name)?.depends ?? []) need(dependency);
    };
    for (const pkg of kept) if (!pkg.auto) need(pkg.name);
    return kept.filter((pkg) => !needed.has(pkg.name));
  }

  /** What installing `names` adds: each missing package and its missing dependencies, dependencies first. */
  plan(names: readonly string[]): InstalledPackage[] {
    return withDependencies(names, (name) => this.installed(name) !== undefined);
  }

  /** Installs planned packages: writes their files, records them, then lets their services start. */
  install(planned: readonly InstalledPackage[]): void {
    for (const entry of planned) {
      const pkg = catalogPackage(entry.name)!;
      this.writeFiles(pkg, this.hasConfigOnly(pkg.name));
      this.state = {
        ...this.state,
        installed: [...this.state.installed, entry],
        configRemains: this.state.configRemains.filter((name) => name !== pkg.name),
      };
    }
    this.saved();
    for (const entry of planned) this.events.emit('installed', catalogPackage(entry.name)!);
  }

  /** Whether the package is installed and configured (an unpacked one, `iU`, is not). */
  configured(name: string): boolean {
    return this.installed(name)?.unpacked !== true && this.installed(name) !== undefined;
  }

  /** Packages `dpkg -i` unpacked but could not configure (a dependency missing), by name. */
  unconfigured(): InstalledPackage[] {
    return this.state.installed.filter((pkg) => pkg.unpacked);
  }

  /** The dependencies of `name` that are not installed and configured, as dpkg finds them before configuring it. */
  missingFor(name: string): string[] {
    return (catalogPackage(name)?.depends ?? []).filter((dependency) => !this.configured(dependency));
  }

  /** `dpkg -i`'s first half: the package's files in place, recorded as unpacked (asked for by name). */
  unpack(pkg: CatalogPackage): void {
    this.writeFiles(pkg, this.hasConfigOnly(pkg.name));
    this.state = {
      ...this.state,
      installed: [
        ...this.state.installed.filter((entry) => entry.name !== pkg.name),
        { name: pkg.name, version: pkg.version, auto: false, unpacked: true },
      ],
      configRemains: this.state.configRemains.filter((name) => name !== pkg.name),
    };
    this.saved();
  }

  /** The second half: an unpacked package configured, so its service starts as Debian's maintainer scripts do. */
  configure(name: string): void {
    this.state = {
      ...this.state,
      installed: this.state.installed.map((entry) =>
        entry.name === name ? { name: entry.name, version: entry.version, auto: entry.auto } : entry,
      ),
    };
    this.saved();
    this.events.emit('installed', catalogPackage(name)!);
  }

  /** Marks an installed package as asked for by name (`apt install` of a dependency already there). */
  markManual(name: string): void {
    this.state = {
      ...this.state,
      installed: this.state.installed.map((pkg) => (pkg.name === name ? { ...pkg, auto: false } : pkg)),
    };
    this.saved();
  }

  /** Removes packages (their configuration files stay unless `purge`). */
  remove(names: readonly string[], purge: boolean): void {
    for (const name of names) {
      const pkg = catalogPackage(name)!;
      this.events.emit('removed', { pkg, purge });
      const conffiles = new Set(pkg.conffiles ?? []);
      for (const path of [...Object.keys(pkg.files), ...Object.keys(pkg.links ?? {}), ...programsOf(pkg)]) {
        if (purge || !conffiles.has(path)) this.fs.removeSync(path);
      }
      if (purge) this.removeEmptyDirectories(pkg);
      const wasInstalled = this.installed(name) !== undefined;
      this.state = {
        ...this.state,
        installed: this.state.installed.filter((entry) => entry.name !== name),
        configRemains:
          purge || conffiles.size === 0 || !wasInstalled
            ? this.state.configRemains.filter((entry) => entry !== name)
            : [...this.state.configRemains.filter((entry) => entry !== name), name],
      };
    }
    this.saved();
  }

  /**
   * Makes the files match the database at boot: programs of packages not installed leave PATH (just-bash wrote a
   * stub for every command it knows), installed ones are in place (a saved snapshot restores the learner's edits).
   */
  reconcile(): void {
    for (const pkg of PACKAGE_CATALOG) {
      if (pkg.base) continue;
      if (this.installed(pkg.name)) this.writeFiles(pkg, false);
      else for (const path of programsOf(pkg)) this.fs.removeSync(path);
    }
    this.writeStatus();
  }

  /** Files and directories dpkg counts as installed ("Reading database ... N files and directories"). */
  fileCount(): number {
    return (
      BASE_FILE_COUNT +
      this.all().reduce(
        (sum, entry) => sum + (catalogPackage(entry.name)!.base ? 0 : this.listing(catalogPackage(entry.name)!).length),
        0,
      )
    );
  }

  /** Files of `pkg` as `dpkg -L` lists them: its directories, then its files, in path order. */
  listing(pkg: CatalogPackage): string[] {
    const paths = [...Object.keys(pkg.files), ...Object.keys(pkg.links ?? {})];
    const dirs = new Set<string>(['/.']);
    for (const path of paths) {
      for (let at = path.indexOf('/', 1); at > 0; at = path.indexOf('/', at + 1)) dirs.add(path.slice(0, at));
    }
    return [...dirs, ...paths].sort((a, b) => (a === '/.' ? -1 : b === '/.' ? 1 : a.localeCompare(b)));
  }

  private writeFiles(pkg: CatalogPackage, keepConfig: boolean): void {
    const conffiles = new Set(pkg.conffiles ?? []);
    for (const [path, content] of Object.entries(pkg.files)) {
      if (keepConfig && conffiles.has(path) && this.fs.nodeAt(path)) continue;
      if (!this.fs.nodeAt(path) || PROGRAM_DIRS.some((dir) => path.startsWith(dir)))
        this.fs.writeFileSync(path, content);
    }
    for (const [path, target] of Object.entries(pkg.links ?? {}))
      if (!this.fs.nodeAt(path)) this.fs.symlinkSync(target, path);
    // The shell finds a program by its file on PATH (/usr/bin:/bin): sbin programs get theirs there too.
    for (const path of programsOf(pkg))
      if (path.startsWith('/usr/bin/') && !this.fs.nodeAt(path))
        this.fs.writeFileSync(path, `#!/bin/bash\n# ${pkg.name}\n`);
  }

  private removeEmptyDirectories(pkg: CatalogPackage): void {
    const dirs = new Set<string>();
    for (const path of [...Object.keys(pkg.files), ...Object.keys(pkg.links ?? {})]) {
      for (
        let dir = path.slice(0, path.lastIndexOf('/'));
        dir.startsWith('/etc/');
        dir = dir.slice(0, dir.lastIndexOf('/'))
      )
        dirs.add(dir);
    }
    for (const dir of [...dirs].sort().reverse()) {
      if (dir.startsWith('/etc/') && this.fs.nodeAt(dir) && this.fs.childrenOf(dir).length === 0)
        this.fs.removeSync(dir);
    }
  }

  /** Records a change made by the learner's commands. */
  private saved(): void {
    this.changed = true;
    this.writeStatus();
  }

  /** Writes `/var/lib/dpkg/status` as dpkg keeps it. */
  private writeStatus(): void {
    const stanzas = [
      ...this.all().map((entry) => ({
        entry,
        status: entry.unpacked ? 'install ok unpacked' : 'install ok installed',
      })),
      ...this.state.configRemains.map((name) => ({
        entry: { name, version: catalogPackage(name)!.version, auto: false },
        status: 'deinstall ok config-files',
      })),
    ].sort((a, b) => a.entry.name.localeCompare(b.entry.name));
    this.fs.writeFileSync(
      STATUS_FILE,
      stanzas.map(({ entry, status }) => statusStanza(catalogPackage(entry.name)!, status)).join('\n'),
    );
  }
}

/**
 * Where the shell looks for the package's programs: just-bash writes a stub for every command it knows to both
 * /bin and /usr/bin, and resolves a command by the file it finds on PATH.
 */
function programsOf(pkg: CatalogPackage): string[] {
  return Object.keys(pkg.files)
    .filter((path) => PROGRAM_DIRS.some((dir) => path.startsWith(dir)))
    .flatMap((path) => {
      const name = path.slice(path.lastIndexOf('/') + 1);
      return [path, `/bin/${name}`, `/usr/bin/${name}`];
    })
    .filter((path, i, all) => all.indexOf(path) === i);
}

function statusStanza(pkg: CatalogPackage, status: string): string {
  return [
    `Package: ${pkg.name}`,
    `Status: ${status}`,
    `Priority: ${pkg.priority}`,
    `Section: ${pkg.section}`,
    `Installed-Size: ${pkg.installedSize}`,
    `Maintainer: ${pkg.vendor ?? CATALOG_MAINTAINER}`,
    `Architecture: ${pkg.architecture}`,
    `Version: ${pkg.version}`,
    ...(pkg.depends.length ? [`Depends: ${pkg.depends.join(', ')}`] : []),
    ...(pkg.conffiles?.length ? ['Conffiles:', ...pkg.conffiles.map((path) => ` ${path}`)] : []),
    `Description: ${pkg.summary}`,
    ...(pkg.homepage ? [`Homepage: ${pkg.homepage}`] : []),
    '',
  ].join('\n');
}
