import { catalogPackage, PACKAGE_CATALOG } from '@lta/labs';
import { fail, ok, type LearnerCommand } from '../../commands/command.js';
import type { PackageDatabase } from './database.js';

const HEADER = [
  'Desired=Unknown/Install/Remove/Purge/Hold',
  '| Status=Not/Inst/Conf-files/Unpacked/halF-conf/Half-inst/trig-aWait/Trig-pend',
  '|/ Err?=(none)/Reinst-required (Status,Err: uppercase=bad)',
];

/** `dpkg -l`, `-L`, `-S`, `-s` (and `dpkg-query` with the same options): questions to the package database. */
export function dpkgCommands(db: PackageDatabase): LearnerCommand[] {
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
        const status = db.installed(pkg.name) ? 'ii' : 'rc';
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
      out += `Package: ${pkg.name}\nStatus: install ok installed\nPriority: ${pkg.priority}\nSection: ${pkg.section}\nInstalled-Size: ${pkg.installedSize}\nArchitecture: ${pkg.architecture}\nVersion: ${pkg.version}\n${pkg.depends.length ? `Depends: ${pkg.depends.join(', ')}\n` : ''}Description: ${pkg.summary}\n\n`;
    }
    return { stdout: out, stderr: errors, exitCode: errors ? 1 : 0 };
  };

  const make = (name: 'dpkg' | 'dpkg-query'): LearnerCommand => ({
    name,
    async execute(args) {
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
