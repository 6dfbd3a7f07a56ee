import { Histogram } from './histogram.js';
import { processFamilies } from './process-metrics.js';
import { renderPrometheusText, type MetricFamily } from './prometheus-text.js';

/** Per-table size the metrics read at scrape time. */
export interface TableSize {
  table: string;
  rows: number;
  bytes: number;
}

/** What the metrics read from the database when scraped (sizes are cheaper to read than to track). */
export interface MetricsSources {
  database: string;
  /** The database's identity (64 hex digits): the `db` label of the metrics named after SpacetimeDB's. */
  databaseIdentity: string;
  tableSizes(): TableSize[];
  commitLogBytes(): number;
}

const DURATION_BOUNDS = [0.00001, 0.00005, 0.0001, 0.0005, 0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5];

/**
 * The host's Prometheus metrics: counters the server and engine bump as things happen, and sizes read at
 * scrape time. Names follow SpacetimeDB's worker metrics where one exists (`spacetime_` prefix); the process's own
 * CPU, memory and file descriptors follow (`process-metrics.ts`).
 */
export class HostMetrics {
  private connectedClients = 0;
  private subscriptions = 0;
  private querySets = 0;
  private transactions = 0;
  private messagesSent = 0;
  private bytesSent = 0;
  private outgoingQueueDisconnects = 0;
  private outgoingQueueLength: () => number = () => 0;
  private readonly reducerCalls = new Map<string, number>();
  private readonly reducerErrors = new Map<string, number>();
  private readonly reducerDuration = new Histogram(
    'spacetime_reducer_duration_seconds',
    'Time a reducer ran, by reducer',
    DURATION_BOUNDS,
    'reducer',
  );
  private readonly fsyncLatency = new Histogram(
    'spacetime_commitlog_fsync_seconds',
    'Time one commit log fsync took',
    DURATION_BOUNDS,
  );

  constructor(private sources: MetricsSources) {}

  /** Points size readings at another database state (after a module update). */
  setSources(sources: MetricsSources): void {
    this.sources = sources;
  }

  clientConnected(): void {
    this.connectedClients++;
  }

  clientDisconnected(): void {
    this.connectedClients = Math.max(0, this.connectedClients - 1);
  }

  /** A client added one subscription holding `queries` query sets (SQL strings). */
  subscriptionAdded(queries: number): void {
    this.subscriptions++;
    this.querySets += queries;
  }

  subscriptionRemoved(queries: number): void {
    this.subscriptions = Math.max(0, this.subscriptions - 1);
    this.querySets = Math.max(0, this.querySets - queries);
  }

  /** One frame sent to a client. */
  messageSent(bytes: number): void {
    this.messagesSent++;
    this.bytesSent += bytes;
  }

  /** The host dropped a client that did not read what it was sent (its outgoing queue or bytes were full). */
  clientDroppedForOutgoingQueue(): void {
    this.outgoingQueueDisconnects++;
  }

  /** Where to read, when scraped, how many messages wait for all clients (accepted, not yet written out). */
  readOutgoingQueueLengthFrom(read: () => number): void {
    this.outgoingQueueLength = read;
  }

  /** A reducer call finished (committed or failed). */
  reducerCalled(reducer: string, durationMicros: number, failed: boolean): void {
    this.reducerCalls.set(reducer, (this.reducerCalls.get(reducer) ?? 0) + 1);
    if (failed) this.reducerErrors.set(reducer, (this.reducerErrors.get(reducer) ?? 0) + 1);
    this.reducerDuration.observe(durationMicros / 1e6, reducer);
  }

  /** A transaction committed (by a reducer, a lifecycle event or the scheduler). */
  transactionCommitted(): void {
    this.transactions++;
  }

  fsyncObserved(seconds: number): void {
    this.fsyncLatency.observe(seconds);
  }

  /** The metrics in the Prometheus text format. */
  render(): string {
    const db = { database: this.sources.database };
    const byIdentity = { db: this.sources.databaseIdentity };
    const byReducer = (counts: Map<string, number>) =>
      [...counts].map(([reducer, value]) => ({ labels: { ...db, reducer }, value }));
    const sizes = this.sources.tableSizes();
    const families: MetricFamily[] = [
      {
        name: 'spacetime_connected_clients',
        help: 'Clients connected over WebSocket',
        type: 'gauge',
        samples: [{ labels: db, value: this.connectedClients }],
      },
      {
        name: 'spacetime_reducer_calls_total',
        help: 'Reducer calls, by reducer',
        type: 'counter',
        samples: byReducer(this.reducerCalls),
      },
      {
        name: 'spacetime_reducer_errors_total',
        help: 'Reducer calls that failed, by reducer',
        type: 'counter',
        samples: byReducer(this.reducerErrors),
      },
      this.reducerDuration.family(),
      {
        name: 'spacetime_transactions_committed_total',
        help: 'Transactions committed',
        type: 'counter',
        samples: [{ labels: db, value: this.transactions }],
      },
      {
        name: 'spacetime_table_rows',
        help: 'Rows per table',
        type: 'gauge',
        samples: sizes.map((s) => ({ labels: { ...db, table: s.table }, value: s.rows })),
      },
      {
        name: 'spacetime_table_bytes',
        help: 'Bytes of row data per table (BSATN)',
        type: 'gauge',
        samples: sizes.map((s) => ({ labels: { ...db, table: s.table }, value: s.bytes })),
      },
      {
        name: 'spacetime_subscriptions',
        help: 'Active subscriptions',
        type: 'gauge',
        samples: [{ labels: db, value: this.subscriptions }],
      },
      {
        name: 'spacetime_subscription_query_sets',
        help: 'Queries held by active subscriptions',
        type: 'gauge',
        samples: [{ labels: db, value: this.querySets }],
      },
      {
        name: 'spacetime_messages_sent_total',
        help: 'Messages sent to clients (fan-out included)',
        type: 'counter',
        samples: [{ labels: db, value: this.messagesSent }],
      },
      {
        name: 'spacetime_message_bytes_sent_total',
        help: 'Bytes sent to clients',
        type: 'counter',
        samples: [{ labels: db, value: this.bytesSent }],
      },
      {
        name: 'spacetime_commitlog_bytes',
        help: 'Size of the commit log on disk',
        type: 'gauge',
        samples: [{ labels: db, value: this.sources.commitLogBytes() }],
      },
      this.fsyncLatency.family(),
      // Named and labelled (`db`: the database identity) as SpacetimeDB's worker metrics
      // (crates/core/src/worker_metrics/mod.rs), so dashboards written for it read these too.
      {
        name: 'spacetime_total_outgoing_queue_length',
        help: 'Messages accepted for clients and not yet written to their sockets',
        type: 'gauge',
        samples: [{ labels: byIdentity, value: this.outgoingQueueLength() }],
      },
      {
        name: 'spacetime_client_outgoing_queue_disconnects_total',
        help: 'Clients dropped because too much waited for them (outgoing queue length or bytes)',
        type: 'counter',
        samples: [{ labels: byIdentity, value: this.outgoingQueueDisconnects }],
      },
      ...processFamilies(),
    ];
    return renderPrometheusText(families);
  }
}
