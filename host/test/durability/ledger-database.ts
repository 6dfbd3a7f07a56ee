import { AlgebraicType, BinaryWriter } from 'spacetimedb';
import { fileURLToPath } from 'node:url';
import { openDatabase, type OpenDatabase, type OpenDatabaseOptions } from '../../src/durability/open-database.js';
import type { CommittedOutcome } from '../../src/engine/index.js';
import type { SchedulerClock } from '../../src/scheduler/clock.js';

export const LEDGER = fileURLToPath(new URL('./fixtures/ledger', import.meta.url));

/** A clock the test moves: timers fire when `advance` passes them. */
export class TestClock implements SchedulerClock {
  micros = 1_700_000_000_000_000n;
  private timers = new Map<number, { at: bigint; callback: () => void }>();
  private nextId = 1;
  now = () => this.micros;
  setTimer = (callback: () => void, delayMillis: number) => {
    this.timers.set(this.nextId, { at: this.micros + BigInt(Math.max(0, delayMillis)) * 1000n, callback });
    return this.nextId++;
  };
  clearTimer = (timer: unknown) => void this.timers.delete(timer as number);
  advanceMillis(millis: number): void {
    const target = this.micros + BigInt(millis) * 1000n;
    for (;;) {
      const due = [...this.timers].filter(([, t]) => t.at <= target).sort((a, b) => (a[1].at < b[1].at ? -1 : 1))[0];
      if (!due) break;
      this.timers.delete(due[0]);
      if (due[1].at > this.micros) this.micros = due[1].at;
      due[1].callback();
    }
    this.micros = target;
  }
}

/** The ledger database opened on a data directory, with helpers to call reducers and read rows. */
export async function openLedger(options: Partial<OpenDatabaseOptions> & { clock?: TestClock } = {}) {
  const logs: string[] = [];
  const db = await openDatabase({
    moduleDir: LEDGER,
    database: 'ledger',
    log: (level, message) => logs.push(`${level}: ${message}`),
    moduleLog: (record) => logs.push(`module ${record.level}: ${record.message}`),
    ...options,
  });
  const clock = options.clock;
  const call = async (reducer: string, args: Record<string, unknown> = {}): Promise<CommittedOutcome> => {
    const def = db.engine.def.reducers.find((r) => r.name === reducer)!;
    const writer = new BinaryWriter(64);
    AlgebraicType.makeSerializer({ tag: 'Product', value: def.params }, { types: db.engine.def.typespace })(writer, args);
    const outcome = db.engine.callReducer(reducer, writer.getBuffer(), { sender: 7n, connectionId: 1n, timestamp: clock?.now() ?? BigInt(Date.now()) * 1000n });
    if (outcome.status !== 'committed') throw new Error(`${reducer} failed: ${outcome.message}`);
    await db.durable(outcome.txOffset);
    return outcome;
  };
  const rows = <T = Record<string, unknown>>(table: string): T[] => {
    const handle = db.engine.table(table);
    return [...handle.rows()].map((row) => handle.decodeRow(row.bytes) as T);
  };
  return { db, call, rows, logs };
}

export type Ledger = Awaited<ReturnType<typeof openLedger>>;
export type { OpenDatabase };
