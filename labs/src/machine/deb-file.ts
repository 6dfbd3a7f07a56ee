import { CATALOG_MAINTAINER, catalogPackage, type CatalogPackage } from './package-catalog.js';

/**
 * A `.deb` file as this simulation writes it: an `ar` archive, as a real one is, whose three members carry their
 * real names (`debian-binary`, `control.tar.xz`, `data.tar.xz`) but hold text instead of compressed tar: the control
 * stanza, and the listing `dpkg -c` prints. Its files are the catalog's package of that name and version, so a lab
 * puts one in the learner's home with `debFile(name)` and `dpkg -i` installs exactly that package.
 */
export interface DebFile {
  /** The control stanza's fields (`Package`, `Version`, `Depends`, ...). */
  fields: Record<string, string>;
  /** The control member as `dpkg -I` shows it. */
  control: string;
  /** The data member: what `dpkg -c` lists. */
  contents: string;
  /** The file's size in bytes. */
  size: number;
}

const MAGIC = '!<arch>\n';
/** When every file of the simulated packages was built, as `dpkg -c` shows it. */
const BUILT = { seconds: 1714641240, text: '2024-05-02 09:14' };

/** One member: the 60-byte ar header (name, mtime, uid, gid, mode, size, magic), its text, padded to even length. */
function member(name: string, text: string): string {
  const header = `${name.padEnd(16)}${String(BUILT.seconds).padEnd(12)}${'0'.padEnd(6)}${'0'.padEnd(6)}${'100644'.padEnd(8)}${String(text.length).padEnd(10)}\`\n`;
  return `${header}${text}${text.length % 2 ? '\n' : ''}`;
}

/** The control file of a package, as its maintainer wrote it. */
function controlText(pkg: CatalogPackage): string {
  return [
    `Package: ${pkg.name}`,
    `Version: ${pkg.version}`,
    `Architecture: ${pkg.architecture}`,
    `Maintainer: ${pkg.vendor ?? CATALOG_MAINTAINER}`,
    `Installed-Size: ${pkg.installedSize}`,
    ...(pkg.depends.length ? [`Depends: ${pkg.depends.join(', ')}`] : []),
    `Section: ${pkg.section}`,
    `Priority: ${pkg.priority}`,
    ...(pkg.homepage ? [`Homepage: ${pkg.homepage}`] : []),
    `Description: ${pkg.summary}`,
    ` ${pkg.description}`,
    '',
  ].join('\n');
}

/** `tar -tv`'s lines for the package's files, directories first as dpkg-deb packs them. */
function contentsText(pkg: CatalogPackage): string {
  const files = Object.entries(pkg.files);
  const dirs = new Set<string>(['/']);
  for (const [path] of files)
    for (let at = path.indexOf('/', 1); at > 0; at = path.indexOf('/', at + 1)) dirs.add(`${path.slice(0, at)}/`);
  const row = (mode: string, size: number, path: string) =>
    `${mode} root/root ${String(size).padStart(9)} ${BUILT.text} .${path}\n`;
  const isProgram = (path: string) => /^\/(usr\/)?s?bin\//.test(path);
  return [
    ...[...dirs].sort().map((dir) => row('drwxr-xr-x', 0, dir)),
    ...files
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([path, text]) => row(isProgram(path) ? '-rwxr-xr-x' : '-rw-r--r--', text.length, path)),
  ].join('');
}

/** The text of the `.deb` file of the catalog's package `name` (a lab's `files` entry, e.g. a vendor's download). */
export function debFile(name: string): string {
  const pkg = catalogPackage(name);
  if (!pkg) throw new Error(`no package "${name}" in the simulated repository`);
  return `${MAGIC}${member('debian-binary', '2.0\n')}${member('control.tar.xz', controlText(pkg))}${member('data.tar.xz', contentsText(pkg))}`;
}

/**
 * Reads a `.deb` file as dpkg-deb does, or says why it is not one, in dpkg-deb's words (`file` is the name as given
 * on the command line).
 */
export function readDebFile(text: string, file: string): DebFile | string {
  const notDeb = `dpkg-deb: error: '${file}' is not a Debian format archive`;
  if (!text.startsWith(MAGIC)) return notDeb;
  const members = new Map<string, string>();
  for (let at = MAGIC.length; at + 60 <= text.length;) {
    const header = text.slice(at, at + 60);
    const size = Number(header.slice(48, 58).trim());
    if (header.slice(58, 60) !== '`\n' || !Number.isInteger(size) || size < 0) return notDeb;
    members.set(header.slice(0, 16).trim(), text.slice(at + 60, at + 60 + size));
    at += 60 + size + (size % 2);
  }
  const control = members.get('control.tar.xz');
  if (members.get('debian-binary') !== '2.0\n' || control === undefined) return notDeb;
  const fields: Record<string, string> = {};
  for (const line of control.split('\n')) {
    const match = /^([A-Za-z][A-Za-z0-9-]*):\s*(.*)$/.exec(line);
    if (match) fields[match[1]!] = match[2]!;
  }
  if (!fields.Package || !fields.Version)
    return `dpkg-deb: error: '${file}' has a control file without the Package or Version field`;
  return { fields, control, contents: members.get('data.tar.xz') ?? '', size: text.length };
}
