import type { CatalogPackage } from '@lta/labs';

/** The mirror every package comes from, as apt prints it. */
export const MIRROR = 'http://deb.debian.org/debian';
export const DIST = 'bookworm';

/** The three lines every apt action starts with. */
export const READING =
  'Reading package lists... Done\nBuilding dependency tree... Done\nReading state information... Done\n';

/** apt's SizeToStr: 3-4 significant digits with an SI prefix (`64.9 kB`, `526 kB`, `1151 kB`). */
export function sizeText(bytes: number): string {
  const units = ['B', 'kB', 'MB', 'GB'];
  let size = bytes;
  for (const unit of units) {
    if (size < 100 && unit !== 'B') return `${size.toFixed(1)} ${unit}`;
    if (size < 10_000) return `${Math.round(size)} ${unit}`;
    size /= 1000;
  }
  return `${Math.round(size)} TB`;
}

/** How dpkg names a package in its progress lines: shared libraries carry their architecture. */
export function dpkgName(pkg: CatalogPackage): string {
  return pkg.section === 'libs' ? `${pkg.name}:${pkg.architecture}` : pkg.name;
}

/** A list of package names as apt wraps it under a heading: two spaces in, lines of at most 80 columns. */
export function nameList(names: readonly string[]): string {
  const lines: string[] = [];
  let line = ' ';
  for (const name of names) {
    if (line.length + name.length + 1 > 79 && line.trim()) {
      lines.push(line);
      line = ' ';
    }
    line += ` ${name}`;
  }
  lines.push(line);
  return `${lines.join('\n')}\n`;
}

/** The summary line of every install or removal. */
export function countsLine(installed: number, removed: number): string {
  return `0 upgraded, ${installed} newly installed, ${removed} to remove and 0 not upgraded.\n`;
}

/** The `n/N` answer apt's question takes from its input; anything else (Enter) is the default, yes. */
export function refused(stdin: string): boolean {
  return /^\s*n/i.test(stdin);
}

/** The dpkg database's size as apt reports it before unpacking or removing. */
export function readingDatabase(files: number): string {
  return `(Reading database ... ${files} files and directories currently installed.)\n`;
}

/** What a package's maintainer scripts say while setting it up. */
export function setupNote(pkg: CatalogPackage): string {
  if (!pkg.service) return '';
  return `Created symlink /etc/systemd/system/multi-user.target.wants/${pkg.service} → /lib/systemd/system/${pkg.service}.\n`;
}
