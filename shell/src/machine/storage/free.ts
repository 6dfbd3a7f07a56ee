import { fail, ok, type LearnerCommand } from '../../commands/command.js';
import { inLargestUnit } from '../../commands/disk-usage.js';

/** The machine's memory in KiB, as `free` shows it: 2 GiB, a little in use, no swap. */
const MEMORY = {
  total: 2_030_592,
  used: 412_876,
  free: 1_208_332,
  shared: 9_104,
  cache: 409_384,
  available: 1_462_140,
};

/** `free -h` as procps prints it: `1.9Gi`, `403Mi`; one decimal below 10. */
function humanMemory(kib: number): string {
  if (kib === 0) return '0B';
  const { value, unit } = inLargestUnit(kib);
  const suffix = ['Ki', 'Mi', 'Gi', 'Ti'][unit]!;
  return value < 10 ? `${value.toFixed(1)}${suffix}` : `${Math.round(value)}${suffix}`;
}

/** `free [-h|-k|-m]`: the machine's memory and swap (fixed figures: the simulation runs no memory-hungry programs). */
export const freeCommand: LearnerCommand = {
  name: 'free',
  async execute(args) {
    let show = (kib: number) => String(kib);
    for (const arg of args) {
      if (arg === '-h' || arg === '--human') show = humanMemory;
      else if (arg === '-m' || arg === '--mebi') show = (kib) => String(Math.floor(kib / 1024));
      else if (arg !== '-k' && arg !== '--kibi') return fail(`free: invalid option -- '${arg.replace(/^-+/, '')}'\n`);
    }
    const m = MEMORY;
    const cells = [
      ['', 'total', 'used', 'free', 'shared', 'buff/cache', 'available'],
      ['Mem:', ...[m.total, m.used, m.free, m.shared, m.cache, m.available].map(show)],
      ['Swap:', ...[0, 0, 0].map(show)],
    ];
    const lines = cells.map(
      (row) =>
        row[0]!.padEnd(7) +
        row
          .slice(1)
          .map((cell, i) => cell.padStart(i === 0 ? 13 : 12))
          .join(''),
    );
    return ok(`${lines.join('\n')}\n`);
  },
};
