import { latin1ToBytes } from '../text.js';
import type { ShellServices } from './command.js';

/**
 * The bytes of one operand of a byte-reading command (`xxd`, `hexdump`, `file`, `bzip2`): a file, or stdin for `-`
 * or no operand. Throws the filesystem's error (turn it into GNU's words with `errorText`).
 */
export async function operandBytes(
  services: ShellServices,
  ctx: { cwd: string; stdin: unknown },
  name: string | undefined,
): Promise<Uint8Array> {
  if (name === undefined || name === '-') return latin1ToBytes(String(ctx.stdin));
  return services.fs.readFileBuffer(services.fs.resolvePath(ctx.cwd, name));
}

/** A byte as `xxd` and `hexdump -C` show it beside the hex: printable ASCII as itself, anything else as a dot. */
export function printableOrDot(byte: number): string {
  return byte >= 0x20 && byte < 0x7f ? String.fromCharCode(byte) : '.';
}
