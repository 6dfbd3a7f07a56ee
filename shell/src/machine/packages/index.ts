import type { PackagesState } from '@lta/labs';
import type { MachinePartStarter } from '../index.js';
import { aptCommands } from './apt.js';
import { PackageDatabase } from './database.js';
import { dpkgCommands } from './dpkg.js';
import { packagePrograms } from './programs.js';

/**
 * Packages: the dpkg database and the simulated Debian repository (`PACKAGE_CATALOG` in `@lta/labs`). A package's
 * programs are on PATH only while it is installed: its files in /usr/bin are what just-bash resolves commands by.
 */
export const packagesStarter: MachinePartStarter = {
  key: 'packages',
  start(state, services, events) {
    const db = new PackageDatabase(state as PackagesState | undefined, services.fs, events);
    return {
      commands: [...aptCommands(db, services), ...dpkgCommands(db, services), ...packagePrograms],
      state: () => db.snapshot(),
      booted: () => db.reconcile(),
    };
  },
};
