import { catalogPackage, PACKAGE_CATALOG, type CatalogPackage, type InstalledPackage } from '@lta/labs';
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
  sizeText,
} from './apt-text.js';
import type { PackageDatabase } from './database.js';

const NOT_ROOT_INSTALL =
  'E: Could not open lock file /var/lib/dpkg/lock-frontend - open (13: Permission denied)\nE: Unable to acquire the dpkg frontend lock (/var/lib/dpkg/lock-frontend), are you root?\n';
/** apt's question before it changes the system (its answer follows on the same line). */
const CONTINUE = 'Do you want to continue? [Y/n] ';
const NOT_ROOT_UPDATE =
  'E: Could not open lock file /var/lib/apt/lists/lock - open (13: Permission denied)\nE: Unable to lock directory /var/lib/apt/lists/\n';
/** Files and directories dpkg counts on the base system. */
const BASE_FILE_COUNT = 6089;

type Action = (names: string[], flags: Flags, ctx: CommandContext) => ReturnType<LearnerCommand['execute']>;
interface Flags {
  yes: boolean;
  installed: boolean;
  purge: boolean;
}

/** `apt` (and `apt-get`, `apt-cache` for the actions they share with it): the simulated repository and dpkg database of this machine. */
export function aptCommands(db: PackageDatabase, services: ShellServices): LearnerCommand[] {
  const asRoot = () => runsAsRoot(services.fs);
  const located = (name: string) => (db.updated || db.installed(name) ? catalogPackage(name) : undefined);
  const filesCount = () =>
    BASE_FILE_COUNT +
    db
      .all()
      .reduce(
        (sum, pkg) => sum + (catalogPackage(pkg.name)?.base ? 0 : db.listing(catalogPackage(pkg.name)!).length),
        0,
      );
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

  const install: Action = async (names, flags, ctx) => {
    if (!asRoot()) return fail(NOT_ROOT_INSTALL, 100);
    const unknown = names.find((name) => !located(name));
    if (unknown !== undefined) return fail(`E: Unable to locate package ${unknown}\n`, 100, READING);
    let out = READING;
    for (const name of names.filter((candidate) => db.installed(candidate))) {
      out += `${name} is already the newest version (${db.installed(name)!.version}).\n`;
      if (db.installed(name)!.auto) {
        db.markManual(name);
        out += `${name} set to manually installed.\n`;
      }
    }
    const planned = db.plan(names);
    if (planned.length === 0) return ok(`${out}${countsLine(0, 0)}`);
    const extra = planned.filter((entry) => !names.includes(entry.name));
    const sorted = (entries: readonly InstalledPackage[]) => entries.map((entry) => entry.name).sort();
    if (extra.length > 0) out += `The following additional packages will be installed:\n${nameList(sorted(extra))}`;
    out += `The following NEW packages will be installed:\n${nameList(sorted(planned))}${countsLine(planned.length, 0)}`;
    const pkgs = planned.map((entry) => catalogPackage(entry.name)!);
    const download = pkgs.reduce((sum, pkg) => sum + pkg.downloadSize, 0);
    out += `Need to get ${sizeText(download)} of archives.\nAfter this operation, ${sizeText(pkgs.reduce((sum, pkg) => sum + pkg.installedSize * 1024, 0))} of additional disk space will be used.\n`;
    if (extra.length > 0) {
      const asked = await question(flags, ctx, out);
      if (!asked.go) return fail('Abort.\n', 1, asked.out);
      out = asked.out;
    }
    pkgs.forEach((pkg, i) => {
      out += `Get:${i + 1} ${MIRROR} ${DIST}/main amd64 ${pkg.name} ${pkg.architecture} ${pkg.version} [${sizeText(pkg.downloadSize)}]\n`;
    });
    out += `Fetched ${sizeText(download)} in 0s (${sizeText(download * 4)}/s)\n`;
    pkgs.forEach((pkg, i) => {
      out += `Selecting previously unselected package ${dpkgName(pkg)}.\n${i === 0 ? readingDatabase(filesCount()) : ''}`;
      out += `Preparing to unpack .../${pkg.name}_${pkg.version.replace(/^\d+:/, '')}_${pkg.architecture}.deb ...\nUnpacking ${dpkgName(pkg)} (${pkg.version}) ...\n`;
    });
    db.install(planned);
    for (const pkg of pkgs) out += `Setting up ${dpkgName(pkg)} (${pkg.version}) ...\n${setupNote(pkg)}`;
    out += 'Processing triggers for man-db (2.11.2-2) ...\n';
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
    out = asked.out + readingDatabase(filesCount());
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
    const where = installed ? (db.updated ? 'stable,now' : 'now') : 'stable';
    const mark = !installed
      ? ''
      : !db.updated
        ? ' [installed,local]'
        : installed.auto
          ? ' [installed,automatic]'
          : ' [installed]';
    return `${pkg.name}/${where} ${pkg.version} ${pkg.architecture}${mark}`;
  };
  const visible = () => PACKAGE_CATALOG.filter((pkg) => db.updated || db.installed(pkg.name));

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
        `Maintainer: Debian QA Group <packages@qa.debian.org>`,
        `Installed-Size: ${sizeText(pkg.installedSize * 1024)}`,
        ...(pkg.depends.length
          ? [
              `Depends: ${pkg.depends.map((dependency) => `${dependency} (= ${catalogPackage(dependency)!.version})`).join(', ')}`,
            ]
          : []),
        ...(pkg.homepage ? [`Homepage: ${pkg.homepage}`] : []),
        ...(installed && !pkg.base ? [`APT-Manual-Installed: ${installed.auto ? 'no' : 'yes'}`] : []),
        `Download-Size: ${sizeText(pkg.downloadSize)}`,
        `APT-Sources: ${MIRROR} ${DIST}/main amd64 Packages`,
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

/** What a package's maintainer scripts say while setting it up. */
function setupNote(pkg: CatalogPackage): string {
  if (!pkg.service) return '';
  return `Created symlink /etc/systemd/system/multi-user.target.wants/${pkg.service} → /lib/systemd/system/${pkg.service}.\n`;
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
