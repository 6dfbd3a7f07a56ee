import { errorText, type LearnerFs } from '../filesystem/learner-fs.js';
import { accountsOf } from '../filesystem/accounts.js';
import { bytesToLatin1, decodeUtf8, encodeUtf8, latin1ToBytes } from '../text.js';
import type { LearnerCommand, ShellServices } from './command.js';
import { gunzipBytes, gzipBytes } from './compression.js';

/** One archive member, as stored in a POSIX ustar archive. */
interface Member {
  name: string;
  kind: 'file' | 'dir' | 'symlink';
  mode: number;
  mtime: number;
  /** Owner and group, by id and by name, as ustar keeps both. */
  uid: number;
  gid: number;
  owner: string;
  group: string;
  data: Uint8Array;
  target: string;
}

const BLOCK = 512;

function writeField(header: Uint8Array, offset: number, length: number, text: string): void {
  header.set(encodeUtf8(text).subarray(0, length), offset);
}

function octal(value: number, length: number): string {
  return value.toString(8).padStart(length - 1, '0') + '\0';
}

function headerFor(member: Member): Uint8Array {
  const header = new Uint8Array(BLOCK);
  let name = member.name + (member.kind === 'dir' && !member.name.endsWith('/') ? '/' : '');
  let prefix = '';
  if (encodeUtf8(name).length > 100) {
    const cut = name.lastIndexOf('/', name.length - 2);
    prefix = name.slice(0, cut);
    name = name.slice(cut + 1);
  }
  writeField(header, 0, 100, name);
  writeField(header, 100, 8, octal(member.mode & 0o7777, 8));
  writeField(header, 108, 8, octal(member.uid, 8));
  writeField(header, 116, 8, octal(member.gid, 8));
  writeField(header, 124, 12, octal(member.kind === 'file' ? member.data.length : 0, 12));
  writeField(header, 136, 12, octal(Math.floor(member.mtime / 1000), 12));
  writeField(header, 148, 8, '        ');
  writeField(header, 156, 1, member.kind === 'dir' ? '5' : member.kind === 'symlink' ? '2' : '0');
  writeField(header, 157, 100, member.target);
  writeField(header, 257, 8, 'ustar\u000000');
  writeField(header, 265, 32, member.owner);
  writeField(header, 297, 32, member.group);
  writeField(header, 345, 155, prefix);
  const sum = header.reduce((total, byte) => total + byte, 0);
  writeField(header, 148, 8, sum.toString(8).padStart(6, '0') + '\0 ');
  return header;
}

function packTar(members: Member[]): Uint8Array {
  const chunks: Uint8Array[] = [];
  for (const member of members) {
    chunks.push(headerFor(member));
    if (member.kind === 'file') {
      const padded = new Uint8Array(Math.ceil(member.data.length / BLOCK) * BLOCK);
      padded.set(member.data);
      chunks.push(padded);
    }
  }
  chunks.push(new Uint8Array(BLOCK * 2));
  // GNU tar pads archives to a 10 KiB record.
  const size = chunks.reduce((total, chunk) => total + chunk.length, 0);
  chunks.push(new Uint8Array(Math.ceil(size / 10240) * 10240 - size));
  const out = new Uint8Array(chunks.reduce((total, chunk) => total + chunk.length, 0));
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.length;
  }
  return out;
}

function readField(bytes: Uint8Array, offset: number, length: number): string {
  const field = bytes.subarray(offset, offset + length);
  const end = field.indexOf(0);
  return decodeUtf8(end >= 0 ? field.subarray(0, end) : field);
}

function unpackTar(bytes: Uint8Array): Member[] | undefined {
  const members: Member[] = [];
  for (let offset = 0; offset + BLOCK <= bytes.length;) {
    const header = bytes.subarray(offset, offset + BLOCK);
    if (header.every((byte) => byte === 0)) break;
    const stored = parseInt(readField(header, 148, 8).trim(), 8);
    const sum = header.reduce((total, byte, i) => total + (i >= 148 && i < 156 ? 32 : byte), 0);
    if (stored !== sum) return undefined;
    const size = parseInt(readField(header, 124, 12).trim() || '0', 8);
    const type = readField(header, 156, 1);
    const prefix = readField(header, 345, 155);
    const name = (prefix ? `${prefix}/` : '') + readField(header, 0, 100);
    const data = bytes.slice(offset + BLOCK, offset + BLOCK + size);
    members.push({
      name: name.replace(/\/$/, ''),
      kind: type === '5' ? 'dir' : type === '2' ? 'symlink' : 'file',
      mode: parseInt(readField(header, 100, 8).trim() || '644', 8),
      mtime: parseInt(readField(header, 136, 12).trim() || '0', 8) * 1000,
      uid: parseInt(readField(header, 108, 8).trim() || '1000', 8),
      gid: parseInt(readField(header, 116, 8).trim() || '1000', 8),
      owner: readField(header, 265, 32) || 'learner',
      group: readField(header, 297, 32) || 'learner',
      data,
      target: readField(header, 157, 100),
    });
    offset += BLOCK + Math.ceil(size / BLOCK) * BLOCK;
  }
  return members;
}

