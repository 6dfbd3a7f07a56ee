import type { LearnerCommand, ShellServices } from './command.js';
import { base64Command } from './base64.js';
import { bzip2Command } from './bzip2/bzip2-command.js';
import { compressionCommand } from './compression.js';
import { bcCommand } from './calculator.js';
import { cmpCommand } from './compare-files.js';
import { copyMoveCommand } from './copy-move.js';
import { duCommand } from './disk-usage.js';
import { uniqCommand, wcCommand } from './counting.js';
import { diffCommand } from './diff.js';
import { fileCommand } from './file-type.js';
import { findCommand } from './find.js';
import { gitCommand } from './git/index.js';
import {
  chmodCommand,
  COUNT_OPTIONS,
  headCommand,
  mkdirCommand,
  realpathCommand,
  umaskCommand,
  withReadErrors,
  yesCommand,
} from './files.js';
import { grepCommand } from './grep.js';
import { pagerCommand } from './pager-commands.js';
import { hexdumpCommand, xxdCommand } from './hex-dump.js';
import { helpListCommand } from './help.js';
import { historyCommand } from './history.js';
import { identityCommands } from './identity.js';
import { trapCommand } from './trap.js';
import { lsCommand } from './ls.js';
import { manCommand } from './manual.js';
import { pasteCommand } from './paste.js';
import { lnCommand, rmCommand } from './remove-link.js';
import { sedCommand } from './sed-backup.js';
import { orderedByOperand, type OperandSplit } from './ordered-output.js';
import { sortCommand } from './sort.js';
import { tarCommand } from './tar.js';
import { unzipCommand, zipCommand } from './zip.js';

/** `head` and `tail`: one file at a time, with the `==> f <==` headers GNU writes for several (unless told not to). */
const BY_FILE_WITH_HEADERS: OperandSplit = {
  valueOptions: COUNT_OPTIONS,
  // With -v each run would print its own header.
  splittable: (options) => !options.some((option) => /^-[^-]*v|^--verbose$/.test(option)),
  header: (file, first, options) =>
    options.some((option) => /^-[^-]*q|^--(quiet|silent)$/.test(option)) ? '' : `${first ? '' : '\n'}==> ${file} <==\n`,
};

/** Every command we add to just-bash or replace in it, bound to one shell's services. */
export function learnerCommands(services: ShellServices): LearnerCommand[] {
  return [
    ...identityCommands,
    trapCommand,
    helpListCommand,
    historyCommand(services),
    lsCommand(services),
    wcCommand(services),
    uniqCommand,
    grepCommand(services),
    findCommand(services),
    sortCommand(services),
    diffCommand(services),
    orderedByOperand(
      withReadErrors('cat', services, (file, reason) => `cat: ${file}: ${reason}`),
      // Options that act line by line; `-n`, `-b` and `-s` carry over from one file to the next.
      { splittable: (options) => options.every((option) => /^-[AETevt]+$/.test(option)) },
    ),
    orderedByOperand(
      withReadErrors(
        'tail',
        services,
        (file, reason) => `tail: cannot open '${file}' for reading: ${reason}`,
        COUNT_OPTIONS,
      ),
      BY_FILE_WITH_HEADERS,
    ),
    chmodCommand(services),
    orderedByOperand(headCommand(services), BY_FILE_WITH_HEADERS),
    mkdirCommand(services),
    copyMoveCommand('cp', services),
    copyMoveCommand('mv', services),
    rmCommand(services),
    lnCommand(services),
    sedCommand(services),
    duCommand(services),
    cmpCommand(services),
    bcCommand(services),
    pasteCommand,
    umaskCommand(services),
    realpathCommand(services),
    yesCommand,
    pagerCommand('less', services),
    pagerCommand('more', services),
    manCommand(services),
    tarCommand(services),
    compressionCommand('gzip', services),
    compressionCommand('gunzip', services),
    compressionCommand('zcat', services),
    zipCommand(services),
    bzip2Command('bzip2', services),
    bzip2Command('bunzip2', services),
    bzip2Command('bzcat', services),
    base64Command(services),
    fileCommand(services),
    xxdCommand(services),
    hexdumpCommand(services),
    unzipCommand(services),
    gitCommand(services),
  ];
}
