import { catalogPackage, PACKAGE_CATALOG, readDebFile, type CatalogPackage, type DebFile } from '@lta/labs';
import type { CommandContext, ExecResult } from 'just-bash';
import { fail, ok, type LearnerCommand, type ShellServices } from '../../commands/command.js';
import { errorText } from '../../filesystem/learner-fs.js';
import { runsAsRoot } from '../privilege.js';
import { dpkgName, readingDatabase, setupNote } from './apt-text.js';
import type { PackageDatabase } from './database.js';

/**
 * A `.deb` file read from the command line: the catalog's package it holds, or why not: `unreadable` (the reason
 * the file could not be read) or `error` (dpkg-deb's complaint about its contents).
 */
export async function openDeb(
  file: string,
  ctx: CommandContext,
  services: ShellServices,
): Promise<{ deb: DebFile; pkg: CatalogPackage; path: string } | { error: string; unreadable?: string }> {
  const path = services.fs.resolvePath(ctx.cwd, file);
  let text: string;
  try {
    text = await services.fs.readFile(path);
  } catch (error) {
    return {
      error: `dpkg-deb: error: failed to read archive '${file}': ${errorText(error)}`,
      unreadable: errorText(error),
    };
  }
  const deb = readDebFile(text, file);
  if (typeof deb === 'string') return { error: deb };
  const pkg = catalogPackage(deb.fields.Package!);
  // Only the packages of this simulated world can be installed: a .deb of any other is not one dpkg can read here.
  if (!pkg || pkg.version !== deb.fields.Version)
    return { error: `dpkg-deb: error: '${file}' is not a Debian format archive` };
  return { deb, pkg, path };
}

/** dpkg's complaint when `name`'s dependencies are missing, as it leaves the package unpacked. */
function dependencyProblems(db: PackageDatabase, name: string, action: string): string {
  const lines = db
    .missingFor(name)
    .map(
      (dependency) =>
        ` ${name} depends on ${dependency}; however:\n  Package ${dependency} is not ${db.installed(dependency) ? 'configured yet' : 'installed'}.\n`,
    )
    .join('');
  return `dpkg: dependency problems prevent configuration of ${name}:\n${lines}\ndpkg: error processing package ${name} (${action}):\n dependency problems - leaving unconfigured\n`;
}

const HEADER = [
  'Desired=Unknown/Install/Remove/Purge/Hold',
  '| Status=Not/Inst/Conf-files/Unpacked/halF-conf/Half-inst/trig-aWait/Trig-pend',
  '|/ Err?=(none)/Reinst-required (Status,Err: uppercase=bad)',
];

/**
 * `dpkg -l`, `-L`, `-S`, `-s` (and `dpkg-query` with the same options): questions to the package database; `dpkg -i`
 * installs `.deb` files, `-I` and `-c` look inside one.
 */
