import { errorText } from '../filesystem/learner-fs.js';
import { bytesToLatin1, latin1ToBytes } from '../text.js';
import type { LearnerCommand, ShellServices } from './command.js';

/** Bytes handed to a (de)compressor at a time: each piece takes a few milliseconds, well within a frame. */
const PIECE = 32 * 1024;

const nextTask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/**
 * Runs bytes through one of the platform's compression streams (browsers and Node both have them; no node:zlib
 * needed), a piece at a time with a task in between: given a megabyte at once, Chromium compresses it in one 100 ms
 * task and the page freezes.
 */
export async function throughStream(
  bytes: Uint8Array,
  stream: CompressionStream | DecompressionStream,
): Promise<Uint8Array> {
  // Drained while the pieces go in: a write completes only as the readable side is read.
  const output = new Response(stream.readable).arrayBuffer();
  const writer = stream.writable.getWriter();
  try {
    for (let at = 0; at < bytes.length; at += PIECE) {
      if (at > 0) await nextTask();
      await writer.write(bytes.subarray(at, at + PIECE) as Uint8Array<ArrayBuffer>);
    }
    await writer.close();
  } catch (error) {
    output.catch(() => undefined); // the write's failure is the one to report
    throw error;
  }
  return new Uint8Array(await output);
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
  const options: GzipOptions = {
    decompress: name !== 'gzip',
    toStdout: name === 'zcat',
    keep: false,
    force: false,
    verbose: false,
    list: false,
  };
  const files: string[] = [];
  const long: Record<string, string> = {
    '--decompress': 'd',
    '--stdout': 'c',
    '--keep': 'k',
    '--force': 'f',
    '--verbose': 'v',
    '--list': 'l',
  };
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
            const saved = input.length
              ? (1 - (options.decompress ? input.length / output.length : output.length / input.length)) * 100
              : 0;
            stderr += `${file}:\t${saved.toFixed(1)}% -- ${options.keep ? 'created' : 'replaced with'} ${target.slice(target.lastIndexOf('/') + 1)}\n`;
          }
        } catch (error) {
          stderr += `${name}: ${file}: ${errorText(error)}\n`;
          exitCode = 1;
        }
      }
      if (options.list && stdout)
        stdout = `${'compressed'.padStart(19)} ${'uncompressed'.padStart(19)}  ratio uncompressed_name\n${stdout}`;
      return { stdout, stderr, exitCode, ...(options.toStdout ? { stdoutKind: 'bytes' as const } : {}) };
    },
  };
}
