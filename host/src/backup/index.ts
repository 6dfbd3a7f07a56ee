/** `@lta/host/backup`: dump a database to a signed archive and restore it. */
export { dumpDatabase } from './dump.js';
export { restoreDatabase } from './restore.js';
