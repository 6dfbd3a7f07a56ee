import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import {
  loadModule,
  type BundledModule,
  type CommittedOutcome,
  type Engine,
  type ModuleLogger,
} from '../engine/index.js';
import { HostMetrics } from '../metrics/host-metrics.js';
import { systemClock, type SchedulerClock } from '../scheduler/clock.js';
import { runImmediateCalls } from '../scheduler/immediate-calls.js';
import { Scheduler } from '../scheduler/scheduler.js';
import { planUpdate, type AcceptedUpdate, type RefusedUpdate } from '../update/plan-update.js';
import { ModuleUpdateError } from '../update/module-update-error.js';
import { lockDataDir, type DataDirLock } from './data-dir-lock.js';
import { meteredEngine } from './metered-engine.js';
import { readModuleRecord, schemaHash, writeModuleRecord, type ModuleRecord } from './module-record.js';
import { Persistence, type RecoveryReport } from './persistence.js';
import { describeSchema } from './stored-schema.js';
import { SystemVariables } from './system-variables.js';

export type DatabaseLog = (level: 'error' | 'warn' | 'info' | 'debug', message: string) => void;

export interface OpenDatabaseOptions {
  /** Module folder (with `src/index.ts`). */
  moduleDir: string;
  /** The module already bundled (uploaded with `spacetime publish`): served instead of building `moduleDir`. */
  program?: BundledModule;
  /** The database's name. */
  database: string;
  /** Where the data lives. Without it the database is in memory only and starts empty every time. */
  dataDir?: string;
  /** Deletes the stored data first and publishes as new (`--clear`). */
  clear?: boolean;
  /** The `initial_program` of the database this updates, where no data directory remembers it (in memory). */
  initialProgram?: Uint8Array;
  /** The SQL system variables of the database this updates, where no data directory keeps them (in memory). */
  systemVariables?: Iterable<readonly [string, bigint]>;
  /** Identity of whoever publishes: `init`'s sender and, on first publish, the database owner. */
  publisher?: bigint;
  log: DatabaseLog;
  /** Where the module's own console output goes (default: the engine's). */
  moduleLog?: ModuleLogger;
  /** Origins the module's procedures may reach over HTTP (default none). */
  allowHttpTo?: readonly string[];
  /** Transactions between background snapshots. */
  snapshotEvery?: number;
  /** The scheduler's clock (tests). */
  clock?: SchedulerClock;
}

/** A database ready to serve: the engine plus what keeps its data and runs its schedules. */
export interface OpenDatabase {
  /** The engine, with reducer calls counted in `metrics`. */
  readonly engine: Engine;
  readonly metrics: HostMetrics;
  /** The identity that first published (may use the owner-only HTTP routes), or null when unknown. */
  readonly owner: bigint | null;
  /** Keccak-256 of the program the database was created (or reset) with: `initial_program` in `GET /v1/database/:name`. */
  readonly initialProgram: Uint8Array;
  /** The SQL system variables (`SET row_limit = N`), stored with the database. */
  readonly systemVariables: SystemVariables;
  /** True when this start published the module for the first time (and ran `init`). */
  readonly firstPublish: boolean;
  /** How start-up recovery went (null in memory). */
  readonly recovery: RecoveryReport | null;
  /** The update applied at this start (null on first publish or when the module did not change). */
  readonly update: AcceptedUpdate | null;
  /** Resolves once transaction `txOffset` is on disk. Send a ReducerResult only after it resolves. */
  durable(txOffset: bigint): Promise<void>;
  /** Commits the database made on its own (scheduled reducers): the server broadcasts them to subscribers. */
  onScheduledCommit(listener: (outcome: CommittedOutcome) => void): void;
  /** Why committed transactions can no longer be made durable (the commit log failed to write), or null. */
  writeFailure(): Error | null;
  /** Calls `listener` once if the commit log fails to write (never in memory). */
  onWriteFailure(listener: (error: Error) => void): void;
  /** Takes a snapshot now (and cuts the log behind it). */
  snapshot(): Promise<void>;
  /** Stops the scheduler, flushes the log and releases the data directory. */
  close(): Promise<void>;
}

const nowMicros = () => BigInt(Date.now()) * 1000n;

async function clearDataDir(dataDir: string): Promise<void> {
  for (const part of ['snapshots', 'clog', 'module.json'])
    await rm(join(dataDir, part), { recursive: true, force: true });
}

