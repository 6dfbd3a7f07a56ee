/**
 * The host's HTTP and WebSocket front: identity routes (`/v1/identity...`), the client protocol at
 * `/v1/database/:name/subscribe`, CORS for pages on other origins, and optionally a static folder at `/`.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { ConnectionId } from 'spacetimedb';
import { decodeJwt } from 'jose';
import { WebSocketServer, type WebSocket } from 'ws';
import { identityToHex } from '../identity/identity.js';
import { TokenRejectedError, type TokenService, type VerifiedCaller } from '../identity/tokens.js';
import { V2_PROTOCOL, V3_PROTOCOL, type WireProtocol } from '../protocol/codec.js';
import { parseCompression, type Compression } from '../protocol/compression.js';
import { ClientConnection, CLOSE_CLIENT_ERROR } from './client-connection.js';
import { AddressLimits, TooManyRequestsError } from './limits/address-limits.js';
import { resolveLimits, type HostLimits } from './limits/host-limits.js';
import { OutgoingTotal } from './limits/outgoing-total.js';
import type { PingTimer } from './ping-timer.js';
import type { Database } from './database.js';
import { containFailure } from './guard.js';
import type { HostLog } from './host-log.js';
import {
  bearerToken,
  CORS_HEADERS,
  decodePathSegment,
  HttpError,
  requestPath,
  requestUrl,
  sendJson,
  sendText,
} from './http-responses.js';
import { serveStatic } from './static-files.js';

/** SpacetimeDB's limit on one incoming WebSocket message (32 MiB). */
export const DEFAULT_MAX_MESSAGE_BYTES = 0x2000000;
const SUBSCRIBE_PATH = /^\/v1\/database\/([^/]+)\/subscribe\/?$/;

export interface HostServerOptions {
  databases: ReadonlyMap<string, Database>;
  tokens: TokenService;
  log: HostLog;
  staticDir?: string;
  maxMessageBytes?: number;
  /** How often clients are pinged; one missed answer closes the connection. Default 15 s. */
  pingIntervalMs?: number;
  /** What paces the pings (tests drive them by hand). Default: a real interval. */
  pingTimer?: PingTimer;
  /** Messages that may wait for one client that does not read before it is dropped. Default 16384, as SpacetimeDB. */
  outgoingQueueLength?: number;
  /** Per-client and per-address limits. Default: DEFAULT_HOST_LIMITS. */
  limits?: HostLimits;
  /** Other routes (the database HTTP API, /health, /metrics); resolves false when it did not answer. */
  fallback?: (req: IncomingMessage, res: ServerResponse) => Promise<boolean>;
}

export class HostServer {
  readonly #options: HostServerOptions;
  readonly #http: Server;
  readonly #wss: WebSocketServer;
  readonly #limits: HostLimits;
  readonly #addresses: AddressLimits;
  readonly #outgoingTotal: OutgoingTotal;

