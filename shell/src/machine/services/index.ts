import type { ServicesState } from '@lta/labs';
import type { MachinePartStarter } from '../index.js';
import { crontabCommand } from './crontab.js';
import { journalctlCommand } from './journalctl.js';
import { nginxCommand } from './nginx.js';
import { systemctlCommand } from './systemctl.js';
import { Systemd } from './systemd.js';

/**
 * Services: systemd's units (files in /etc/systemd/system and /lib/systemd/system), their states, the journal and
 * /var/log, and the learner's crontab. A unit's programs run when it starts: nginx checks its configuration as the
 * real one does; any other program runs in the learner's shell, and its exit status decides.
 */
export const servicesStarter: MachinePartStarter = {
  key: 'services',
  start(state, services, events) {
    const systemd = new Systemd(state as ServicesState | undefined, services.fs, events);
    events.answer('listening', () => systemd.listening());
    return {
      commands: [
        systemctlCommand(systemd, services.fs),
        journalctlCommand(systemd),
        crontabCommand(systemd, services),
        nginxCommand(systemd, services.fs),
      ],
      state: () => systemd.snapshot(),
      booted: () => systemd.boot(),
      finishBoot: (run) => systemd.settle(run),
    };
  },
};