interface TarOptions {
  mode?: 'c' | 'x' | 't';
  file?: string;
  verbose: boolean;
  gzip: boolean;
  directory?: string;
  operands: string[];
}

/** GNU tar's argument forms: `tar czvf out.tgz dir`, `tar -xzf a.tgz -C dest`, `--create --file=a.tar`. */
function parseArgs(args: string[]): TarOptions | string {
  const options: TarOptions = { verbose: false, gzip: false, operands: [] };
  const queue = [...args];
  const needsValue: string[] = [];
  const apply = (letter: string): string | undefined => {
    if (letter === 'c' || letter === 'x' || letter === 't') {
      if (options.mode && options.mode !== letter)
        return "tar: You may not specify more than one '-Acdtrux', '--delete' or  '--test-label' option";
      options.mode = letter;
    } else if (letter === 'v') options.verbose = true;
    else if (letter === 'z') options.gzip = true;
    else if (letter === 'f' || letter === 'C') needsValue.push(letter);
    else if (letter !== 'p' && letter !== 'o') return `tar: invalid option -- '${letter}'`;
    return undefined;
  };
  const long: Record<string, string> = {
    '--create': 'c',
    '--extract': 'x',
    '--get': 'x',
    '--list': 't',
    '--verbose': 'v',
    '--gzip': 'z',
    '--gunzip': 'z',
  };
  let first = true;
  while (queue.length > 0) {
    const arg = queue.shift()!;
    let letters: string | undefined;
    if (arg.startsWith('--file=')) options.file = arg.slice(7);
    else if (arg.startsWith('--directory=')) options.directory = arg.slice(12);
    else if (arg === '--file' || arg === '--directory') needsValue.push(arg === '--file' ? 'f' : 'C');
    else if (arg.startsWith('--')) {
      letters = long[arg];
      if (letters === undefined) return `tar: unrecognized option '${arg}'`;
    } else if (arg.startsWith('-') && arg.length > 1) letters = arg.slice(1);
    else if (first && /^[cxtvzfCpo]+$/.test(arg)) letters = arg;
    else options.operands.push(arg);
    first = false;
    for (const letter of letters ?? '') {
      const problem = apply(letter);
      if (problem) return problem;
    }
    while (needsValue.length > 0) {
      const value = queue.shift();
      if (value === undefined) return `tar: option requires an argument -- '${needsValue[0]}'`;
      if (needsValue.shift() === 'f') options.file = value;
      else options.directory = value;
    }
  }
  if (!options.mode) return "tar: You must specify one of the '-Acdtrux', '--delete' or '--test-label' options";
  return options;
}

function listingLine(member: Member): string {
  const type = member.kind === 'dir' ? 'd' : member.kind === 'symlink' ? 'l' : '-';
  const bits = [6, 3, 0]
    .map((shift) => ['r', 'w', 'x'].map((c, i) => (member.mode & ((4 >> i) << shift) ? c : '-')).join(''))
    .join('');
  const date = new Date(member.mtime);
  const pad = (n: number) => String(n).padStart(2, '0');
  const when = `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${pad(date.getHours())}:${pad(date.getMinutes())}`;
  const size = String(member.kind === 'file' ? member.data.length : 0);
  const name =
    member.name + (member.kind === 'dir' ? '/' : '') + (member.kind === 'symlink' ? ` -> ${member.target}` : '');
  return `${type}${bits} ${member.owner}/${member.group} ${size.padStart(19 - (member.owner.length + member.group.length + 1))} ${when} ${name}`;
}

async function collect(fs: LearnerFs, base: string, name: string, members: Member[]): Promise<void> {
  const path = fs.resolvePath(base, name);
  const stat = await fs.lstat(path);
  const accounts = accountsOf(fs);
  const { uid, gid } = await fs.ownership(path, false);
  const owner = { uid, gid, owner: accounts.userName(uid), group: accounts.groupName(gid) };
  const mtime = stat.mtime.getTime();
  if (stat.isSymbolicLink) {
    members.push({
      name,
      kind: 'symlink',
      mode: 0o777,
      mtime,
      ...owner,
      data: new Uint8Array(),
      target: await fs.readlink(path),
    });
  } else if (stat.isDirectory) {
    members.push({ name, kind: 'dir', mode: stat.mode, mtime, ...owner, data: new Uint8Array(), target: '' });
    for (const child of await fs.readdir(path)) await collect(fs, base, `${name.replace(/\/$/, '')}/${child}`, members);
  } else {
    members.push({
      name,
      kind: 'file',
      mode: stat.mode,
      mtime,
      ...owner,
      data: await fs.readFileBuffer(path),
      target: '',
    });
  }
}