/**
 * A data directory holds `LOCK` (the process id of the host using it), `module.json` (schema and owner of the
 * published module), `clog/<first offset>.log` (commit log segments: CRC-checked records, one per transaction),
 * `snapshots/<offset>.snap` (the newest two whole-database images) and the server's `keys/`.
 *
 * Opens a database: locks the data directory, loads the module, checks it against the module published before
 * (refusing changes SpacetimeDB would not migrate automatically), recovers the stored data, runs `init` only
 * on first publish, and starts the scheduler. Throws `ModuleLoadError`, `ModuleUpdateError` or a clear error.
 */
export async function openDatabase(options: OpenDatabaseOptions): Promise<OpenDatabase> {
  const { dataDir, log } = options;
  let lock: DataDirLock | null = null;
  let persistence: Persistence | null = null;
  if (dataDir) {
    await mkdir(dataDir, { recursive: true });
    lock = await lockDataDir(dataDir);
  }
  try {
    if (dataDir && options.clear) {
      await clearDataDir(dataDir);
      log('warn', `${options.database}: --clear: stored data deleted, publishing as new`);
    }
    const engine = await loadModule({
      moduleDir: options.moduleDir,
      ...(options.program ? { program: options.program } : {}),
      databaseName: options.database,
      ...(options.moduleLog ? { log: options.moduleLog } : {}),
      ...(options.allowHttpTo ? { allowHttpTo: options.allowHttpTo } : {}),
    });
    // SpacetimeDB's CLI prints these at publish (`spacetime build`, crates/cli/src/subcommands/build.rs).
    for (const warning of engine.def.warnings) log('warn', `${options.database}: ${warning}`);
    const schema = describeSchema(engine.def);
    const hash = schemaHash(schema);
    const record = dataDir ? await readModuleRecord(dataDir) : null;
    let update: AcceptedUpdate | null = null;
    if (record && schemaHash(record.schema) !== hash) {
      const plan = planUpdate(record.schema, schema);
      if (!plan.ok) throw new ModuleUpdateError(options.database, plan.problems);
      update = plan;
    }
    const metrics = new HostMetrics({
      database: options.database,
      databaseIdentity: engine.databaseIdentity.toString(16).padStart(64, '0'),
      tableSizes: () =>
        engine.def.tables.map((t) => {
          let bytes = 0;
          const handle = engine.table(t.name);
          for (const row of handle.rows()) bytes += row.bytes.length;
          return { table: t.name, rows: handle.count(), bytes };
        }),
      commitLogBytes: () => persistence?.logBytes ?? 0,
    });
    persistence = dataDir
      ? await Persistence.open({
          dir: dataDir,
          engine,
          warn: (message) => log('warn', `${options.database}: ${message}`),
          schemaHash: hash,
          ...(update ? { upgrades: update.upgrades, removedTables: update.removedTables } : {}),
          ...(options.snapshotEvery === undefined ? {} : { snapshotEvery: options.snapshotEvery }),
          onFsync: (seconds) => metrics.fsyncObserved(seconds),
        })
      : null;
    if (persistence) {
      const { recovery } = persistence;
      log(
        'info',
        `${options.database}: recovered to transaction ${recovery.txOffset} (snapshot ${recovery.snapshotOffset ?? 'none'}, ` +
          `${recovery.replayedTransactions} logged transactions replayed) in ${recovery.millis.toFixed(0)} ms`,
      );
    }
    const metered = meteredEngine(engine, metrics);
    // `init` is always the first transaction, so an empty log means it never ran.
    const firstPublish = engine.txOffset === 0n;
    if (firstPublish) {
      const init = metered.callLifecycle('init', {
        sender: options.publisher ?? engine.databaseIdentity,
        connectionId: 0n,
        timestamp: nowMicros(),
      });
      if (init.status === 'failed') throw new Error(`the module's init reducer failed: ${init.message}`);
      await persistence?.durable(init.txOffset);
    }
    if (update) {
      for (const step of update.steps) log('info', `${options.database}: update: ${step}`);
      // Rows now follow the new layout: snapshot them before anything else is logged.
      if (update.upgrades.size > 0) await persistence?.snapshot();
    }
    const owner = record?.owner ? BigInt(`0x${record.owner}`) : (options.publisher ?? null);
    // Created now (or cleared, which removed the record): this program is the initial one; an update keeps it.
    const initialProgram =
      record?.initialProgram ?? Buffer.from(options.initialProgram ?? engine.programHash).toString('hex');
    let storedRecord: ModuleRecord | null = record;
    if (dataDir && (!record || update || record.initialProgram === undefined)) {
      storedRecord = {
        schema,
        owner: owner === null ? null : owner.toString(16).padStart(64, '0'),
        firstPublishedAt: record?.firstPublishedAt ?? new Date().toISOString(),
        initialProgram,
        ...(record?.systemVariables ? { systemVariables: record.systemVariables } : {}),
      };
      await writeModuleRecord(dataDir, storedRecord);
    }
    const systemVariables = new SystemVariables(
      dataDir ? SystemVariables.fromRecord(record?.systemVariables) : (options.systemVariables ?? []),
      async (values) => {
        if (!dataDir || !storedRecord) return;
        storedRecord = { ...storedRecord, systemVariables: values };
        await writeModuleRecord(dataDir, storedRecord);
      },
    );

    const scheduledListeners: ((outcome: CommittedOutcome) => void)[] = [];
    const scheduler = new Scheduler({
      def: engine.def,
      rows: (table) => engine.table(table).rows(),
      decode: (table, bytes) => engine.table(table).decodeColumns(bytes),
      log: (level, message) => log(level, `${options.database}: ${message}`),
      ...(options.clock ? { clock: options.clock } : {}),
      run: (table, row) => {
        const caller = {
          sender: engine.databaseIdentity,
          connectionId: 0n,
          timestamp: options.clock?.now() ?? nowMicros(),
        };
        // A failed Time row is removed in a commit of its own: subscribers see every commit the run made.
        const commits: CommittedOutcome[] = [];
        scheduledCommits = commits;
        const outcome = engine.callScheduled(table.name, row, caller);
        scheduledCommits = null;
        metrics.reducerCalled(table.schedule!.functionName, outcome.durationMicros, outcome.status === 'failed');
        for (const commit of commits) for (const listener of scheduledListeners) listener(commit);
        return outcome.status === 'failed' ? outcome.message : null;
      },
    });
    let scheduledCommits: CommittedOutcome[] | null = null;
    const stopObserving = engine.onCommit((outcome) => {
      metrics.transactionCommitted();
      scheduledCommits?.push(outcome);
      scheduler.observe(outcome.changes);
    });
    scheduler.start();
    const stopImmediateCalls = runImmediateCalls({
      engine: metered,
      clock: options.clock ?? systemClock,
      log: (level, message) => log(level, `${options.database}: ${message}`),
      committed: (outcome) => {
        for (const listener of scheduledListeners) listener(outcome);
      },
    });

    return {
      engine: metered,
      metrics,
      owner,
      initialProgram: Buffer.from(initialProgram, 'hex'),
      systemVariables,
      firstPublish,
      recovery: persistence?.recovery ?? null,
      update,
      durable: (txOffset) => persistence?.durable(txOffset) ?? Promise.resolve(),
      onScheduledCommit: (listener) => void scheduledListeners.push(listener),
      writeFailure: () => persistence?.writeFailure ?? null,
      onWriteFailure: (listener) => persistence?.onWriteFailure(listener),
      snapshot: () => persistence?.snapshot() ?? Promise.resolve(),
      close: async () => {
        scheduler.stop();
        stopImmediateCalls();
        stopObserving();
        await persistence?.close();
        await lock?.release();
      },
    };
  } catch (error) {
    await persistence?.close();
    await lock?.release();
    throw error;
  }
}

