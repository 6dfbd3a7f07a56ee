import {
  CATALOG_MAINTAINER,
  catalogPackage,
  PACKAGE_CATALOG,
  type CatalogPackage,
  type InstalledPackage,
} from '@lta/labs';
import type { CommandContext, ExecResult } from 'just-bash';
import { fail, ok, type LearnerCommand, type ShellServices } from '../../commands/command.js';
import { stdinText } from '../../text.js';
import { runsAsRoot } from '../privilege.js';
import { askFor } from '../terminal-question.js';
import {
  countsLine,
  DIST,
  dpkgName,
  MIRROR,
  nameList,
  READING,
  readingDatabase,
  refused,
  setupNote,
  sizeText,
} from './apt-text.js';
import type { PackageDatabase } from './database.js';
import { openDeb } from './dpkg.js';

const NOT_ROOT_INSTALL =
  'E: Could not open lock file /var/lib/dpkg/lock-frontend - open (13: Permission denied)\nE: Unable to acquire the dpkg frontend lock (/var/lib/dpkg/lock-frontend), are you root?\n';
/** apt's question before it changes the system (its answer follows on the same line). */
const CONTINUE = 'Do you want to continue? [Y/n] ';
const NOT_ROOT_UPDATE =
  'E: Could not open lock file /var/lib/apt/lists/lock - open (13: Permission denied)\nE: Unable to lock directory /var/lib/apt/lists/\n';

type Action = (names: string[], flags: Flags, ctx: CommandContext) => ReturnType<LearnerCommand['execute']>;
interface Flags {
  yes: boolean;
  installed: boolean;
  purge: boolean;
  /** `-f`, `--fix-broken`: install what unconfigured packages lack. */
  fixBroken: boolean;
}

