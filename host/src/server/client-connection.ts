/**
 * One client's WebSocket: reads its frames, hands the decoded messages to the database, and writes the
 * database's answers with the compression byte and framing (v2 or v3) the client negotiated. Keeps the
 * connection alive with pings and closes it when the client stops answering. Like SpacetimeDB, it caps how many
 * messages may wait for a client that does not read them, and drops the client when that cap is reached; it also
 * caps the bytes waiting for it. Incoming messages wait in the client's own queue for their fair turn (see
 * limits/fair-scheduler.ts); when too many wait, the host stops reading the socket until half are handled.
 */
import type { Duplex } from 'node:stream';
import type { WebSocket } from 'ws';
import {
  decodeClientFrame,
  encodeServerMessage,
  MalformedMessageError,
  V3_PROTOCOL,
  type WireProtocol,
} from '../protocol/codec.js';
import { frameServerPayload, frameServerPayloads, type Compression } from '../protocol/compression.js';
import type { ClientMessage, ServerMessage } from '../protocol/messages.js';
import { formatBytes } from './limits/answer-budget.js';
import { IncomingQueue } from './limits/fair-scheduler.js';
import { DEFAULT_HOST_LIMITS } from './limits/host-limits.js';
import type { OutgoingClient, OutgoingTotal } from './limits/outgoing-total.js';
import { intervalPingTimer, type PingTimer } from './ping-timer.js';
import type { Subscriber } from './subscriptions.js';
import { holdWrites, type WriteHold } from './turn-writes.js';

/** The WebSocket close code SpacetimeDB uses when a client sent something it cannot handle. */
export const CLOSE_CLIENT_ERROR = 1011;
/** SpacetimeDB pings every 15 s and drops a client that let a whole interval pass without answering. */
export const DEFAULT_PING_INTERVAL_MS = 15_000;
/**
 * How many messages may wait for one client before it is dropped: SpacetimeDB's per-client channel capacity
 * (`CLIENT_CHANNEL_CAPACITY = 16 * KB` in crates/core/src/client/client_connection.rs).
 */
export const DEFAULT_OUTGOING_QUEUE_LENGTH = 16 * 1024;

export interface ClientConnectionOptions {
  socket: WebSocket;
  /**
   * The TCP stream under `socket`: when given, v2 messages sent while handling one event leave in one write
   * (v3 already puts them in one frame).
   */
  stream?: Duplex;
  identity: bigint;
  connectionId: bigint;
  /** The token the client connected with (or the one minted for it), echoed in InitialConnection. */
  token: string;
  protocol: WireProtocol;
  compression: Compression;
  pingIntervalMs?: number;
  /** What paces the pings. Default: a real interval of `pingIntervalMs`. */
  pingTimer?: PingTimer;
  /** Messages that may wait for this client (not yet written to its socket) before it is dropped. Default 16384. */
  outgoingQueueLength?: number;
  /** Bytes that may wait to be written to this client before it is dropped. Default 32 MiB. */
  maxOutgoingBytes?: number;
  /** This client's messages that may wait to be handled before its socket is paused. Default 256. */
  maxQueuedMessages?: number;
  /** The bytes waiting for all clients of the host, which drops the clients with the most when it is over. */
  outgoingTotal?: OutgoingTotal;
  onMessage(client: ClientConnection, message: ClientMessage): void;
  onClose(client: ClientConnection): void;
  /** Called with the size of each frame written (for metrics). */
  onSent?(bytes: number): void;
  /** Called once when the host drops this client for not reading what it was sent (for metrics). */
  onDropped?(): void;
  log(level: 'debug' | 'warn', message: string): void;
}

