/**
 * A protocol-level client for tests and benchmarks: opens the subscribe WebSocket itself, sends encoded client
 * messages (or any bytes) and hands back decoded server messages, so tests can send what no SDK would.
 */
import { WebSocket } from 'ws';
import { BinaryReader } from 'spacetimedb';
import { encodeClientMessage, V2_PROTOCOL } from '../../src/protocol/codec.js';
import { unframeServerPayload } from '../../src/protocol/compression.js';
import { ServerMessage, type ClientMessage } from '../../src/protocol/messages.js';

export interface RawClientOptions {
  protocols?: string[];
  compression?: 'None' | 'Gzip' | 'Brotli';
  token?: string;
}

export class RawClient {
  readonly socket: WebSocket;
  readonly messages: ServerMessage[] = [];
  /** Compression byte of each frame received. */
  readonly compressionTags: number[] = [];
  readonly closed: Promise<{ code: number; reason: string }>;
  #waiters: { test: (m: ServerMessage) => boolean; resolve: (m: ServerMessage) => void }[] = [];

  private constructor(socket: WebSocket) {
    this.socket = socket;
    this.closed = new Promise((resolve) =>
      socket.on('close', (code, reason) => resolve({ code, reason: reason.toString() })),
    );
    socket.on('message', (data: Buffer) => {
      this.compressionTags.push(data[0]!);
      const payload = unframeServerPayload(new Uint8Array(data));
      // v2 frames hold one message, v3 frames one or more.
      const reader = new BinaryReader(payload);
      do this.#receive(ServerMessage.deserialize(reader));
      while (reader.remaining > 0);
    });
  }

  static async connect(baseUrl: string, database: string, options: RawClientOptions = {}): Promise<RawClient> {
    const url = new URL(`/v1/database/${database}/subscribe`, baseUrl.replace(/^http/, 'ws'));
    url.searchParams.set('compression', options.compression ?? 'None');
    if (options.token) url.searchParams.set('token', options.token);
    const socket = new WebSocket(url, options.protocols ?? [V2_PROTOCOL]);
    const client = new RawClient(socket);
    await new Promise<void>((resolve, reject) => {
      socket.once('open', () => resolve());
      socket.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
      socket.once('error', reject);
    });
    return client;
  }

  send(message: ClientMessage): void {
    this.socket.send(encodeClientMessage(message));
  }

  sendBytes(bytes: Uint8Array): void {
    this.socket.send(bytes);
  }

  /** The next message (already received or coming) of that kind, taking it out of the queue. */
  next<Tag extends ServerMessage['tag']>(
    tag: Tag,
    test: (m: Extract<ServerMessage, { tag: Tag }>) => boolean = () => true,
  ): Promise<Extract<ServerMessage, { tag: Tag }>> {
    const matches = (m: ServerMessage): boolean => m.tag === tag && test(m as Extract<ServerMessage, { tag: Tag }>);
    const index = this.messages.findIndex(matches);
    if (index >= 0) return Promise.resolve(this.messages.splice(index, 1)[0] as Extract<ServerMessage, { tag: Tag }>);
    return new Promise((resolve) =>
      this.#waiters.push({ test: matches, resolve: resolve as (m: ServerMessage) => void }),
    );
  }

  close(): void {
    this.socket.close();
  }

  #receive(message: ServerMessage): void {
    const waiter = this.#waiters.findIndex((w) => w.test(message));
    if (waiter >= 0) this.#waiters.splice(waiter, 1)[0]!.resolve(message);
    else this.messages.push(message);
  }
}
