/**
 * One database: a loaded module (the engine) and the clients connected to it. Runs what clients ask for
 * (subscriptions, reducer calls, one-off queries), the lifecycle reducers on connect and disconnect, and after
 * every committed transaction sends each client the rows its subscriptions gained and lost.
 * The engine runs reducers synchronously, so transactions are naturally serialized in arrival order; a departed
 * client's `clientDisconnected` waits for a turn of its own (leaving-clients.ts).
 */
import { randomBytes } from 'node:crypto';
import { BinaryWriter, ConnectionId, Identity, TimeDuration, Timestamp } from 'spacetimedb';
import {
  lifecycleRefusal,
  mayCall,
  noSuchFunctionLogLine,
  type Caller,
  type CommittedOutcome,
  type Engine,
  type HttpHandlerOutcome,
  type HttpHandlerRequest,
  type LifecycleKind,
  type ProcedureOutcome,
  type ReducerOutcome,
  type RowWriter,
} from '../engine/index.js';
import { frameWithSpareByte } from '../protocol/compression.js';
import type { ClientMessage, ServerMessage } from '../protocol/messages.js';
import { TransactionEncoder } from '../protocol/shared-encoding.js';
import { CLOSE_CLIENT_ERROR, type ClientConnection } from './client-connection.js';
import type { SqlLimits } from '../sql/limits.js';
import { containFailure } from './guard.js';
import type { HostLog } from './host-log.js';
import { LeavingClients } from './leaving-clients.js';
import { AnswerTooLargeError, checkQueryCount, TooManyQueriesError } from './limits/answer-budget.js';
import { DEFAULT_HOST_LIMITS, type HostLimits } from './limits/host-limits.js';
import { QuerySetInUseError, SubscriptionError, SubscriptionManager } from './subscriptions.js';

/** Counters the server reports to (the host's metrics satisfy it). */
export interface ServerMetrics {
  clientConnected(): void;
  clientDisconnected(): void;
  subscriptionAdded(queries: number): void;
  subscriptionRemoved(queries: number): void;
  messageSent(bytes: number): void;
  clientDroppedForOutgoingQueue(): void;
  /** Reads the messages waiting for all clients when scraped. */
  readOutgoingQueueLengthFrom(read: () => number): void;
}

export interface DatabaseOptions {
  /**
   * Resolves once the transaction at `txOffset` is durable. Every message computed after a transaction waits for
   * it, in order, so no client ever sees a change that a crash could still lose. Absent: in memory, send at once.
   */
  durable?: (txOffset: bigint) => Promise<void>;
  metrics?: ServerMetrics;
  /** The database owner (its publisher): may subscribe to private tables. */
  owner?: bigint;
  /** How long and deeply nested a client's query may be. Default DEFAULT_SQL_LIMITS. */
  sqlLimits?: SqlLimits;
  /** Caps on what one Subscribe or one-off query may ask for. Default: none. */
  limits?: Pick<HostLimits, 'maxQueriesPerSubscription' | 'maxAnswerBytes' | 'httpHandlerTimeoutMs'>;
  /** The database's `row_limit` (SQL `SET row_limit = N`): non-owners' queries estimated to read more are refused. */
  rowLimit?: () => bigint | undefined;
}

export class Database {
  readonly name: string;
  readonly engine: Engine;
  readonly #subscriptions: SubscriptionManager;
  readonly #clients = new Set<ClientConnection>();
  readonly #reducersByName: ReadonlyMap<string, Engine['def']['reducers'][number]>;
  readonly #proceduresByName: ReadonlyMap<string, Engine['def']['procedures'][number]>;
  readonly #owner: bigint | undefined;
  readonly #log: HostLog;
  readonly #durable: DatabaseOptions['durable'];
  readonly metrics: ServerMetrics | undefined;
  readonly #maxQueriesPerSubscription: number;
  readonly #httpHandlerTimeoutMs: number;
  /** Clients that went away, waiting for their `clientDisconnected` to run. */
  readonly #leaving = new LeavingClients<ClientConnection>((client) => this.#runDisconnected(client));
  /** The tail of the ordered outbox when messages wait for durability. */
  #outbox: Promise<void> = Promise.resolve();

