import type { LearnerCommand, ShellServices } from './command.js';
import { historyCommand } from './history.js';
import { identityCommands } from './identity.js';

/** Every command we add to just-bash or replace in it, bound to one shell's services. */
export function learnerCommands(services: ShellServices): LearnerCommand[] {
  return [...identityCommands, historyCommand(services)];
}
