/**
 * The module's log as `GET /v1/database/:name/logs` serves it: the latest records, one JSON object per line in
 * SpacetimeDB's shape (`{"level":"Info","ts":<micros>,"message":...}`, `LogEvent` in crates/core/src/database_logger.rs),
 * kept in memory up to a cap, and followed live by readers that ask to.
 */
import type { ModuleLogRecord } from '../engine/index.js';

const LEVELS: Record<ModuleLogRecord['level'], string> = {
  error: 'Error',
  warn: 'Warn',
  info: 'Info',
  debug: 'Debug',
  trace: 'Trace',
  panic: 'Panic',
};

/** Lines kept by default: enough for a lesson's worth of `console.log`, small enough to never matter. */
export const DEFAULT_MODULE_LOG_LINES = 10_000;

export class ModuleLog {
  readonly #lines: string[] = [];
  readonly #capacity: number;
  readonly #followers = new Set<(line: string) => void>();

  constructor(capacity = DEFAULT_MODULE_LOG_LINES) {
    this.#capacity = capacity;
  }

  /** Records one line the module logged. */
  add(record: ModuleLogRecord): void {
    const line = `${JSON.stringify({ level: LEVELS[record.level], ts: Date.now() * 1000, message: record.message })}\n`;
    this.#lines.push(line);
    if (this.#lines.length > this.#capacity) this.#lines.splice(0, this.#lines.length - this.#capacity);
    for (const follower of this.#followers) follower(line);
  }

  /** The last `count` lines (all kept lines when undefined), as newline-delimited JSON. */
  tail(count?: number): string {
    return (count === undefined ? this.#lines : this.#lines.slice(Math.max(0, this.#lines.length - count))).join('');
  }

  /** Calls `follower` with every new line until the returned function is called. */
  follow(follower: (line: string) => void): () => void {
    this.#followers.add(follower);
    return () => this.#followers.delete(follower);
  }
}
