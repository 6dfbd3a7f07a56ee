import type { ProcessesState } from '@lta/labs';
import type { MachinePartStarter } from '../index.js';
import { jobCommands } from './job-control.js';
import { priorityCommands } from './priority.js';
import { ProcessTable } from './process-table.js';
import { psCommand } from './ps.js';
import { signallingCommands } from './signalling.js';
import { monitorCommands } from './top.js';

/**
 * The processes part: the table of the lab's daemons and the learner's jobs, and the commands that read and change
 * it (`ps`, `top`, `uptime`, `kill`, `pgrep`, `pkill`, `jobs`, `fg`, `bg`, `wait`, `nice`, `renice`, `nohup`).
 */
export const processesStarter: MachinePartStarter = {
  key: 'processes',
  start(state, services) {
    const table = new ProcessTable(state as ProcessesState | undefined, services.clock);
    return {
      commands: [
        psCommand(table),
        ...monitorCommands(table, services),
        ...signallingCommands(table),
        ...jobCommands(table, services),
        ...priorityCommands(table, services),
      ],
      state: () => table.state(),
      lineEnded: () => table.lineEnded(),
    };
  },
};