export function dpkgCommands(db: PackageDatabase, services: ShellServices): LearnerCommand[] {
  const listing = (patterns: string[]) => {
    const globs = patterns.map(
      (pattern) =>
        new RegExp(
          `^${pattern
            .replace(/[.+^${}()|[\]\\]/g, '\\$&')
            .replace(/\*/g, '.*')
            .replace(/\?/g, '.')}$`,
        ),
    );
    const rows = PACKAGE_CATALOG.filter(
      (pkg) =>
        (db.installed(pkg.name) || db.hasConfigOnly(pkg.name)) &&
        (globs.length === 0 || globs.some((glob) => glob.test(pkg.name))),
    ).sort((a, b) => a.name.localeCompare(b.name));
    const unmatched = patterns.filter((_pattern, i) => !rows.some((pkg) => globs[i]!.test(pkg.name)));
    const nameWidth = Math.max(14, ...rows.map((pkg) => pkg.name.length));
    const versionWidth = Math.max(12, ...rows.map((pkg) => pkg.version.length));
    const cell = (text: string, width: number) => text.padEnd(width);
    let out = '';
    if (rows.length > 0) {
      out += `${HEADER.join('\n')}\n||/ ${cell('Name', nameWidth)} ${cell('Version', versionWidth)} Architecture Description\n`;
      out += `+++-${'='.repeat(nameWidth)}-${'='.repeat(versionWidth)}-============-${'='.repeat(40)}\n`;
      for (const pkg of rows) {
        const status = db.installed(pkg.name)?.unpacked ? 'iU' : db.installed(pkg.name) ? 'ii' : 'rc';
        out += `${status}  ${cell(pkg.name, nameWidth)} ${cell(pkg.version, versionWidth)} ${cell(pkg.architecture, 12)} ${pkg.summary}\n`;
      }
    }
    const errors = unmatched.map((pattern) => `dpkg-query: no packages found matching ${pattern}\n`).join('');
    return { stdout: out, stderr: errors, exitCode: errors ? 1 : 0 };
  };

  const files = (names: string[]) => {
    let out = '';
    let errors = '';
    for (const name of names) {
      const pkg = catalogPackage(name);
      if (!pkg || (!db.installed(name) && !db.hasConfigOnly(name))) {
        errors += `dpkg-query: package '${name}' is not installed\nUse dpkg --contents (= dpkg-deb --contents) to list archive files contents.\n`;
        continue;
      }
      const kept = db.installed(name) ? undefined : new Set(pkg.conffiles ?? []);
      out += `${db
        .listing(pkg)
        .filter((path) => !kept || kept.has(path))
        .join('\n')}\n`;
    }
    return { stdout: out, stderr: errors, exitCode: errors ? 1 : 0 };
  };

  const owners = (patterns: string[]) => {
    let out = '';
    let errors = '';
    for (const pattern of patterns) {
      const found = PACKAGE_CATALOG.filter((pkg) => db.installed(pkg.name)).flatMap((pkg) =>
        db
          .listing(pkg)
          .filter((path) => path !== '/.' && (pattern.startsWith('/') ? path === pattern : path.includes(pattern)))
          .map((path) => ({ pkg, path })),
      );
      if (found.length === 0)
        errors += `dpkg-query: no path found matching pattern ${pattern.includes('/') ? pattern : `*${pattern}*`}\n`;
      const byPath = new Map<string, string[]>();
      for (const { pkg, path } of found) byPath.set(path, [...(byPath.get(path) ?? []), pkg.name]);
      for (const [path, names] of byPath) out += `${names.join(', ')}: ${path}\n`;
    }
    return { stdout: out, stderr: errors, exitCode: errors ? 1 : 0 };
  };

  const status = (names: string[]) => {
    let out = '';
    let errors = '';
    for (const name of names) {
      const pkg = catalogPackage(name);
      const installed = db.installed(name);
      if (!pkg || !installed) {
        errors += `dpkg-query: package '${name}' is not installed and no information is available\nUse dpkg --info (= dpkg-deb --info) to examine archive files.\n`;
        continue;
      }
      out += `Package: ${pkg.name}\nStatus: install ok ${installed.unpacked ? 'unpacked' : 'installed'}\nPriority: ${pkg.priority}\nSection: ${pkg.section}\nInstalled-Size: ${pkg.installedSize}\nArchitecture: ${pkg.architecture}\nVersion: ${pkg.version}\n${pkg.depends.length ? `Depends: ${pkg.depends.join(', ')}\n` : ''}Description: ${pkg.summary}\n\n`;
    }
    return { stdout: out, stderr: errors, exitCode: errors ? 1 : 0 };
  };

  /** `dpkg -i FILE...`: unpacks each package, then configures those whose dependencies are all there. */
  const install = async (files: string[], ctx: CommandContext): Promise<ExecResult> => {
    let out = '';
    let err = '';
    const failed: string[] = [];
    const unpacked: CatalogPackage[] = [];
    for (const file of files) {
      const opened = await openDeb(file, ctx, services);
      if ('error' in opened) {
        err += opened.unreadable
          ? `dpkg: error processing archive ${file} (--install):\n cannot access archive '${file}': ${opened.unreadable}\n`
          : `${opened.error}\ndpkg: error processing archive ${file} (--install):\n dpkg-deb --control subprocess returned error exit status 2\n`;
        failed.push(file);
        continue;
      }
      const { pkg } = opened;
      const before = db.installed(pkg.name);
      out += before ? '' : `Selecting previously unselected package ${dpkgName(pkg)}.\n`;
      out += `${readingDatabase(db.fileCount())}Preparing to unpack ${file} ...\n`;
      out += `Unpacking ${dpkgName(pkg)} (${pkg.version})${before ? ` over (${before.version})` : ''} ...\n`;
      db.unpack(pkg);
      unpacked.push(pkg);
    }
    for (const pkg of unpacked) {
      if (db.missingFor(pkg.name).length > 0) {
        err += dependencyProblems(db, pkg.name, '--install');
        failed.push(pkg.name);
        continue;
      }
      out += `Setting up ${dpkgName(pkg)} (${pkg.version}) ...\n${setupNote(pkg)}`;
      db.configure(pkg.name);
    }
    if (failed.length === 0) return ok(out);
    return {
      stdout: out,
      stderr: `${err}Errors were encountered while processing:\n${failed.map((name) => ` ${name}\n`).join('')}`,
      exitCode: 1,
    };
  };

  /** `dpkg -I FILE` (the control file, as dpkg-deb --info shows it) and `dpkg -c FILE` (the files it holds). */
  const inspect = async (file: string, ctx: CommandContext, what: 'info' | 'contents'): Promise<ExecResult> => {
    const opened = await openDeb(file, ctx, services);
    if ('error' in opened) return fail(`${opened.error}\n`, 2);
    const { deb } = opened;
    if (what === 'contents') return ok(deb.contents);
    const lines = deb.control.split('\n').filter(Boolean);
    return ok(
      ` new Debian package, version 2.0.\n size ${deb.size} bytes: control archive=${deb.control.length} bytes.\n` +
        `${String(deb.control.length).padStart(8)} bytes,${String(lines.length).padStart(6)} lines      control\n` +
        lines.map((line) => ` ${line}\n`).join(''),
    );
  };

  const make = (name: 'dpkg' | 'dpkg-query'): LearnerCommand => ({
    name,
    async execute(args, ctx) {
      const [option, ...rest] = args;
      switch (option) {
        case '-l':
        case '--list':
          return listing(rest);
        case '-L':
        case '--listfiles':
          return rest.length
            ? files(rest)
            : fail(`${name}: error: --listfiles needs at least one package name argument\n`, 2);
        case '-S':
        case '--search':
          return rest.length
            ? owners(rest)
            : fail(`${name}: error: --search needs at least one file name pattern argument\n`, 2);
        case '-s':
        case '--status':
          return rest.length
            ? status(rest)
            : fail(`${name}: error: --status needs at least one package name argument\n`, 2);
        case '-i':
        case '--install':
          if (name === 'dpkg-query') return fail(`dpkg-query: error: unknown option ${option}\n`, 2);
          if (!runsAsRoot(services.fs))
            return fail(`${name}: error: requested operation requires superuser privilege\n`, 2);
          return rest.length
            ? install(rest, ctx)
            : fail(`${name}: error: --install needs at least one package archive file argument\n`, 2);
        case '-I':
        case '--info':
        case '-c':
        case '--contents':
          if (name === 'dpkg-query') return fail(`dpkg-query: error: unknown option ${option}\n`, 2);
          return rest[0]
            ? inspect(rest[0], ctx, option === '-I' || option === '--info' ? 'info' : 'contents')
            : fail(
                `dpkg-deb: error: --${option === '-I' || option === '--info' ? 'info' : 'contents'} needs a .deb filename argument\n`,
                2,
              );
        case '-r':
        case '--remove':
        case '-P':
        case '--purge':
          return fail(`${name}: error: requested operation requires superuser privilege\n`, 2);
        case undefined:
          return fail(
            `${name}: error: need an action option\n\nType ${name} --help for help about installing and deinstalling packages [*];\nUse 'apt' or 'aptitude' for user-friendly package management;\n`,
            2,
          );
        default:
          return ok(
            option === '--version' ? `Debian '${name}' package management program version 1.21.22 (amd64).\n` : '',
          );
      }
    },
  });
  return [make('dpkg'), make('dpkg-query')];
}
