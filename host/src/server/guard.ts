/**
 * The last line of defence against a host bug: an error that escapes a request (or the whole event loop) is
 * logged, any transaction it left open is rolled back so no half-applied change is ever committed or seen, and
 * the host goes on serving everyone else instead of exiting.
 */
import type { Engine } from '../engine/index.js';
import type { HostLog } from './host-log.js';

/** Logs an error that escaped `what` and rolls back the transactions it left open in `engines`. */
export function containFailure(err: unknown, what: string, engines: Iterable<Engine>, log: HostLog): void {
  let rolledBack = 0;
  for (const engine of engines) {
    try {
      if (engine.rollbackOpenTransaction()) rolledBack++;
    } catch (rollbackError) {
      log('error', `could not roll back ${engine.databaseName}'s open transaction: ${describe(rollbackError)}`);
    }
  }
  const undone = rolledBack === 0 ? '' : ` (rolled back ${rolledBack} open transaction${rolledBack === 1 ? '' : 's'})`;
  log('error', `${what} failed${undone}; the host goes on serving: ${describe(err)}`);
}

/**
 * Keeps the process alive through an uncaught exception or unhandled rejection (logged and contained as above,
 * against the engines `engines()` lists at that moment). For the host's own process, not for a page or app that
 * embeds it: returns a function that removes the guard.
 */
export function guardProcess(log: HostLog, engines: () => Iterable<Engine>): () => void {
  const onException = (err: unknown) => containFailure(err, 'uncaught exception', engines(), log);
  const onRejection = (err: unknown) => containFailure(err, 'unhandled promise rejection', engines(), log);
  process.on('uncaughtException', onException);
  process.on('unhandledRejection', onRejection);
  return () => {
    process.off('uncaughtException', onException);
    process.off('unhandledRejection', onRejection);
  };
}

function describe(err: unknown): string {
  return err instanceof Error ? (err.stack ?? err.message) : String(err);
}