  constructor(options: HostServerOptions) {
    this.#options = options;
    this.#limits = options.limits ?? resolveLimits();
    this.#addresses = new AddressLimits(this.#limits);
    this.#outgoingTotal = new OutgoingTotal(this.#limits.maxTotalOutgoingBytes);
    this.#http = createServer((req, res) => {
      this.#route(req, res).catch((err: unknown) => this.#fail(res, err));
    });
    this.#wss = new WebSocketServer({
      noServer: true,
      maxPayload: options.maxMessageBytes ?? DEFAULT_MAX_MESSAGE_BYTES,
      perMessageDeflate: false,
      handleProtocols: (offered) => chooseProtocol(offered) ?? false,
    });
    this.#http.on('upgrade', (req, socket, head) => {
      // Node hands an upgrade's socket over with no 'error' listener: a client resetting it before the WebSocket
      // takes it (while its token is checked) must not become an uncaught exception.
      const dropOnError = () => socket.destroy();
      socket.on('error', dropOnError);
      this.#upgrade(req, socket, head).then(
        () => socket.off('error', dropOnError),
        (err: unknown) => {
          const status = err instanceof HttpError ? err.status : err instanceof TooManyRequestsError ? 429 : 500;
          if (status === 500) options.log('error', `websocket upgrade failed: ${(err as Error).stack ?? String(err)}`);
          rejectUpgrade(
            socket,
            status,
            (err as Error).message,
            err instanceof TooManyRequestsError ? err.retryAfterSeconds : undefined,
          );
        },
      );
    });
  }

  /** Throws TooManyRequestsError (answered 429) when the request's address may not attempt another LTI registration. */
  admitLtiRegistration(req: IncomingMessage): void {
    this.#addresses.registerPlatform(this.#addresses.addressOf(req));
  }

  /** Starts listening on `host` (default 127.0.0.1; port 0 picks a free port); resolves with the port. */
  listen(port: number, host = '127.0.0.1'): Promise<number> {
    return new Promise((resolvePort, reject) => {
      this.#http.once('error', reject);
      this.#http.listen(port, host, () => {
        this.#http.off('error', reject);
        const address = this.#http.address();
        resolvePort(typeof address === 'object' && address ? address.port : port);
      });
    });
  }

  /** Closes every client connection with a code and reason (e.g. 1012 when the module is updated). */
  disconnectAll(code = 1001, reason = 'host shutting down'): void {
    for (const client of this.#wss.clients) client.close(code, reason);
  }

  /**
   * Stops accepting, disconnects everyone (running their clientDisconnected) and closes the listener. HTTP requests
   * already in flight (a reducer call waiting for its fsync) get their answer if it comes within a second.
   */
  async close(): Promise<void> {
    const stopped = new Promise<void>((done) => this.#http.close(() => done()));
    this.#http.closeIdleConnections();
    const sockets = [...this.#wss.clients];
    // Every client's close (and so its clientDisconnected) must have run before the database closes.
    const closed = Promise.all(
      sockets.map((s) => (s.readyState === s.CLOSED ? undefined : new Promise((done) => s.once('close', done)))),
    );
    this.disconnectAll();
    const grace = setTimeout(() => sockets.forEach((s) => s.terminate()), 250);
    await closed;
    clearTimeout(grace);
    // Their clientDisconnected may still wait for a turn (leaving-clients.ts): all run before the host is closed.
    for (const database of this.#options.databases.values()) database.finishDisconnects();
    await new Promise<void>((done) => this.#wss.close(() => done()));
    const inFlight = setTimeout(() => this.#http.closeAllConnections(), 1000);
    await stopped;
    clearTimeout(inFlight);
  }

  async #route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = requestUrl(req);
    const path = requestPath(req);
    if (req.method === 'OPTIONS') {
      res.writeHead(204, CORS_HEADERS);
      res.end();
      return;
    }
    if (path === '/v1/identity' || path === '/v1/identity/') {
      if (req.method !== 'POST') throw new HttpError(405, 'Method Not Allowed');
      const { identity, token } = await this.createIdentity(req);
      const hex = identityToHex(identity);
      sendJson(res, 200, { identity: hex, token }, { 'spacetime-identity': hex, 'spacetime-identity-token': token });
      return;
    }
    if (path === '/v1/identity/websocket-token') {
      if (req.method !== 'POST') throw new HttpError(405, 'Method Not Allowed');
      const caller = await this.authenticate(req, url);
      if (!caller) throw new HttpError(401, 'Authorization required');
      sendJson(res, 200, { token: await this.#options.tokens.websocketToken(caller) });
      return;
    }
    if (path === '/v1/identity/public-key') {
      if (req.method !== 'GET') throw new HttpError(405, 'Method Not Allowed');
      sendText(res, 200, this.#options.tokens.publicKeyPem, 'application/pem-certificate-chain');
      return;
    }
    const verify = /^\/v1\/identity\/([0-9a-fA-F]{64})\/verify$/.exec(path);
    if (verify) {
      if (req.method !== 'GET') throw new HttpError(405, 'Method Not Allowed');
      const caller = await this.authenticate(req, url);
      if (!caller) throw new HttpError(401, 'Authorization required');
      if (identityToHex(caller.identity) !== verify[1]!.toLowerCase()) throw new HttpError(400, 'Bad Request');
      res.writeHead(204, CORS_HEADERS);
      res.end();
      return;
    }
    if (path === '/v1/ping') {
      if (req.method !== 'GET') throw new HttpError(405, 'Method Not Allowed');
      sendText(res, 200, '');
      return;
    }
    if (SUBSCRIBE_PATH.test(path)) throw new HttpError(426, 'Upgrade Required: connect with a WebSocket');
    if (this.#options.fallback && (await this.#options.fallback(req, res))) return;
    // Static files are ours, not SpacetimeDB's: their paths are resolved (`..` cannot climb out of the folder).
    if (
      req.method === 'GET' &&
      this.#options.staticDir &&
      (await serveStatic(this.#options.staticDir, url.pathname, res))
    )
      return;
    throw new HttpError(404, 'Not Found');
  }

  async #upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
    const url = requestUrl(req);
    const match = SUBSCRIBE_PATH.exec(requestPath(req));
    if (!match) throw new HttpError(404, 'Not Found');
    const name = decodePathSegment(match[1]!);
    const database = this.#options.databases.get(name);
    if (!database) throw new HttpError(404, `no such database: ${name}`);
    const offered = new Set(
      (req.headers['sec-websocket-protocol'] ?? '')
        .split(',')
        .map((p) => p.trim())
        .filter(Boolean),
    );
    const protocol = chooseProtocol(offered);
    if (!protocol) throw new HttpError(400, 'no valid protocol selected');
    let compression: Compression;
    try {
      compression = parseCompression(url.searchParams.get('compression'));
    } catch (err) {
      throw new HttpError(400, (err as Error).message);
    }
    const connectionId = parseConnectionId(url.searchParams.get('connection_id'));
    // Counted until the TCP socket closes, however the upgrade ends.
    socket.once('close', this.#addresses.openConnection(this.#addresses.addressOf(req)));
    const caller = (await this.authenticate(req, url)) ?? (await this.#anonymous());

    const ws = await new Promise<WebSocket>((done) => this.#wss.handleUpgrade(req, socket, head, done));
    const client = new ClientConnection({
      socket: ws,
      stream: socket,
      identity: caller.identity,
      connectionId,
      token: caller.token,
      protocol,
      compression,
      ...(this.#options.pingIntervalMs === undefined ? {} : { pingIntervalMs: this.#options.pingIntervalMs }),
      ...(this.#options.pingTimer === undefined ? {} : { pingTimer: this.#options.pingTimer }),
      ...(this.#options.outgoingQueueLength === undefined
        ? {}
        : { outgoingQueueLength: this.#options.outgoingQueueLength }),
      maxOutgoingBytes: this.#limits.maxOutgoingBytes,
      maxQueuedMessages: this.#limits.maxQueuedMessages,
      outgoingTotal: this.#outgoingTotal,
      onMessage: (c, message) => {
        try {
          database.handle(c, message);
        } catch (err) {
          // A host bug, not the client's: contained to this one connection.
          containFailure(
            err,
            `${database.name}: handling a ${message.tag} message`,
            [database.engine],
            this.#options.log,
          );
          c.close(CLOSE_CLIENT_ERROR, 'internal error while handling the message');
        }
      },
      onClose: (c) => database.disconnect(c),
      onSent: (bytes) => database.metrics?.messageSent(bytes),
      onDropped: () => database.metrics?.clientDroppedForOutgoingQueue(),
      log: (level, message) => this.#options.log(level, `${database.name}: ${message}`),
    });
    client.start();
    const refusal = database.connect(client, JSON.stringify(caller.claims));
    // SpacetimeDB drops a connection its client_connected reducer refused; we also say why.
    if (refusal !== null) client.close(1008, refusal);
  }

  /**
   * A new identity for the request's caller; throws TooManyRequestsError (answered 429 with Retry-After) when its
   * address created too many lately.
   */
  async createIdentity(req: IncomingMessage): Promise<{ identity: bigint; token: string }> {
    this.#addresses.createIdentity(this.#addresses.addressOf(req));
    return this.#options.tokens.createIdentity();
  }

  /**
   * A new identity handed over unasked (the one SpacetimeDB mints for a caller without a token on any database route),
   * or null when its address has none to spare (`AddressLimits.spareIdentity`).
   */
  async spareIdentity(req: IncomingMessage): Promise<{ identity: bigint; token: string } | null> {
    if (!this.#addresses.spareIdentity(this.#addresses.addressOf(req))) return null;
    return this.#options.tokens.createIdentity();
  }

  /** The caller a request's token proves, null without a token; throws an HTTP 401/400 error for a bad one. */
  async authenticate(req: IncomingMessage, url: URL): Promise<VerifiedCaller | null> {
    const token = bearerToken(req, url);
    if (token === null) return null;
    if (typeof token !== 'string') throw new HttpError(400, 'Authorization is invalid: malformed token');
    try {
      return await this.#options.tokens.verify(token);
    } catch (err) {
      if (err instanceof TokenRejectedError) throw new HttpError(401, err.message);
      throw err;
    }
  }

  async #anonymous(): Promise<VerifiedCaller> {
    const { identity, token } = await this.#options.tokens.createIdentity();
    const claims = decodeJwt(token) as VerifiedCaller['claims'];
    return { identity, token, claims };
  }

  #fail(res: ServerResponse, err: unknown): void {
    // The client reset its connection before its request was read: nobody to answer, and nothing wrong here.
    if ((err as NodeJS.ErrnoException | null)?.code === 'ECONNRESET' && res.req.destroyed) return;
    if (err instanceof TooManyRequestsError && !res.headersSent) {
      sendText(res, 429, err.message, undefined, { 'retry-after': String(err.retryAfterSeconds) });
      return;
    }
    const status = err instanceof HttpError ? err.status : 500;
    if (status === 500) this.#options.log('error', `request failed: ${(err as Error).stack ?? String(err)}`);
    if (res.headersSent) {
      res.destroy();
      return;
    }
    sendText(res, status, status === 500 ? 'Internal Server Error' : (err as Error).message);
  }
}

/** v3 when the client offers it (it only adds batching), else v2; null when neither is offered. */
function chooseProtocol(offered: ReadonlySet<string>): WireProtocol | null {
  if (offered.has(V3_PROTOCOL)) return V3_PROTOCOL;
  if (offered.has(V2_PROTOCOL)) return V2_PROTOCOL;
  return null;
}

function parseConnectionId(text: string | null): bigint {
  if (text === null) {
    let random = 0n;
    while (random === 0n) random = BigInt('0x' + randomBytes(16).toString('hex'));
    return random;
  }
  if (!/^[0-9a-fA-F]{32}$/.test(text)) throw new HttpError(400, 'Invalid connection ID: expected 32 hex digits');
  const id = ConnectionId.fromString(text).__connection_id__;
  if (id === 0n) throw new HttpError(400, 'Invalid connection ID: the all-zeros ConnectionId is reserved.');
  return id;
}

/** How long a refused upgrade's socket stays open after its answer, for the client to read it, at most. */
const REFUSED_UPGRADE_LINGER_MS = 1000;

/**
 * Answers a refused upgrade and frees its socket. What the client still sends is read and dropped, so its close is
 * seen: left unread, a request followed by more than 64 KiB stopped the socket's reading, and the socket stayed open
 * for good, holding a file descriptor and one of its address's `maxConnectionsPerAddress`.
 */
function rejectUpgrade(socket: Duplex, status: number, message: string, retryAfterSeconds?: number): void {
  if (socket.destroyed) return;
  socket.resume();
  const linger = setTimeout(() => socket.destroy(), REFUSED_UPGRADE_LINGER_MS);
  socket.once('close', () => clearTimeout(linger));
  const body = Buffer.from(message);
  const reason =
    {
      400: 'Bad Request',
      401: 'Unauthorized',
      404: 'Not Found',
      429: 'Too Many Requests',
      500: 'Internal Server Error',
    }[status] ?? 'Error';
  const retry = retryAfterSeconds === undefined ? '' : `Retry-After: ${retryAfterSeconds}\r\n`;
  socket.end(
    `HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Type: text/plain; charset=utf-8\r\n${retry}` +
      `Access-Control-Allow-Origin: *\r\nContent-Length: ${body.length}\r\n\r\n${message}`,
  );
}