  constructor(name: string, engine: Engine, log: HostLog, options: DatabaseOptions = {}) {
    this.name = name;
    this.engine = engine;
    this.#subscriptions = new SubscriptionManager(engine, {
      ...(options.owner === undefined ? {} : { owner: options.owner }),
      ...(options.sqlLimits === undefined ? {} : { sqlLimits: options.sqlLimits }),
      ...(options.limits ? { maxAnswerBytes: options.limits.maxAnswerBytes } : {}),
      ...(options.rowLimit ? { rowLimit: options.rowLimit } : {}),
    });
    this.#maxQueriesPerSubscription = options.limits?.maxQueriesPerSubscription ?? Infinity;
    this.#httpHandlerTimeoutMs = options.limits?.httpHandlerTimeoutMs ?? DEFAULT_HOST_LIMITS.httpHandlerTimeoutMs;
    this.#reducersByName = new Map(engine.def.reducers.map((r) => [r.name, r]));
    this.#proceduresByName = new Map(engine.def.procedures.map((p) => [p.name, p]));
    this.#owner = options.owner;
    this.#log = log;
    this.#durable = options.durable;
    this.metrics = options.metrics;
    this.metrics?.readOutgoingQueueLengthFrom(() => this.outgoingQueueLength);
  }

  /** Connected clients. */
  get clientCount(): number {
    return this.#clients.size;
  }

  /** Messages waiting for all connected clients: accepted, not yet written to their sockets. */
  get outgoingQueueLength(): number {
    let waiting = 0;
    for (const client of this.#clients) waiting += client.outgoingQueueLength;
    return waiting;
  }

  /**
   * Admits a client: runs `clientConnected` (a throw refuses the client, like SpacetimeDB) and then sends
   * `InitialConnection`. Returns the refusal message, or null when admitted.
   */
  connect(client: ClientConnection, jwtPayload: string): string | null {
    this.#leaving.runFor(client.identity);
    this.engine.setConnectionJwt(client.connectionId, jwtPayload);
    const outcome = this.engine.callLifecycle('clientConnected', this.#callerOf(client, nowMicros()));
    if (outcome.status === 'failed') {
      this.engine.setConnectionJwt(client.connectionId, null);
      this.#log('info', `${this.name}: client_connected refused ${hex(client.identity)}: ${outcome.message}`);
      return outcome.message;
    }
    this.#clients.add(client);
    this.metrics?.clientConnected();
    this.#broadcast(outcome, null);
    this.#deliver(() =>
      client.send({
        tag: 'InitialConnection',
        value: {
          identity: new Identity(client.identity),
          connectionId: new ConnectionId(client.connectionId),
          token: client.token,
        },
      }),
    );
    return null;
  }

  /**
   * Forgets a client that went away: it is sent nothing more, and its `clientDisconnected` runs in a later turn
   * (see leaving-clients.ts). Dropping its subscriptions at once matters when a class leaves together: each
   * departure's transaction is then evaluated for the clients still there, not for every client still closing.
   */
  disconnect(client: ClientConnection): void {
    if (!this.#clients.delete(client)) return;
    this.metrics?.clientDisconnected();
    this.#subscriptions.dropSubscriber(client);
    this.#leaving.add(client);
  }

  /** Runs every `clientDisconnected` still waiting, now: before the host closes or the module is replaced. */
  finishDisconnects(): void {
    this.#leaving.runAll();
  }

  #runDisconnected(client: ClientConnection): void {
    try {
      const outcome = this.engine.callLifecycle('clientDisconnected', this.#callerOf(client, nowMicros()));
      this.engine.setConnectionJwt(client.connectionId, null);
      if (outcome.status === 'failed') {
        this.#log('warn', `${this.name}: client_disconnected failed for ${hex(client.identity)}: ${outcome.message}`);
        return;
      }
      this.#broadcast(outcome, null);
    } catch (err) {
      // A host bug: the other departures and everyone else go on.
      containFailure(err, `${this.name}: client_disconnected for ${hex(client.identity)}`, [this.engine], this.#log);
    }
  }

  /** Handles one decoded client message. Never throws: bad requests get error messages. */
  handle(client: ClientConnection, message: ClientMessage): void {
    this.#leaving.runFor(client.identity);
    switch (message.tag) {
      case 'Subscribe': {
        const { requestId, querySetId, queryStrings } = message.value;
        try {
          checkQueryCount(queryStrings, this.#maxQueriesPerSubscription);
          const rows = this.#subscriptions.subscribe(client, querySetId.id, queryStrings);
          this.metrics?.subscriptionAdded(queryStrings.length);
          this.#deliver(() => client.send({ tag: 'SubscribeApplied', value: { requestId, querySetId, rows } }));
        } catch (err) {
          if (err instanceof QuerySetInUseError) {
            client.close(CLOSE_CLIENT_ERROR, err.message);
            return;
          }
          const error = subscriptionError(err, requestId, querySetId.id);
          this.#deliver(() => client.send(error));
        }
        return;
      }
      case 'Unsubscribe': {
        const { requestId, querySetId, flags } = message.value;
        try {
          const rows = this.#subscriptions.unsubscribe(client, querySetId.id);
          this.metrics?.subscriptionRemoved(rows.tables.length);
          const sendRows = flags.tag === 'SendDroppedRows';
          this.#deliver(() =>
            client.send({
              tag: 'UnsubscribeApplied',
              value: { requestId, querySetId, rows: sendRows ? rows : undefined },
            }),
          );
        } catch (err) {
          const error = subscriptionError(err, requestId, querySetId.id);
          this.#deliver(() => client.send(error));
        }
        return;
      }
      case 'OneOffQuery': {
        const { requestId, queryString } = message.value;
        let result: { tag: 'Ok'; value: ReturnType<SubscriptionManager['query']> } | { tag: 'Err'; value: string };
        try {
          result = { tag: 'Ok', value: this.#subscriptions.query(client, queryString) };
        } catch (err) {
          if (!isRefusal(err)) throw err;
          result = { tag: 'Err', value: err.message };
        }
        this.#deliver(() => client.send({ tag: 'OneOffQueryResult', value: { requestId, result } }));
        return;
      }
      case 'CallReducer': {
        const { requestId, reducer, args } = message.value;
        this.#callReducer(client, requestId, reducer, args);
        return;
      }
      case 'CallProcedure': {
        const { requestId, procedure, args } = message.value;
        const timestamp = nowMicros();
        const outcome = this.#runProcedure(procedure, args, this.#callerOf(client, timestamp));
        // As on SpacetimeDB, a failed call carries the epoch and no duration.
        const returned = outcome.status === 'returned';
        this.#deliver(() =>
          client.send({
            tag: 'ProcedureResult',
            value: {
              requestId,
              timestamp: new Timestamp(returned ? timestamp : 0n),
              totalHostExecutionDuration: new TimeDuration(returned ? BigInt(outcome.durationMicros) : 0n),
              status: returned
                ? { tag: 'Returned', value: outcome.value }
                : { tag: 'InternalError', value: outcome.message },
            },
          }),
        );
        return;
      }
    }
  }

  /** Closes every client (the host is shutting down). */
  closeAll(): void {
    for (const client of [...this.#clients]) client.close(1001, 'host shutting down');
  }

  #callReducer(client: ClientConnection, requestId: number, name: string, args: Uint8Array): void {
    const timestamp = nowMicros();
    const outcome = this.#run(name, args, this.#callerOf(client, timestamp));
    if (outcome.status === 'failed') {
      const { message, isSenderError } = outcome;
      this.#deliver(() =>
        client.send({
          tag: 'ReducerResult',
          value: {
            requestId,
            timestamp: new Timestamp(timestamp),
            result: isSenderError
              ? { tag: 'Err', value: bsatnString(message) }
              : { tag: 'InternalError', value: message },
          },
        }),
      );
      return;
    }
    this.#broadcast(outcome, { client, requestId, timestamp });
  }

  /**
   * Opens the short connection SpacetimeDB gives an HTTP call (`with_connection` in its client API): a random
   * connection id and the module's `clientConnected`. Returns the connection id, or the refusal message.
   */
  openHttpConnection(sender: bigint, jwtPayload: string): { connectionId: bigint } | { refusal: string } {
    const connectionId = BigInt(`0x${randomBytes(16).toString('hex')}`) || 1n;
    this.#leaving.runFor(sender);
    // Without the reducer there is nothing to run: no empty transaction for every HTTP call.
    if (!this.#hasLifecycle('clientConnected')) return { connectionId };
    this.engine.setConnectionJwt(connectionId, jwtPayload);
    const outcome = this.engine.callLifecycle('clientConnected', { sender, connectionId, timestamp: nowMicros() });
    if (outcome.status === 'failed') {
      this.engine.setConnectionJwt(connectionId, null);
      return { refusal: outcome.message };
    }
    this.#broadcast(outcome, null);
    return { connectionId };
  }

  /** Closes it: runs `clientDisconnected`, whatever the call did. */
  closeHttpConnection(sender: bigint, connectionId: bigint): void {
    if (!this.#hasLifecycle('clientDisconnected')) {
      this.engine.setConnectionJwt(connectionId, null);
      return;
    }
    const outcome = this.engine.callLifecycle('clientDisconnected', { sender, connectionId, timestamp: nowMicros() });
    this.engine.setConnectionJwt(connectionId, null);
    if (outcome.status === 'failed')
      this.#log('warn', `${this.name}: client_disconnected failed for ${hex(sender)}: ${outcome.message}`);
    else this.#broadcast(outcome, null);
  }

  #hasLifecycle(kind: LifecycleKind): boolean {
    return this.engine.def.reducers.some((r) => r.lifecycle === kind);
  }

  /**
   * Runs a reducer for an HTTP caller (on its short connection, `connectionId`): subscribers see its changes like
   * any other transaction. Resolves once the transaction is durable.
   */
  async callReducer(sender: bigint, name: string, args: Uint8Array, connectionId = 0n): Promise<ReducerOutcome> {
    const outcome = this.#run(name, args, { sender, connectionId, timestamp: nowMicros() });
    if (outcome.status === 'failed') return outcome;
    this.#broadcast(outcome, null);
    await this.#durable?.(outcome.txOffset);
    return outcome;
  }

  /**
   * Runs a procedure for an HTTP caller (on its short connection). Resolves once what it committed is durable.
   */
  async callProcedure(sender: bigint, name: string, args: Uint8Array, connectionId = 0n): Promise<ProcedureOutcome> {
    const outcome = this.#runProcedure(name, args, { sender, connectionId, timestamp: nowMicros() });
    const last = outcome.commits.at(-1);
    if (last) await this.#durable?.(last.txOffset);
    return outcome;
  }

  /**
   * Runs a module's HTTP handler (`spacetimedb.httpHandler`) on a request; subscribers see each transaction it
   * commits with `ctx.withTx`. Resolves once what it committed is durable.
   */
  async callHttpHandler(id: number, request: HttpHandlerRequest, body: Uint8Array): Promise<HttpHandlerOutcome> {
    const outcome = this.engine.callHttpHandler(id, request, body, nowMicros(), this.#httpHandlerTimeoutMs);
    for (const commit of outcome.commits) this.#broadcast(commit, null);
    const last = outcome.commits.at(-1);
    if (last) await this.#durable?.(last.txOffset);
    return outcome;
  }

  /**
   * Runs the host's own writes (SQL DML over HTTP) as one transaction; subscribers see it like any other.
   * Resolves once it is durable; rejects, changing nothing, when `write` throws.
   */
  async writeRows<T>(label: string, write: (rows: RowWriter) => T): Promise<T> {
    const { value, outcome } = this.engine.writeRows(label, write);
    this.#broadcast(outcome, null);
    await this.#durable?.(outcome.txOffset);
    return value;
  }

  /** Runs a procedure; subscribers see each transaction it committed (`ctx.withTx`) as it would any other. */
  #runProcedure(name: string, args: Uint8Array, caller: Caller): ProcedureOutcome {
    const def = this.#proceduresByName.get(name);
    // SpacetimeDB's text for a procedure that does not exist or that the caller may not see
    // (`ProcedureCallError::NoSuchProcedure`), and its log line.
    if (!def || !mayCall(def, caller.sender, this.#owner)) {
      this.engine.log('error', noSuchFunctionLogLine('procedure', name));
      return { status: 'failed', message: 'No such procedure', commits: [], durationMicros: 0 };
    }
    const outcome = this.engine.callProcedure(def.id, args, caller);
    for (const commit of outcome.commits) this.#broadcast(commit, null);
    return outcome;
  }

  /** Sends subscribers the changes of a transaction the database made on its own (a scheduled reducer). */
  publish(outcome: CommittedOutcome): void {
    this.#broadcast(outcome, null);
  }

  /**
   * A reducer by canonical name, refused as SpacetimeDB refuses it (lifecycle; a schedule table's, to non-owners),
   * with its module-log line for one that does not exist for this caller.
   */
  #run(name: string, args: Uint8Array, caller: Caller): ReducerOutcome {
    const def = this.#reducersByName.get(name);
    if (def?.lifecycle) return internalFailure(lifecycleRefusal(def.lifecycle));
    if (!def || !mayCall(def, caller.sender, this.#owner)) {
      this.engine.log('error', noSuchFunctionLogLine('reducer', name));
      return internalFailure('no such reducer');
    }
    return this.engine.callReducer(def.id, args, caller);
  }

  /** Sends a committed transaction's row changes: the caller gets them in its ReducerResult, others in a TransactionUpdate. */
  #broadcast(
    outcome: CommittedOutcome,
    caller: { client: ClientConnection; requestId: number; timestamp: bigint } | null,
  ): void {
    const updates = this.#subscriptions.updatesFor(outcome.changes);
    if (updates.size === 0 && !caller) return;
    this.#deliver(() => this.#send(updates, caller));
  }

  /**
   * Each delta is encoded once (TransactionEncoder) and copied into every message that carries it; subscribers
   * with the same update and compression share one message and frame.
   */
  #send(
    updates: ReturnType<SubscriptionManager['updatesFor']>,
    caller: { client: ClientConnection; requestId: number; timestamp: bigint } | null,
  ): void {
    const encoder = new TransactionEncoder();
    const shared = new Map<string, { payload: Uint8Array; framed: Uint8Array }>();
    for (const [subscriber, update] of updates) {
      const client = subscriber as ClientConnection;
      if (client === caller?.client) continue;
      const key = `${client.compression}|${update.signature}`;
      let message = shared.get(key);
      if (!message) {
        const buffer = encoder.transactionUpdate(update.querySets);
        message = { payload: buffer.subarray(1), framed: frameWithSpareByte(buffer, client.compression) };
        shared.set(key, message);
      }
      client.sendEncoded(message.payload, message.framed, 'update');
    }
    if (caller) {
      const { client, requestId, timestamp } = caller;
      const buffer = encoder.reducerResult(requestId, timestamp, updates.get(client)?.querySets ?? []);
      client.sendEncoded(buffer.subarray(1), frameWithSpareByte(buffer, client.compression));
    }
  }

  /**
   * Sends now, or, when transactions must be durable first, once everything committed so far is: the outbox is
   * one ordered chain, so messages keep the order in which they were computed.
   */
  #deliver(send: () => void): void {
    const durable = this.#durable;
    if (!durable) {
      send();
      return;
    }
    const offset = this.engine.txOffset;
    this.#outbox = this.#outbox
      .then(() => durable(offset))
      .then(send, (err: unknown) =>
        this.#log('error', `${this.name}: transaction ${offset} could not be made durable: ${String(err)}`),
      );
  }

  #callerOf(client: ClientConnection, timestamp: bigint): Caller {
    return { sender: client.identity, connectionId: client.connectionId, timestamp };
  }
}

/** A request the client gets an error message for (a bad query, or one over the host's limits). */
function isRefusal(err: unknown): err is Error {
  return err instanceof SubscriptionError || err instanceof AnswerTooLargeError || err instanceof TooManyQueriesError;
}

function subscriptionError(err: unknown, requestId: number, querySetId: number): ServerMessage {
  if (!isRefusal(err)) throw err;
  return { tag: 'SubscriptionError', value: { requestId, querySetId: { id: querySetId }, error: err.message } };
}

function internalFailure(message: string): ReducerOutcome {
  return { status: 'failed', message, isSenderError: false, durationMicros: 0 };
}

function bsatnString(text: string): Uint8Array {
  const writer = new BinaryWriter(text.length + 8);
  writer.writeString(text);
  return writer.getBuffer().slice();
}

/** Now, in microseconds since the Unix epoch. */
export function nowMicros(): bigint {
  return BigInt(Date.now()) * 1000n;
}

function hex(identity: bigint): string {
  return identity.toString(16).padStart(64, '0');
}
