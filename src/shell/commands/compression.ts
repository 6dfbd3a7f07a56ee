import { errorText } from '../learner-fs.js';
import { bytesToLatin1, latin1ToBytes } from '../text.js';
import type { LearnerCommand, ShellServices } from './command.js';

/** Runs bytes through the platform's gzip streams (browsers and Node both have them; no node:zlib needed). */
async function throughStream(bytes: Uint8Array, stream: CompressionStream | DecompressionStream): Promise<Uint8Array> {
  const writer = stream.writable.getWriter();
  // Not awaited: the writes complete only as the readable side below is drained.
  const written = writer.write(bytes as Uint8Array<ArrayBuffer>).then(() => writer.close());
  const [output] = await Promise.all([new Response(stream.readable).arrayBuffer(), written]);
  return new Uint8Array(output);
}

export const gzipBytes = (bytes: Uint8Array) => throughStream(bytes, new CompressionStream('gzip'));
export const gunzipBytes = (bytes: Uint8Array) => throughStream(bytes, new DecompressionStream('gzip'));

interface GzipOptions {
  decompress: boolean;
  toStdout: boolean;
  keep: boolean;
  force: boolean;
  verbose: boolean;
  list: boolean;
}

function parseOptions(name: string, args: string[]): { options: GzipOptions; files: string[] } | { error: string } {
  const options: GzipOptions = { decompress: name !== 'gzip', toStdout: name === 'zcat', keep: false, force: false, verbose: false, list: false };
  const files: string[] = [];
  const long: Record<string, string> = { '--decompress': 'd', '--stdout': 'c', '--keep': 'k', '--force': 'f', '--verbose': 'v', '--list': 'l' };
  for (const arg of args) {
    if (!arg.startsWith('-') || arg === '-') {
      files.push(arg);
      continue;
    }
    const letters = arg.startsWith('--') ? long[arg] : arg.slice(1);
    if (letters === undefined) return { error: `${name}: unrecognized option '${arg}'\n` };
    for (const letter of letters) {
      if (letter === 'd') options.decompress = true;
      else if (letter === 'c') options.toStdout = true;
      else if (letter === 'k') options.keep = true;
      else if (letter === 'f') options.force = true;
      else if (letter === 'v') options.verbose = true;
      else if (letter === 'l') options.list = true;
      else if (!/[1-9n]/.test(letter)) return { error: `${name}: invalid option -- '${letter}'\n` };
    }
  }
  return { options, files };
}

/** `gzip`, `gunzip` and `zcat` as GNU gzip behaves on files and pipes, in the browser and in Node. */
export function compressionCommand(name: 'gzip' | 'gunzip' | 'zcat', services: ShellServices): LearnerCommand {
  return {
    name,
    async execute(args, ctx) {
      const parsed = parseOptions(name, args);
      if ('error' in parsed) return { stdout: '', stderr: parsed.error, exitCode: 1 };
      const { options, files } = parsed;
      if (options.list) options.decompress = true;
      const fs = services.fs;
      const transform = options.decompress ? gunzipBytes : gzipBytes;
      if (files.length === 0 || (files.length === 1 && files[0] === '-')) {
        const input = latin1ToBytes(String(ctx.stdin));
        try {
          return { stdout: bytesToLatin1(await transform(input)), stderr: '', exitCode: 0, stdoutKind: 'bytes' };
        } catch {
          return { stdout: '', stderr: `${name}: stdin: not in gzip format\n`, exitCode: 1 };
        }
      }
      let stdout = '';
      let stderr = '';
      let exitCode = 0;
      for (const file of files) {
        const path = fs.resolvePath(ctx.cwd, file);
        if (options.decompress && !options.toStdout && !file.endsWith('.gz') && !file.endsWith('.tgz')) {
          stderr += `${name}: ${file}: unknown suffix -- ignored\n`;
          exitCode = 2;
          continue;
        }
        try {
          const stat = await fs.stat(path);
          if (stat.isDirectory) {
            stderr += `${name}: ${file} is a directory -- ignored\n`;
            exitCode = 2;
            continue;
          }
          const input = await fs.readFileBuffer(path);
          let output: Uint8Array;
          try {
            output = await transform(input);
          } catch {
            stderr += `${name}: ${file}: not in gzip format\n`;
            exitCode = 1;
            continue;
          }
          if (options.list) {
            const ratio = output.length ? (1 - input.length / output.length) * 100 : 0;
            stdout += `${String(input.length).padStart(19)} ${String(output.length).padStart(19)} ${ratio.toFixed(1).padStart(5)}% ${file.replace(/\.gz$/, '')}\n`;
            continue;
          }
          if (options.toStdout) {
            stdout += bytesToLatin1(output);
            continue;
          }
          const target = options.decompress ? path.replace(/\.tgz$/, '.tar').replace(/\.gz$/, '') : `${path}.gz`;
          if ((await fs.exists(target)) && !options.force) {
            stderr += `${name}: ${target.slice(target.lastIndexOf('/') + 1)} already exists; not overwritten\n`;
            exitCode = 2;
            continue;
          }
          await fs.writeFile(target, output);
          await fs.chmod(target, stat.mode);
          if (!options.keep) await fs.rm(path);
          if (options.verbose) {
            const saved = input.length ? (1 - (options.decompress ? input.length / output.length : output.length / input.length)) * 100 : 0;
            stderr += `${file}:\t${saved.toFixed(1)}% -- ${options.keep ? 'created' : 'replaced with'} ${target.slice(target.lastIndexOf('/') + 1)}\n`;
          }
        } catch (error) {
          stderr += `${name}: ${file}: ${errorText(error)}\n`;
          exitCode = 1;
        }
      }
      if (options.list && stdout) stdout = `${'compressed'.padStart(19)} ${'uncompressed'.padStart(19)}  ratio uncompressed_name\n${stdout}`;
      return { stdout, stderr, exitCode, ...(options.toStdout ? { stdoutKind: 'bytes' as const } : {}) };
    },
  };
}
