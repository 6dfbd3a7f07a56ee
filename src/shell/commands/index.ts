import type { LearnerCommand, ShellServices } from './command.js';
import { compressionCommand } from './compression.js';
import { uniqCommand, wcCommand } from './counting.js';
import { diffCommand } from './diff.js';
import { findCommand } from './find.js';
import { chmodCommand, COUNT_OPTIONS, headCommand, mkdirCommand, pagerCommand, realpathCommand, umaskCommand, withReadErrors, yesCommand } from './files.js';
import { grepCommand } from './grep.js';
import { historyCommand } from './history.js';
import { identityCommands } from './identity.js';
import { lsCommand } from './ls.js';
import { manCommand } from './manual.js';
import { sortCommand } from './sort.js';
import { tarCommand } from './tar.js';

/** Every command we add to just-bash or replace in it, bound to one shell's services. */
export function learnerCommands(services: ShellServices): LearnerCommand[] {
  return [
    ...identityCommands,
    historyCommand(services),
    lsCommand(services),
    wcCommand(services),
    uniqCommand,
    grepCommand(services),
    findCommand(services),
    sortCommand(services),
    diffCommand(services),
    withReadErrors('cat', services, (file, reason) => `cat: ${file}: ${reason}`),
    withReadErrors('tail', services, (file, reason) => `tail: cannot open '${file}' for reading: ${reason}`, COUNT_OPTIONS),
    chmodCommand(services),
    headCommand(services),
    mkdirCommand(services),
    umaskCommand(services),
    realpathCommand(services),
    yesCommand,
    pagerCommand('less', services),
    pagerCommand('more', services),
    manCommand,
    tarCommand(services),
    compressionCommand('gzip', services),
    compressionCommand('gunzip', services),
    compressionCommand('zcat', services),
  ];
}
