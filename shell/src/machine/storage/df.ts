import { filesystemOf } from '@lta/labs';
import { human } from '../../commands/disk-usage.js';
import { fail, type LearnerCommand, type ShellServices } from '../../commands/command.js';
import type { Disks } from './disks.js';
import { filesystemUse, type FilesystemUse } from './usage.js';

/** `df` percentages round up, as GNU's do; `-` where there is nothing to divide (vfat's inodes). */
function percent(used: number, total: number): string {
  return total === 0 ? '-' : `${Math.ceil((used * 100) / total)}%`;
}

/**
 * `df [-h] [-T] [-i] [FILE...]`: each mounted filesystem's size, use and room, consistent with the files (writing
 * 50 MB moves it by 50 MB); each FILE names the filesystem it lies on.
 */
export function dfCommand(services: ShellServices, disks: Disks): LearnerCommand {
  return {
    name: 'df',
    async execute(args, ctx) {
      let humanSizes = false;
      let types = false;
      let inodes = false;
      const operands: string[] = [];
      for (const arg of args) {
        if (arg === '--human-readable') humanSizes = true;
        else if (arg === '--print-type') types = true;
        else if (arg === '--inodes') inodes = true;
        else if (arg.startsWith('-') && arg.length > 1) {
          for (const flag of arg.slice(1)) {
            if (flag === 'h') humanSizes = true;
            else if (flag === 'T') types = true;
            else if (flag === 'i') inodes = true;
            else if (flag !== 'k' && flag !== 'l')
              return fail(`df: invalid option -- '${flag}'\nTry 'df --help' for more information.\n`);
          }
        } else operands.push(arg);
      }
      const all = filesystemUse(services.fs, disks.devices);
      let shown: FilesystemUse[] = all;
      let stderr = '';
      if (operands.length > 0) {
        shown = [];
        for (const operand of operands) {
          const path = services.fs.resolvePath(ctx.cwd, operand);
          if (!(await services.fs.exists(path))) stderr += `df: ${operand}: No such file or directory\n`;
          else {
            const device = filesystemOf(path, disks.devices);
            shown.push(all.find((row) => row.device === device)!);
          }
        }
      }
      if (shown.length === 0) return fail(stderr || 'df: no file systems processed\n');
      const figure = (n: number) => (humanSizes ? human(n) : String(n));
      const count = (n: number) => (humanSizes ? (n < 1000 ? String(n) : human(n / 1024)) : String(n));
      const header = inodes
        ? ['Filesystem', ...(types ? ['Type'] : []), 'Inodes', 'IUsed', 'IFree', 'IUse%', 'Mounted on']
        : [
            'Filesystem',
            ...(types ? ['Type'] : []),
            humanSizes ? 'Size' : '1K-blocks',
            'Used',
            humanSizes ? 'Avail' : 'Available',
            'Use%',
            'Mounted on',
          ];
      const rows = [
        header,
        ...shown.map((fs) => [
          fs.source,
          ...(types ? [fs.type] : []),
          ...(inodes
            ? [
                count(fs.inodes),
                count(fs.inodesUsed),
                count(fs.inodes - fs.inodesUsed),
                percent(fs.inodesUsed, fs.inodes),
              ]
            : [
                figure(fs.sizeKib),
                figure(fs.usedKib),
                figure(fs.availableKib),
                percent(fs.usedKib, fs.usedKib + fs.availableKib),
              ]),
          fs.mountedOn,
        ]),
      ];
      // GNU aligns the device and type left, the figures right, and leaves "Mounted on" unpadded; each column has a
      // least width (the device 14, figures 5, Use% 4).
      const least = [14, ...(types ? [4] : []), 5, 5, 5, 4, 0];
      const widths = header.map((_, i) => Math.max(least[i]!, ...rows.map((r) => r[i]!.length)));
      const numeric = (i: number) => i >= (types ? 2 : 1) && i < header.length - 1;
      const line = (r: string[]) =>
        r
          .map((cell, i) =>
            i === r.length - 1 ? cell : numeric(i) ? cell.padStart(widths[i]!) : cell.padEnd(widths[i]!),
          )
          .join(' ');
      return { stdout: rows.map((r) => `${line(r)}\n`).join(''), stderr, exitCode: stderr ? 1 : 0 };
    },
  };
}