export class ClientConnection implements Subscriber, OutgoingClient {
  readonly identity: bigint;
  readonly connectionId: bigint;
  readonly token: string;
  readonly protocol: WireProtocol;
  readonly compression: Compression;
  readonly #socket: WebSocket;
  readonly #options: ClientConnectionOptions;
  /** v3 only: messages waiting to go out together in the next frame. */
  #pending: { payload: Uint8Array; framed: Uint8Array | null }[] = [];
  /** Bytes accepted for this client and not yet written out (payload sizes: a frame's size without compression). */
  #bytes = 0;
  #alive = true;
  #stopPinging: (() => void) | undefined;
  #closed = false;
  /** Messages accepted for this client that its socket has not written out yet (v3 batches count each message). */
  #queued = 0;
  readonly #queueLimit: number;
  readonly #byteLimit: number;
  readonly #incoming: IncomingQueue<ClientMessage>;
  #kicked = false;

  constructor(options: ClientConnectionOptions) {
    this.#options = options;
    this.#socket = options.socket;
    this.identity = options.identity;
    this.connectionId = options.connectionId;
    this.token = options.token;
    this.protocol = options.protocol;
    this.compression = options.compression;
    this.#queueLimit = options.outgoingQueueLength ?? DEFAULT_OUTGOING_QUEUE_LENGTH;
    options.outgoingTotal?.track(this);
    this.#byteLimit = options.maxOutgoingBytes ?? DEFAULT_HOST_LIMITS.maxOutgoingBytes;
    this.#incoming = new IncomingQueue({
      handle: (message) => this.#handle(message),
      limit: options.maxQueuedMessages ?? DEFAULT_HOST_LIMITS.maxQueuedMessages,
      pause: () => this.#socket.pause(),
      resume: () => this.#socket.resume(),
    });
  }

  /** Starts reading frames and pinging. Call once the database accepted the client. */
  start(): void {
    this.#socket.on('message', (data, isBinary) => this.#receive(data as Buffer, isBinary));
    this.#socket.on('pong', () => (this.#alive = true));
    this.#socket.on('close', () => this.#handleClose());
    this.#socket.on('error', (err) => this.#options.log('debug', `client socket error: ${err.message}`));
    const timer = this.#options.pingTimer ?? intervalPingTimer;
    this.#stopPinging = timer.every(this.#options.pingIntervalMs ?? DEFAULT_PING_INTERVAL_MS, () => {
      if (!this.#alive) {
        this.#options.log('debug', 'client stopped answering pings; closing');
        this.#socket.terminate();
        return;
      }
      this.#alive = false;
      this.#socket.ping();
    });
  }

  get isOpen(): boolean {
    return !this.#closed && this.#socket.readyState === this.#socket.OPEN;
  }

  /** Messages waiting for this client: accepted but not yet written to its socket. */
  get outgoingQueueLength(): number {
    return this.#queued;
  }

  /** This client's messages waiting for their turn to be handled. */
  get incomingQueueLength(): number {
    return this.#incoming.length;
  }

  /** Whether the host dropped this client because it stopped reading (its outgoing queue or bytes were full). */
  get kicked(): boolean {
    return this.#kicked;
  }

  /** Encodes and sends one message. */
  send(message: ServerMessage): void {
    this.sendEncoded(encodeServerMessage(message));
  }

  /**
   * Sends an encoded message; `framed` is its compressed frame when the caller already built it for others. An
   * `'update'` (rows this client watches, changed by someone else) may leave a few turns of the event loop later
   * than an `'answer'` to its own request (see turn-writes.ts).
   */
  sendEncoded(payload: Uint8Array, framed: Uint8Array | null = null, carrying: 'answer' | 'update' = 'answer'): void {
    if (!this.isOpen) return;
    if (this.#queued >= this.#queueLimit) {
      this.drop(`client exceeded its outgoing queue capacity of ${this.#queueLimit} messages; disconnecting`);
      return;
    }
    if (this.#bytes > this.#byteLimit) {
      this.drop(
        `client has ${this.#bytes} bytes waiting, over its limit of ${formatBytes(this.#byteLimit)} (maxOutgoingBytes); disconnecting`,
      );
      return;
    }
    this.#queued += 1;
    this.#bytes += payload.length;
    this.#options.outgoingTotal?.add(payload.length);
    if (this.#kicked) return; // the total was over and this client had the most waiting
    if (this.protocol !== V3_PROTOCOL) {
      if (this.#options.stream) holdWrites(this.#options.stream, carrying);
      this.#write(framed ?? frameServerPayload(payload, this.compression), 1, payload.length);
      return;
    }
    this.#pending.push({ payload, framed });
    holdWrites(this.#nextFrame, carrying);
  }

  /** Closes with a code and reason (trimmed to what a close frame can carry). */
  close(code: number, reason: string): void {
    if (this.#socket.readyState !== this.#socket.OPEN) return;
    this.#socket.close(code, trimReason(reason));
  }

  /** v3's messages wait in `#pending` and leave in one frame when turn-writes.ts lets them. */
  readonly #nextFrame: WriteHold = { cork() {}, uncork: () => this.#flush() };

  #flush(): void {
    const pending = this.#pending;
    this.#pending = [];
    if (!this.isOpen || pending.length === 0) return;
    const bytes = pending.reduce((sum, p) => sum + p.payload.length, 0);
    if (pending.length === 1) {
      const only = pending[0]!;
      this.#write(only.framed ?? frameServerPayload(only.payload, this.compression), 1, bytes);
      return;
    }
    this.#write(
      frameServerPayloads(
        pending.map((p) => p.payload),
        this.compression,
      ),
      pending.length,
      bytes,
    );
  }

  /**
   * Writes one frame carrying `messages` messages of `bytes` payload bytes; they leave the queue and the byte counts
   * once the socket has written it out. After a drop the counts stay as they were until the close releases them.
   */
  #write(frame: Uint8Array, messages: number, bytes: number): void {
    this.#socket.send(frame, () => {
      if (this.#closed || this.#kicked) return;
      this.#queued -= messages;
      this.#bytes -= bytes;
      this.#options.outgoingTotal?.release(bytes);
    });
    this.#options.onSent?.(frame.length);
  }

  /** Bytes accepted for this client and not yet written to its socket. */
  get outgoingBytes(): number {
    return this.#bytes;
  }

  /**
   * Drops a client that does not read what it is sent, as SpacetimeDB does when its queue is full: it aborts the
   * connection's task, so the socket goes away without a close frame (the client sees 1006: a close frame would
   * wait behind the data it does not read) and `clientDisconnected` runs. What waited for it is freed at once.
   */
  drop(reason: string): void {
    if (this.#kicked) return;
    this.#kicked = true;
    this.#options.log('warn', reason);
    this.#options.onDropped?.();
    this.#pending = [];
    this.#socket.terminate();
  }

  #receive(data: Buffer, isBinary: boolean): void {
    if (this.#closed) return;
    if (!isBinary) {
      this.close(
        CLOSE_CLIENT_ERROR,
        `${this.protocol === V3_PROTOCOL ? 'v3' : 'v2'} websocket does not support text messages`,
      );
      return;
    }
    let messages: ClientMessage[];
    try {
      messages = decodeClientFrame(new Uint8Array(data.buffer, data.byteOffset, data.byteLength), this.protocol);
    } catch (err) {
      if (!(err instanceof MalformedMessageError)) throw err;
      this.#options.log('debug', `client sent a malformed message: ${err.message}`);
      this.close(CLOSE_CLIENT_ERROR, err.message);
      return;
    }
    this.#incoming.push(messages, data.byteLength);
  }

  #handle(message: ClientMessage): void {
    if (this.#closed) return;
    try {
      this.#options.onMessage(this, message);
    } catch (err) {
      // A bug in handling one message must not take the host (and every other client) down.
      this.#options.log('warn', `handling a ${message.tag} failed: ${(err as Error).stack ?? String(err)}`);
      this.close(CLOSE_CLIENT_ERROR, `internal error handling ${message.tag}`);
    }
  }

  #handleClose(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#stopPinging?.();
    this.#pending = [];
    this.#options.outgoingTotal?.forget(this, this.#bytes);
    this.#bytes = 0;
    this.#queued = 0;
    this.#incoming.clear();
    this.#options.onClose(this);
  }
}

function trimReason(reason: string): string {
  let trimmed = reason;
  while (Buffer.byteLength(trimmed) > 123) trimmed = trimmed.slice(0, -1);
  return trimmed;
}
