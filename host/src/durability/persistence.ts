import { join } from 'node:path';
import type { ReplayedChange } from '../engine/types.js';
import { CommitLog } from './commit-log.js';
import type { DatabaseState } from './database-image.js';
import type { PersistableEngine } from './persistable-engine.js';
import { SnapshotStore } from './snapshot-store.js';

/** Rewrites stored rows of one table into the current module's layout (e.g. appends defaults of added columns). */
export type RowUpgrade = (row: Uint8Array) => Uint8Array;

export interface PersistenceOptions {
  /** The data directory (holds `snapshots/` and `clog/`). */
  dir: string;
  engine: PersistableEngine;
  warn: (message: string) => void;
  /** Fingerprint of the loaded module's schema: snapshots record it, so rows already in this layout are not upgraded. */
  schemaHash: string;
  /** Per table name: how to bring rows stored under the previous schema to the loaded module's layout. */
  upgrades?: ReadonlyMap<string, RowUpgrade>;
  /** Tables the loaded module dropped: their stored rows must all be deleted, or opening fails. */
  removedTables?: readonly string[];
  /** A snapshot is started in the background after this many transactions. Default 50,000. */
  snapshotEvery?: number;
  maxSegmentBytes?: number;
  /** Observes each commit log fsync's duration in seconds. */
  onFsync?: (seconds: number) => void;
}

/** How start-up recovery went. */
export interface RecoveryReport {
  snapshotOffset: bigint | null;
  replayedTransactions: number;
  txOffset: bigint;
  millis: number;
}

/**
 * Keeps an engine's data on disk: at start-up puts back the newest snapshot and replays the commit log after
 * it; then logs every commit (group-committed, fsynced before `durable` resolves) and takes snapshots in the
 * background, cutting the log behind them.
 */
export class Persistence {
  private commitsSinceSnapshot = 0;
  private snapshotting: Promise<void> | null = null;
  private lastSequences: Map<string, bigint>;
  private readonly stopListening: () => void;

  private constructor(
    private readonly options: PersistenceOptions,
    private readonly log: CommitLog,
    private readonly snapshots: SnapshotStore,
    readonly recovery: RecoveryReport,
  ) {
    const { engine } = options;
    this.lastSequences = engine.sequenceState();
    const eventTables = new Set(engine.def.tables.filter((t) => t.isEvent).map((t) => t.name));
    const sequenced = new Set(engine.def.tables.filter((t) => t.sequences.length > 0).map((t) => t.name));
    const noSequences = new Map<string, bigint>();
    this.stopListening = engine.onCommit((tx) => {
      // Sequences only move when rows are inserted into their tables: read them only then.
      const advanced = tx.changes.some((c) => c.inserts.length > 0 && sequenced.has(c.tableName))
        ? this.advancedSequences()
        : noSequences;
      const changes = eventTables.size === 0 ? tx.changes : tx.changes.filter((c) => !eventTables.has(c.tableName));
      this.log.append({ txOffset: tx.txOffset, changes, sequences: advanced });
      if (++this.commitsSinceSnapshot >= (options.snapshotEvery ?? 50_000)) void this.snapshot();
    });
  }

  /** Recovers `engine` from `dir` and starts logging its commits. */
  static async open(options: PersistenceOptions): Promise<Persistence> {
    const started = performance.now();
    const { engine, warn } = options;
    const snapshots = await SnapshotStore.open(join(options.dir, 'snapshots'));
    const latest = await snapshots.latest(warn);
    const snapshot = latest?.state ?? null;
    // Rows written under the loaded schema need no upgrade (a snapshot is taken right after every update).
    const upgrades = latest?.header.schemaHash === options.schemaHash ? undefined : options.upgrades;
    const dropped = new Map<string, number>((options.removedTables ?? []).map((name) => [name, 0]));
    const upgrade = (changes: readonly ReplayedChange[]) => Persistence.upgrade(engine, changes, upgrades, dropped);
    // Sequences the loaded module no longer has (an update removed them) are left behind.
    const known = engine.sequenceState();
    const restoreSequences = (stored: ReadonlyMap<string, bigint>) =>
      engine.restoreSequences(new Map([...stored].filter(([key]) => known.has(key))));
    if (snapshot) {
      engine.applyChanges(
        upgrade(snapshot.tables.map((t) => ({ tableName: t.tableName, inserts: t.rows, deletes: [] }))),
        snapshot.txOffset,
      );
      restoreSequences(snapshot.sequences);
    }
    let replayed = 0;
    const log = await CommitLog.open({
      dir: join(options.dir, 'clog'),
      afterOffset: snapshot?.txOffset ?? 0n,
      warn,
      onTransaction: (tx) => {
        engine.applyChanges(upgrade(tx.changes), tx.txOffset);
        if (tx.sequences.size > 0) restoreSequences(tx.sequences);
        replayed++;
      },
      ...(options.maxSegmentBytes === undefined ? {} : { maxSegmentBytes: options.maxSegmentBytes }),
      ...(options.onFsync === undefined ? {} : { onFsync: options.onFsync }),
    });
    for (const [table, rows] of dropped) {
      if (rows > 0) {
        await log.close();
        throw new Error(
          `Removing table ${table} requires a manual migration: it still holds ${rows} row(s). Publish a version that ` +
            'keeps the table and deletes its rows first, or publish with --clear to start over with an empty database.',
        );
      }
    }
    const recovery: RecoveryReport = {
      snapshotOffset: snapshot?.txOffset ?? null,
      replayedTransactions: replayed,
      txOffset: engine.txOffset,
      millis: performance.now() - started,
    };
    return new Persistence(options, log, snapshots, recovery);
  }

