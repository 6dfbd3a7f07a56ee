import { errorText } from '../../filesystem/learner-fs.js';
import { bytesToLatin1, latin1ToBytes } from '../../text.js';
import { fail, type LearnerCommand, type ShellServices } from '../command.js';
import { bzip2Compress, bzip2Decompress } from './codec.js';

/** What a decompressed file is named, as bzip2 guesses it from the suffix. */
function decompressedName(path: string): string | undefined {
  for (const [suffix, replacement] of [
    ['.bz2', ''],
    ['.bz', ''],
    ['.tbz2', '.tar'],
    ['.tbz', '.tar'],
  ] as const) {
    if (path.endsWith(suffix) && path.length > suffix.length) return path.slice(0, -suffix.length) + replacement;
  }
  return undefined;
}

const baseName = (path: string) => path.slice(path.lastIndexOf('/') + 1);

/** `bzip2`, `bunzip2` and `bzcat` with bzip2 1.0.8's messages: files replaced by FILE.bz2 and back, or `-c` to stdout. */
export function bzip2Command(name: 'bzip2' | 'bunzip2' | 'bzcat', services: ShellServices): LearnerCommand {
  return {
    name,
    async execute(args, ctx) {
      let decompress = name !== 'bzip2';
      let toStdout = name === 'bzcat';
      let keep = false;
      let force = false;
      const files: string[] = [];
      const long: Record<string, string> = {
        '--decompress': 'd',
        '--compress': 'z',
        '--stdout': 'c',
        '--keep': 'k',
        '--force': 'f',
        '--verbose': 'v',
        '--quiet': 'q',
      };
      for (const arg of args) {
        if (!arg.startsWith('-') || arg === '-') {
          files.push(arg);
          continue;
        }
        const letters = arg.startsWith('--') ? long[arg] : arg.slice(1);
        if (letters === undefined || /[^dzckfvqs1-9]/.test(letters)) return fail(`${name}: Bad flag \`${arg}'\n`);
        if (letters.includes('d')) decompress = true;
        if (letters.includes('z')) decompress = false;
        toStdout ||= letters.includes('c');
        keep ||= letters.includes('k');
        force ||= letters.includes('f');
      }
      const transform = decompress ? bzip2Decompress : bzip2Compress;
      if (files.length === 0 || (files.length === 1 && files[0] === '-')) {
        try {
          return {
            stdout: bytesToLatin1(transform(latin1ToBytes(String(ctx.stdin)))),
            stderr: '',
            exitCode: 0,
            stdoutKind: 'bytes',
          };
        } catch {
          return fail(`${name}: (stdin) is not a bzip2 file.\n`, 2);
        }
      }
      const fs = services.fs;
      let stdout = '';
      let stderr = '';
      let exitCode = 0;
      for (const file of files) {
        const path = fs.resolvePath(ctx.cwd, file);
        let input: Uint8Array;
        let mode: number;
        try {
          const stat = await fs.stat(path);
          if (stat.isDirectory) {
            stderr += `${name}: Input file ${file} is a directory.\n`;
            exitCode = Math.max(exitCode, 1);
            continue;
          }
          mode = stat.mode;
          input = await fs.readFileBuffer(path);
        } catch (error) {
          stderr += `${name}: Can't open input file ${file}: ${errorText(error)}.\n`;
          exitCode = Math.max(exitCode, 1);
          continue;
        }
        let target = `${path}.bz2`;
        if (decompress && !toStdout) {
          const guessed = decompressedName(path);
          if (guessed === undefined)
            stderr += `${name}: Can't guess original name for ${file} -- using ${baseName(path)}.out\n`;
          target = guessed ?? `${path}.out`;
        }
        if (!decompress && !toStdout && decompressedName(path) !== undefined && !force) {
          stderr += `${name}: Input file ${file} already has .bz2 suffix.\n`;
          exitCode = Math.max(exitCode, 1);
          continue;
        }
        let output: Uint8Array;
        try {
          output = transform(input);
        } catch {
          stderr += `${name}: ${file} is not a bzip2 file.\n`;
          exitCode = 2;
          continue;
        }
        if (toStdout) {
          stdout += bytesToLatin1(output);
          continue;
        }
        if ((await fs.exists(target)) && !force) {
          stderr += `${name}: Output file ${baseName(target)} already exists.\n`;
          exitCode = Math.max(exitCode, 1);
          continue;
        }
        try {
          await fs.writeFile(target, output);
          await fs.chmod(target, mode);
          if (!keep) await fs.rm(path);
        } catch (error) {
          stderr += `${name}: Can't create output file ${baseName(target)}: ${errorText(error)}.\n`;
          exitCode = Math.max(exitCode, 1);
        }
      }
      return { stdout, stderr, exitCode, ...(toStdout ? { stdoutKind: 'bytes' as const } : {}) };
    },
  };
}