/** `apt` (and `apt-get`, `apt-cache` for the actions they share with it): the simulated repository and dpkg database of this machine. */
export function aptCommands(db: PackageDatabase, services: ShellServices): LearnerCommand[] {
  const asRoot = () => runsAsRoot(services.fs);
  /** A package apt knows: the repository's (once `apt update` fetched its lists), or an installed one. */
  const located = (name: string) => {
    const pkg = catalogPackage(name);
    return pkg && ((db.updated && !pkg.vendor) || db.installed(name)) ? pkg : undefined;
  };
  /**
   * apt's "Do you want to continue? [Y/n]" after `out` (what apt printed so far): skipped by `-y`, answered by piped
   * input, else asked at the terminal, which shows `out` before the question. `go` is the answer; `out` what is
   * left to print (nothing once the terminal showed it).
   */
  const question = async (flags: Flags, ctx: CommandContext, out: string): Promise<{ go: boolean; out: string }> => {
    if (flags.yes) return { go: true, out };
    const piped = stdinText(ctx.stdin);
    if (piped !== '' || !services.ask)
      return refused(piped) ? { go: false, out: `${out}${CONTINUE}` } : { go: true, out: `${out}${CONTINUE}Y\n` };
    const answer = await askFor(services, { prompt: `${out}${CONTINUE}`, hidden: false });
    return { go: answer !== null && !refused(answer), out: '' };
  };

  /**
   * `apt install NAMES`: each with its missing dependencies. A path to a `.deb` file (`./x.deb`) installs that
   * file's package, its dependencies from the repository. Packages `dpkg -i` left unconfigured block every install
   * that does not bring what they lack, unless `-f` (`--fix-broken`) adds it; then they are configured too.
   */
  const install: Action = async (args, flags, ctx) => {
    if (!asRoot()) return fail(NOT_ROOT_INSTALL, 100);
    let out = READING;
    const local = new Map<string, string>();
    const names: string[] = [];
    for (const arg of args) {
      if (!arg.includes('/')) {
        names.push(arg);
        continue;
      }
      const opened = await openDeb(arg, ctx, services);
      if ('error' in opened) return fail(`E: Unsupported file ${arg} given on commandline\n`, 100, READING);
      out += `Note, selecting '${opened.pkg.name}' instead of '${arg}'\n`;
      local.set(opened.pkg.name, opened.path);
      names.push(opened.pkg.name);
    }
    const unknown = names.find((name) => !local.has(name) && !located(name));
    if (unknown !== undefined) return fail(`E: Unable to locate package ${unknown}\n`, 100, out);
    for (const name of names.filter((candidate) => db.configured(candidate))) {
      out += `${name} is already the newest version (${db.installed(name)!.version}).\n`;
      if (db.installed(name)!.auto) {
        db.markManual(name);
        out += `${name} set to manually installed.\n`;
      }
    }
    const broken = db.unconfigured().map((entry) => entry.name);
    const lacking = [...new Set(broken.flatMap((name) => db.missingFor(name)))];
    if (broken.length > 0 && flags.fixBroken) out += 'Correcting dependencies... Done\n';
    // -f brings what every broken package lacks; naming a broken package (`./x.deb` again) brings what it lacks.
    const repairs = flags.fixBroken
      ? lacking
      : names.filter((name) => broken.includes(name)).flatMap((name) => db.missingFor(name));
    // What apt installs only to satisfy another package is marked automatic.
    const planned = db
      .plan([...names, ...repairs])
      .map((entry) => (names.includes(entry.name) ? entry : { ...entry, auto: true }));
    // A dependency the repository does not offer (lists not fetched yet) cannot be installed.
    const unavailable = planned.filter((entry) => !local.has(entry.name) && !located(entry.name));
    if (unavailable.length > 0) {
      const needing = (name: string) =>
        planned.find((entry) => catalogPackage(entry.name)!.depends.includes(name))?.name ??
        broken.find((brokenName) => db.missingFor(brokenName).includes(name)) ??
        name;
      return fail(
        'E: Unable to correct problems, you have held broken packages.\n',
        100,
        `${out}Some packages could not be installed. This may mean that you have\nrequested an impossible situation or if you are using the unstable\ndistribution that some required packages have not yet been created\nor been moved out of Incoming.\nThe following information may help to resolve the situation:\n\nThe following packages have unmet dependencies:\n${unavailable
          // apt names the first missing link of each chain: jq, not the libraries jq would bring.
          .filter((entry) => !unavailable.some((other) => other.name === needing(entry.name)))
          .map((entry) => ` ${needing(entry.name)} : Depends: ${entry.name} but it is not installable\n`)
          .join('')}`,
      );
    }
    const unmet = lacking.filter((name) => !planned.some((entry) => entry.name === name));
    if (unmet.length > 0) {
      const lines = broken
        .map((name) => {
          const missing = db.missingFor(name).filter((dependency) => unmet.includes(dependency));
          const pad = ' '.repeat(name.length + 3);
          return missing
            .map(
              (dependency, i) =>
                `${i === 0 ? ` ${name} : ` : pad}Depends: ${dependency} but it is not going to be installed\n`,
            )
            .join('');
        })
        .join('');
      return fail(
        `E: Unmet dependencies. Try 'apt --fix-broken install' with no packages (or specify a solution).\n`,
        100,
        `${out}You might want to run 'apt --fix-broken install' to correct these.\nThe following packages have unmet dependencies:\n${lines}`,
      );
    }
    const pending = broken.length > 0 ? `${broken.length} not fully installed or removed.\n` : '';
    if (planned.length === 0 && broken.length === 0) return ok(`${out}${countsLine(0, 0)}`);
    const extra = planned.filter((entry) => !names.includes(entry.name));
    const sorted = (entries: readonly InstalledPackage[]) => entries.map((entry) => entry.name).sort();
    if (extra.length > 0) out += `The following additional packages will be installed:\n${nameList(sorted(extra))}`;
    if (planned.length > 0) out += `The following NEW packages will be installed:\n${nameList(sorted(planned))}`;
    out += `${countsLine(planned.length, 0)}${pending}`;
    const pkgs = planned.map((entry) => catalogPackage(entry.name)!);
    const size = (list: readonly CatalogPackage[]) => list.reduce((sum, pkg) => sum + pkg.downloadSize, 0);
    const download = size(pkgs.filter((pkg) => !local.has(pkg.name)));
    const whole = size(pkgs);
    if (whole > 0)
      out += `Need to get ${sizeText(download)}${whole > download ? `/${sizeText(whole)}` : ''} of archives.\n`;
    out += `After this operation, ${sizeText(pkgs.reduce((sum, pkg) => sum + pkg.installedSize * 1024, 0))} of additional disk space will be used.\n`;
    if (extra.length > 0 || (planned.length > 0 && broken.length > 0)) {
      const asked = await question(flags, ctx, out);
      if (!asked.go) return fail('Abort.\n', 1, asked.out);
      out = asked.out;
    }
    pkgs.forEach((pkg, i) => {
      const from = local.get(pkg.name) ?? `${MIRROR} ${DIST}/main amd64`;
      out += `Get:${i + 1} ${from} ${pkg.name} ${pkg.architecture} ${pkg.version} [${sizeText(pkg.downloadSize)}]\n`;
    });
    if (pkgs.length > 0) out += `Fetched ${sizeText(download)} in 0s (${sizeText(download * 4)}/s)\n`;
    pkgs.forEach((pkg, i) => {
      const archive =
        local.get(pkg.name) ?? `.../${pkg.name}_${pkg.version.replace(/^\d+:/, '')}_${pkg.architecture}.deb`;
      out += `Selecting previously unselected package ${dpkgName(pkg)}.\n${i === 0 ? readingDatabase(db.fileCount()) : ''}`;
      out += `Preparing to unpack ${archive} ...\nUnpacking ${dpkgName(pkg)} (${pkg.version}) ...\n`;
    });
    db.install(planned);
    for (const pkg of pkgs) out += `Setting up ${dpkgName(pkg)} (${pkg.version}) ...\n${setupNote(pkg)}`;
    for (const name of broken) {
      const pkg = catalogPackage(name)!;
      out += `Setting up ${dpkgName(pkg)} (${pkg.version}) ...\n${setupNote(pkg)}`;
      db.configure(name);
    }
    if (pkgs.length > 0) out += 'Processing triggers for man-db (2.11.2-2) ...\n';
    // apt's download user cannot read a file in a home directory, so apt reads it as root and says so.
    for (const path of local.values())
      if (/^\/(home|root)\//.test(path))
        out += `N: Download is performed unsandboxed as root as file '${path}' couldn't be accessed by user '_apt'. - pkgAcquire::Run (13: Permission denied)\n`;
    return ok(out);
  };

  const remove: Action = async (names, flags, ctx) => {
    if (!asRoot()) return fail(NOT_ROOT_INSTALL, 100);
    const unknown = names.find((name) => !catalogPackage(name));
    if (unknown !== undefined) return fail(`E: Unable to locate package ${unknown}\n`, 100, READING);
    if (names.some((name) => catalogPackage(name)!.base)) {
      return fail(
        'E: Removing essential system-critical packages is not permitted. This might break the system.\n',
        100,
        READING,
      );
    }
    let out = READING;
    // Whatever depends on a removed package goes too, as apt resolves it.
    const going = new Set(names.filter((name) => db.installed(name) || (flags.purge && db.hasConfigOnly(name))));
    for (let grew = true; grew;) {
      grew = false;
      for (const pkg of db.all()) {
        if (!going.has(pkg.name) && catalogPackage(pkg.name)!.depends.some((dependency) => going.has(dependency))) {
          going.add(pkg.name);
          grew = true;
        }
      }
    }
    for (const name of names.filter((candidate) => !going.has(candidate)))
      out += `Package '${name}' is not installed, so not removed\n`;
    if (going.size === 0) return ok(`${out}${countsLine(0, 0)}`);
    const list = [...going].sort();
    const orphans = db.orphans(list);
    if (orphans.length > 0) {
      const sudo = ctx.env.has('SUDO_USER') ? 'sudo ' : '';
      out += `The following packages were automatically installed and are no longer required:\n${nameList(orphans.map((pkg) => pkg.name))}Use '${sudo}apt autoremove' to remove ${orphans.length === 1 ? 'it' : 'them'}.\n`;
    }
    return removal(list, flags, ctx, out);
  };

  const autoremove: Action = async (_names, flags, ctx) => {
    if (!asRoot()) return fail(NOT_ROOT_INSTALL, 100);
    const list = db.orphans().map((pkg) => pkg.name);
    if (list.length === 0) return ok(`${READING}${countsLine(0, 0)}`);
    return removal(list, flags, ctx, READING);
  };

  /** The removal itself, from "will be REMOVED" to dpkg's last line. */
  const removal = async (list: string[], flags: Flags, ctx: CommandContext, before: string): Promise<ExecResult> => {
    const installed = dependentsFirst(list.filter((name) => db.installed(name)));
    const freed = installed.reduce((sum, name) => sum + catalogPackage(name)!.installedSize * 1024, 0);
    let out = `${before}The following packages will be REMOVED:\n${nameList(list.map((name) => (flags.purge ? `${name}*` : name)))}${countsLine(0, installed.length)}`;
    if (freed > 0) out += `After this operation, ${sizeText(freed)} disk space will be freed.\n`;
    const asked = await question(flags, ctx, out);
    if (!asked.go) return fail('Abort.\n', 1, asked.out);
    out = asked.out + readingDatabase(db.fileCount());
    for (const name of installed)
      out += `Removing ${dpkgName(catalogPackage(name)!)} (${catalogPackage(name)!.version}) ...\n`;
    for (const name of list) {
      if (flags.purge && catalogPackage(name)!.conffiles?.length)
        out += `Purging configuration files for ${dpkgName(catalogPackage(name)!)} (${catalogPackage(name)!.version}) ...\n`;
    }
    db.remove(list, flags.purge);
    return ok(out);
  };

  const update: Action = async () => {
    if (!asRoot()) return fail(NOT_ROOT_UPDATE, 100);
    const fetched = !db.updated;
    db.markUpdated();
    return ok(
      `${fetched ? 'Get' : 'Hit'}:1 ${MIRROR} ${DIST} InRelease${fetched ? ' [151 kB]' : ''}\n` +
        `${fetched ? 'Get' : 'Hit'}:2 ${MIRROR} ${DIST}-updates InRelease${fetched ? ' [55.4 kB]' : ''}\n` +
        `${fetched ? 'Get' : 'Hit'}:3 http://deb.debian.org/debian-security ${DIST}-security InRelease${fetched ? ' [48.0 kB]' : ''}\n` +
        (fetched ? `Get:4 ${MIRROR} ${DIST}/main amd64 Packages [8786 kB]\nFetched 9041 kB in 1s (6420 kB/s)\n` : '') +
        `${READING}All packages are up to date.\n`,
    );
  };

  const line = (pkg: CatalogPackage, installed: InstalledPackage | undefined) => {
    // A package no repository offers (not fetched yet, or a vendor's) is "local" to this machine.
    const fromRepository = db.updated && !pkg.vendor;
    const where = installed ? (fromRepository ? 'stable,now' : 'now') : 'stable';
    const mark = !installed
      ? ''
      : !fromRepository
        ? ' [installed,local]'
        : installed.auto
          ? ' [installed,automatic]'
          : ' [installed]';
    return `${pkg.name}/${where} ${pkg.version} ${pkg.architecture}${mark}`;
  };
  const visible = () => PACKAGE_CATALOG.filter((pkg) => located(pkg.name));

  const search: Action = async (terms) => {
    if (terms.length === 0) return fail('E: You must give at least one search pattern\n', 100);
    const patterns = terms.map((term) => safePattern(term));
    const found = visible()
      .filter((pkg) =>
        patterns.every(
          (pattern) => pattern.test(pkg.name) || pattern.test(pkg.summary) || pattern.test(pkg.description),
        ),
      )
      .sort((a, b) => a.name.localeCompare(b.name));
    return ok(
      `Sorting... Done\nFull Text Search... Done\n${found.map((pkg) => `${line(pkg, db.installed(pkg.name))}\n  ${pkg.summary}\n\n`).join('')}`,
    );
  };

  const show: Action = async (names) => {
    if (names.length === 0) return fail('E: No packages found\n', 100);
    let out = '';
    for (const name of names) {
      const pkg = located(name);
      if (!pkg) return fail(`N: Unable to locate package ${name}\nE: No packages found\n`, 100, out);
      const installed = db.installed(name);
      out += [
        `Package: ${pkg.name}`,
        `Version: ${pkg.version}`,
        `Priority: ${pkg.priority}`,
        `Section: ${pkg.section}`,
        `Maintainer: ${pkg.vendor ?? CATALOG_MAINTAINER}`,
        `Installed-Size: ${sizeText(pkg.installedSize * 1024)}`,
        ...(pkg.depends.length
          ? [
              `Depends: ${pkg.depends.map((dependency) => `${dependency} (= ${catalogPackage(dependency)!.version})`).join(', ')}`,
            ]
          : []),
        ...(pkg.homepage ? [`Homepage: ${pkg.homepage}`] : []),
        ...(installed && !pkg.base ? [`APT-Manual-Installed: ${installed.auto ? 'no' : 'yes'}`] : []),
        `Download-Size: ${sizeText(pkg.downloadSize)}`,
        // A vendor's package is known only from the dpkg database it was installed into.
        `APT-Sources: ${pkg.vendor ? '/var/lib/dpkg/status' : `${MIRROR} ${DIST}/main amd64 Packages`}`,
        `Description: ${pkg.summary}`,
        ` ${pkg.description}`,
        '',
        '',
      ].join('\n');
    }
    return ok(out);
  };

  const list: Action = async (patterns, flags) => {
    const globs = patterns.map((pattern) => globPattern(pattern));
    const shown = visible().filter(
      (pkg) =>
        (!flags.installed || db.installed(pkg.name)) &&
        (globs.length === 0 || globs.some((glob) => glob.test(pkg.name))),
    );
    return ok(`Listing... Done\n${shown.map((pkg) => `${line(pkg, db.installed(pkg.name))}\n`).join('')}`);
  };

  const actions: Record<string, Action> = {
    install,
    remove,
    autoremove,
    update,
    search,
    show,
    list,
    purge: (names, flags, ctx) => remove(names, { ...flags, purge: true }, ctx),
    upgrade: async () =>
      asRoot() ? ok(`${READING}Calculating upgrade... Done\n${countsLine(0, 0)}`) : fail(NOT_ROOT_INSTALL, 100),
  };
  const make = (name: 'apt' | 'apt-get' | 'apt-cache', allowed: readonly string[]): LearnerCommand => ({
    name,
    async execute(args, ctx) {
      const words = args.filter((arg) => !arg.startsWith('-'));
      const flags: Flags = {
        yes: args.some((arg) => /^-[a-z]*y|^--(yes|assume-yes)$/.test(arg)),
        installed: args.includes('--installed'),
        purge: args.includes('--purge'),
        fixBroken: args.some((arg) => /^-[a-z]*f/.test(arg) || arg === '--fix-broken'),
      };
      const [verb, ...names] = words;
      if (verb === undefined)
        return fail(
          `${name} 2.6.1 (amd64)\nUsage: ${name} [options] command\n\nMost used commands:\n  list - list packages based on package names\n  search - search in package descriptions\n  show - show package details\n  install - install packages\n  remove - remove packages\n  autoremove - automatically remove all unused packages\n  update - update list of available packages\n  upgrade - upgrade the system by installing/upgrading packages\n`,
          1,
        );
      const action = allowed.includes(verb) ? actions[verb] : undefined;
      if (!action) return fail(`E: Invalid operation ${verb}\n`, 100);
      return action(names, flags, ctx);
    },
  });
  return [
    make('apt', Object.keys(actions)),
    make('apt-get', ['install', 'remove', 'purge', 'autoremove', 'update', 'upgrade']),
    make('apt-cache', ['search', 'show']),
  ];
}

/** The order dpkg removes packages in: a package before those it depends on. */
function dependentsFirst(names: readonly string[]): string[] {
  const left = [...names];
  const out: string[] = [];
  while (left.length > 0) {
    const next = left.find((name) => !left.some((other) => catalogPackage(other)!.depends.includes(name))) ?? left[0]!;
    out.push(next);
    left.splice(left.indexOf(next), 1);
  }
  return out;
}

/** apt search takes a regular expression, matched without case; a broken one is matched as plain text. */
function safePattern(term: string): RegExp {
  try {
    return new RegExp(term.slice(0, 100), 'i');
  } catch {
    return new RegExp(term.slice(0, 100).replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'i');
  }
}

/** apt list takes shell wildcards (`lib*`). */
function globPattern(glob: string): RegExp {
  return new RegExp(
    `^${glob
      .replace(/[.+^${}()|[\]\\]/g, '\\$&')
      .replace(/\*/g, '.*')
      .replace(/\?/g, '.')}$`,
  );
}