/** `tar` with create, extract and list, gzip (`z`), verbose, `-C`; keeps modes and symlinks; works in the browser. */
export function tarCommand(services: ShellServices): LearnerCommand {
  return {
    name: 'tar',
    async execute(args, ctx) {
      const options = parseArgs(args);
      if (typeof options === 'string')
        return {
          stdout: '',
          stderr: `${options}\nTry 'tar --help' or 'tar --usage' for more information.\n`,
          exitCode: 2,
        };
      const fs = services.fs;
      const base = options.directory ? fs.resolvePath(ctx.cwd, options.directory) : ctx.cwd;
      let stderr = '';
      let stdout = '';
      const failed = () => ({
        stdout,
        stderr: `${stderr}tar: Exiting with failure status due to previous errors\n`,
        exitCode: 2,
      });
      if (options.mode === 'c') {
        if (options.operands.length === 0)
          return { stdout: '', stderr: 'tar: Cowardly refusing to create an empty archive\n', exitCode: 2 };
        const members: Member[] = [];
        for (const operand of options.operands) {
          let name = operand;
          if (name.startsWith('/')) {
            stderr += "tar: Removing leading `/' from member names\n";
            name = name.replace(/^\/+/, '');
          }
          try {
            await collect(fs, operand.startsWith('/') ? '/' : base, name, members);
          } catch (error) {
            stderr += `tar: ${operand}: ${errorText(error) === 'Permission denied' ? 'Cannot open' : 'Cannot stat'}: ${errorText(error)}\n`;
          }
        }
        if (options.verbose) stdout += members.map((m) => (m.kind === 'dir' ? `${m.name}/` : m.name) + '\n').join('');
        let archive = packTar(members);
        if (options.gzip) archive = await gzipBytes(archive);
        if (!options.file || options.file === '-') {
          return { stdout: bytesToLatin1(archive), stderr, exitCode: stderr ? 2 : 0, stdoutKind: 'bytes' };
        }
        try {
          await fs.writeFile(fs.resolvePath(ctx.cwd, options.file), archive);
        } catch {
          stderr += `tar: ${options.file}: Cannot open: Permission denied\n`;
          return failed();
        }
        return stderr.includes('Cannot') ? failed() : { stdout, stderr, exitCode: 0 };
      }
      let bytes: Uint8Array;
      try {
        bytes =
          options.file && options.file !== '-'
            ? await fs.readFileBuffer(fs.resolvePath(ctx.cwd, options.file))
            : latin1ToBytes(String(ctx.stdin));
        if (options.gzip || (bytes[0] === 0x1f && bytes[1] === 0x8b)) bytes = await gunzipBytes(bytes);
      } catch {
        return {
          stdout: '',
          stderr: `tar: ${options.file}: Cannot open: No such file or directory\ntar: Error is not recoverable: exiting now\n`,
          exitCode: 2,
        };
      }
      const members = unpackTar(bytes);
      if (!members)
        return {
          stdout: '',
          stderr:
            'tar: This does not look like a tar archive\ntar: Exiting with failure status due to previous errors\n',
          exitCode: 2,
        };
      const wanted = options.operands.map((o) => o.replace(/\/$/, ''));
      const selected = members.filter(
        (m) => wanted.length === 0 || wanted.some((w) => m.name === w || m.name.startsWith(`${w}/`)),
      );
      if (options.mode === 't') {
        const lines = selected.map((m) => (options.verbose ? listingLine(m) : m.name + (m.kind === 'dir' ? '/' : '')));
        return { stdout: lines.map((line) => `${line}\n`).join(''), stderr: '', exitCode: 0 };
      }
      const directories: Member[] = [];
      for (const member of selected) {
        const path = fs.resolvePath(base, member.name);
        if (options.verbose) stdout += member.name + (member.kind === 'dir' ? '/' : '') + '\n';
        try {
          if (member.kind === 'dir') {
            await fs.mkdir(path, { recursive: true });
            directories.push(member);
          } else {
            await fs.mkdir(path.slice(0, path.lastIndexOf('/')) || '/', { recursive: true });
            if (await fs.exists(path)) await fs.rm(path);
            if (member.kind === 'symlink') await fs.symlink(member.target, path);
            else {
              await fs.writeFile(path, member.data);
              await fs.chmod(path, member.mode & ~fs.umask);
              await fs.utimes(path, new Date(member.mtime), new Date(member.mtime));
            }
          }
        } catch (error) {
          stderr += `tar: ${member.name}: Cannot open: ${errorText(error)}\n`;
        }
      }
      // Directory modes last, so that a read-only directory in the archive can still be filled.
      for (const member of directories.reverse())
        await fs.chmod(fs.resolvePath(base, member.name), member.mode & ~fs.umask).catch(() => undefined);
      return stderr ? failed() : { stdout, stderr, exitCode: 0 };
    },
  };
}