  /** Stored changes in the loaded module's layout; event tables keep no rows, so theirs are dropped. */
  private static upgrade(
    engine: PersistableEngine,
    changes: readonly ReplayedChange[],
    upgrades: ReadonlyMap<string, RowUpgrade> | undefined,
    dropped: Map<string, number>,
  ): ReplayedChange[] {
    const result: ReplayedChange[] = [];
    for (const change of changes) {
      const table = engine.def.tables.find((t) => t.name === change.tableName);
      if (!table) {
        const rows = dropped.get(change.tableName);
        if (rows !== undefined) {
          dropped.set(change.tableName, rows + change.inserts.length - change.deletes.length);
          continue;
        }
        throw new Error(`stored data has rows for table ${change.tableName}, which the module no longer defines`);
      }
      if (table.isEvent) continue;
      const upgradeRow = upgrades?.get(change.tableName);
      result.push(
        upgradeRow
          ? {
              tableName: change.tableName,
              inserts: change.inserts.map(upgradeRow),
              deletes: change.deletes.map(upgradeRow),
            }
          : change,
      );
    }
    return result;
  }

  /** Sequences whose next value changed since the last commit that logged sequences. */
  private advancedSequences(): Map<string, bigint> {
    const now = this.options.engine.sequenceState();
    const advanced = new Map<string, bigint>();
    for (const [key, next] of now) if (this.lastSequences.get(key) !== next) advanced.set(key, next);
    this.lastSequences = now;
    return advanced;
  }

  /** The whole database as it is now (rows are shared, not copied: stored row bytes are never mutated). */
  captureState(): DatabaseState {
    const { engine } = this.options;
    return {
      txOffset: engine.txOffset,
      sequences: engine.sequenceState(),
      tables: engine.def.tables
        .filter((t) => !t.isEvent)
        .map((t) => ({ tableName: t.name, rows: Array.from(engine.table(t.name).rows(), (row) => row.bytes) })),
    };
  }

  /** Resolves once transaction `offset` is fsynced; acknowledge it only then. */
  durable(offset: bigint): Promise<void> {
    return this.log.durable(offset);
  }

  /** Why the commit log can no longer write, or null. */
  get writeFailure(): Error | null {
    return this.log.writeFailure;
  }

  /** Calls `listener` once if the commit log fails to write. */
  onWriteFailure(listener: (error: Error) => void): void {
    this.log.onWriteFailure(listener);
  }

  /** Bytes the commit log holds on disk. */
  get logBytes(): number {
    return this.log.sizeBytes;
  }

  /**
   * Takes a snapshot of the current state in the background (one at a time) and cuts the commit log behind
   * the older kept snapshot. Resolves when it is on disk.
   */
  snapshot(): Promise<void> {
    if (this.snapshotting) return this.snapshotting;
    this.commitsSinceSnapshot = 0;
    const state = this.captureState();
    this.snapshotting = (async () => {
      try {
        // The snapshot must never be ahead of the log on disk, or a crash could leave a hole in the log.
        await this.log.durable(state.txOffset);
        const through = await this.snapshots.write(state, { schemaHash: this.options.schemaHash });
        await this.log.truncateThrough(through);
      } catch (error) {
        this.options.warn(`snapshot at transaction ${state.txOffset} failed: ${(error as Error).message}`);
      } finally {
        this.snapshotting = null;
      }
    })();
    return this.snapshotting;
  }

  /** Stops logging, waits for a running snapshot and flushes the log. */
  async close(): Promise<void> {
    this.stopListening();
    await this.snapshotting;
    await this.log.close();
  }
}
