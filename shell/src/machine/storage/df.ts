import { human } from '../../commands/disk-usage.js';
import { fail, ok, type LearnerCommand, type ShellServices } from '../../commands/command.js';
import { ROOT_DISK, rootUsage } from './usage.js';

/**
 * `df [-h] [-T] [FILE...]`: the root disk's size, use and room, consistent with the files (writing 50 MB moves it
 * by 50 MB). One filesystem holds every path, so each FILE names the same line.
 */
export function dfCommand(services: ShellServices): LearnerCommand {
  return {
    name: 'df',
    async execute(args, ctx) {
      let humanSizes = false;
      let types = false;
      const operands: string[] = [];
      for (const arg of args) {
        if (arg === '--human-readable') humanSizes = true;
        else if (arg === '--print-type') types = true;
        else if (arg.startsWith('-') && arg.length > 1) {
          for (const flag of arg.slice(1)) {
            if (flag === 'h') humanSizes = true;
            else if (flag === 'T') types = true;
            else if (flag !== 'k' && flag !== 'l') return fail(`df: invalid option -- '${flag}'\nTry 'df --help' for more information.\n`);
          }
        } else operands.push(arg);
      }
      for (const operand of operands) {
        if (!(await services.fs.exists(services.fs.resolvePath(ctx.cwd, operand)))) return fail(`df: ${operand}: No such file or directory\n`);
      }
      const { size, used, available } = rootUsage(services.fs);
      const percent = `${Math.ceil((used * 100) / (used + available))}%`;
      const figure = (kib: number) => (humanSizes ? human(kib) : String(kib));
      const header = ['Filesystem', ...(types ? ['Type'] : []), humanSizes ? 'Size' : '1K-blocks', 'Used', humanSizes ? 'Avail' : 'Available', 'Use%', 'Mounted on'];
      const row = [ROOT_DISK.device, ...(types ? [ROOT_DISK.type] : []), figure(size), figure(used), figure(available), percent, ROOT_DISK.mountedOn];
      const rows = [header, ...Array.from({ length: Math.max(1, operands.length) }, () => row)];
      // GNU aligns the device and type left, the figures right, and leaves "Mounted on" unpadded; each column has a
      // least width (the device 14, figures 5, Use% 4).
      const least = [14, ...(types ? [4] : []), 5, 5, 5, 4, 0];
      const widths = header.map((_, i) => Math.max(least[i]!, ...rows.map((r) => r[i]!.length)));
      const numeric = (i: number) => i >= (types ? 2 : 1) && i < header.length - 1;
      const line = (r: string[]) => r.map((cell, i) => (i === r.length - 1 ? cell : numeric(i) ? cell.padStart(widths[i]!) : cell.padEnd(widths[i]!))).join(' ');
      return ok(rows.map((r) => `${line(r)}\n`).join(''));
    },
  };
}