/**
 * Publishes a new version of the module into a running database: checks the update first (a refused update
 * throws `ModuleUpdateError` and leaves `current` serving), then closes `current` (its log flushed) and opens the
 * database again with the new module, which keeps the data and applies the update. The caller disconnects
 * clients (close code 1012) so they reconnect to the new version.
 */
export async function publishUpdate(
  current: OpenDatabase,
  options: OpenDatabaseOptions,
  /** Runs once the update is known to be accepted, before `current` closes (e.g. to disconnect its clients). */
  beforeSwitch: () => Promise<void> = async () => {},
): Promise<OpenDatabase> {
  if (!options.clear) {
    const plan = await planPublish(current, options);
    if (!plan.ok) throw new ModuleUpdateError(options.database, plan.problems);
  }
  await beforeSwitch();
  await current.close();
  return openDatabase(options);
}

/** What publishing `options`' module into `current` would change, or why SpacetimeDB would refuse it, changing nothing. */
export async function planPublish(
  current: OpenDatabase,
  options: Pick<OpenDatabaseOptions, 'moduleDir' | 'program' | 'database'>,
): Promise<AcceptedUpdate | RefusedUpdate> {
  const next = await loadModule({
    moduleDir: options.moduleDir,
    ...(options.program ? { program: options.program } : {}),
    databaseName: options.database,
    log: () => {},
  });
  return planUpdate(describeSchema(current.engine.def), describeSchema(next.def));
}
