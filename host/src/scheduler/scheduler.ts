import { rowKey } from '../engine/datastore/row-key.js';
import type { SatsValue, TableChange } from '../engine/index.js';
import type { ModuleDef, TableDef } from '../schema/module-def.js';
import { systemClock, type SchedulerClock } from './clock.js';
import { nextIntervalTick, readScheduleAt, type ScheduleAt } from './schedule-at.js';

/** One row of a schedule table, waiting for its time. */
interface Pending {
  key: string;
  table: TableDef;
  bytes: Uint8Array;
  at: ScheduleAt;
  /** When it is due, in microseconds since the epoch. */
  dueMicros: bigint;
  /** Tie-breaker: rows due at the same time run in the order they were scheduled. */
  order: number;
}

export interface SchedulerOptions {
  def: ModuleDef;
  /** Current rows of a schedule table (at start-up). */
  rows(tableName: string): Iterable<{ bytes: Uint8Array; columns: readonly SatsValue[] }>;
  /** Decodes a row of a schedule table. */
  decode(tableName: string, bytes: Uint8Array): readonly SatsValue[];
  /**
   * Runs the table's scheduled reducer with the row as argument. A Time row must be gone afterwards, whether
   * the reducer succeeded or not (as in SpacetimeDB). Returns the error message when it failed, or null.
   */
  run(table: TableDef, row: Uint8Array, dueMicros: bigint): string | null;
  /** Where failures of scheduled reducers are reported; the scheduler keeps going. */
  log(level: 'error' | 'warn' | 'info', message: string): void;
  clock?: SchedulerClock;
}

const keyOf = (tableName: string, bytes: Uint8Array) => `${tableName}\u0000${rowKey(bytes)}`;

/**
 * Runs scheduled reducers: every row of a schedule table is a pending call. A `Time` row runs once at its
 * time (one already past at start-up runs once, right away); an `Interval` row runs every interval until it
 * is deleted. Rows run in order of due time. Inserting, updating or deleting rows (seen through `observe`)
 * schedules, moves or cancels calls.
 */
export class Scheduler {
  private readonly clock: SchedulerClock;
  private readonly scheduleTables: Map<string, TableDef>;
  private readonly pending = new Map<string, Pending>();
  /** Pending calls ordered by due time (then order): the head is the next to run. */
  private queue: Pending[] = [];
  private timer: unknown = null;
  private timerDue: bigint | null = null;
  private nextOrder = 0;
  private running = false;
  private stopped = false;

  constructor(private readonly options: SchedulerOptions) {
    this.clock = options.clock ?? systemClock;
    this.scheduleTables = new Map(options.def.tables.filter((t) => t.schedule).map((t) => [t.name, t]));
  }

  /** Number of calls waiting. */
  get size(): number {
    return this.pending.size;
  }

  /** Schedules every row already in the schedule tables (after start-up recovery). */
  start(): void {
    const now = this.clock.now();
    const found: Pending[] = [];
    for (const table of this.scheduleTables.values()) {
      for (const row of this.options.rows(table.name)) {
        const entry = this.entryFor(table, row.bytes, row.columns, now);
        if (entry) found.push(entry);
      }
    }
    // Overdue rows run in the order they were due.
    found.sort((a, b) => (a.dueMicros < b.dueMicros ? -1 : a.dueMicros > b.dueMicros ? 1 : 0));
    for (const entry of found) this.add(entry);
    this.arm();
  }

  /** Follows a committed transaction's changes to schedule tables. */
  observe(changes: readonly TableChange[]): void {
    if (this.stopped) return;
    let touched = false;
    for (const change of changes) {
      const table = this.scheduleTables.get(change.tableName);
      if (!table) continue;
      for (const bytes of change.deletes) {
        touched = this.pending.delete(keyOf(table.name, bytes)) || touched;
      }
      const now = this.clock.now();
      for (const bytes of change.inserts) {
        const entry = this.entryFor(table, bytes, this.options.decode(table.name, bytes), now);
        if (entry) {
          this.add(entry);
          touched = true;
        }
      }
    }
    if (touched) {
      this.queue = this.queue.filter((p) => this.pending.get(p.key) === p);
      this.arm();
    }
  }

  /** Stops running anything; pending rows stay in the database for the next start. */
  stop(): void {
    this.stopped = true;
    if (this.timer !== null) this.clock.clearTimer(this.timer);
    this.timer = null;
  }

  private entryFor(table: TableDef, bytes: Uint8Array, columns: readonly SatsValue[], now: bigint): Pending | null {
    let at: ScheduleAt;
    try {
      at = readScheduleAt(columns[table.schedule!.scheduleAtColumn]);
    } catch (error) {
      this.options.log('error', `schedule table ${table.name}: ${(error as Error).message}; row ignored`);
      return null;
    }
    const dueMicros = at.kind === 'time' ? at.atMicros : now + at.everyMicros;
    return { key: keyOf(table.name, bytes), table, bytes, at, dueMicros, order: this.nextOrder++ };
  }

  private add(entry: Pending): void {
    this.pending.set(entry.key, entry);
    let low = 0;
    let high = this.queue.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      const other = this.queue[mid]!;
      if (other.dueMicros < entry.dueMicros || (other.dueMicros === entry.dueMicros && other.order < entry.order))
        low = mid + 1;
      else high = mid;
    }
    this.queue.splice(low, 0, entry);
  }

  /** Sets the one timer for the earliest pending call. */
  private arm(): void {
    if (this.stopped || this.running) return;
    const head = this.queue[0];
    if (!head) {
      if (this.timer !== null) this.clock.clearTimer(this.timer);
      this.timer = null;
      this.timerDue = null;
      return;
    }
    if (this.timer !== null && this.timerDue === head.dueMicros) return;
    if (this.timer !== null) this.clock.clearTimer(this.timer);
    this.timerDue = head.dueMicros;
    const delayMillis = Number((head.dueMicros - this.clock.now()) / 1000n);
    this.timer = this.clock.setTimer(() => {
      this.timer = null;
      this.timerDue = null;
      this.runDue();
    }, delayMillis);
  }

  /** Runs every call that is due now, in order; errors are logged and never stop the scheduler. */
  private runDue(): void {
    if (this.stopped) return;
    this.running = true;
    try {
      while (!this.stopped) {
        const head = this.queue[0];
        if (!head || head.dueMicros > this.clock.now()) break;
        this.queue.shift();
        if (this.pending.get(head.key) !== head) continue;
        // The entry stays pending while it runs: a delete of its row during the run (seen by `observe`) cancels it.
        let failure: string | null;
        try {
          failure = this.options.run(head.table, head.bytes, head.dueMicros);
        } catch (error) {
          failure = (error as Error).message;
        }
        if (failure !== null) {
          this.options.log(
            'error',
            `scheduled reducer ${head.table.schedule!.functionName} (table ${head.table.name}) failed: ${failure}`,
          );
        }
        if (this.pending.get(head.key) !== head) continue;
        if (head.at.kind === 'time') {
          this.pending.delete(head.key);
          continue;
        }
        head.dueMicros = nextIntervalTick(head.dueMicros, head.at.everyMicros, this.clock.now());
        head.order = this.nextOrder++;
        this.add(head);
      }
    } finally {
      this.running = false;
    }
    this.arm();
  }
}
