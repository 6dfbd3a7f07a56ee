/**
 * Drives a real host (the kitchen-sink fixture, in this process) with generated client frames, SQL and HTTP
 * requests while a control client (the real SDK) stays connected. Every input must get an answer: a reply or a
 * close code for frames, a status below 500 for HTTP. The run stops at the first input that goes unanswered,
 * gets a 5xx, makes the host log an error or disturbs the control client; a crash ends the process itself.
 * Inputs come from the seed alone, so a failure is reproduced by running the same seed again.
 */
import type { RunningHost } from '../../src/index.js';
import { V2_PROTOCOL, V3_PROTOCOL } from '../../src/protocol/codec.js';
import { RawClient } from '../server/raw-client.js';
import { connect, startKitchenSink, subscribe, type Connected } from '../server/support.js';
import { randomFrame } from './generate-frames.js';
import { randomHttpRequest } from './generate-http.js';
import { randomSql } from './generate-sql.js';
import { httpRequest, rawHttpAbandoned, rawHttpStatus } from './raw-http.js';
import { SeededRandom } from '../seeded-random.js';

export interface FuzzOptions {
  seed: number;
  /** How many inputs to send. */
  inputs: number;
  /** How long one input may go unanswered before it counts as a hang. Default 20 s (the machine may be busy). */
  answerTimeoutMs?: number;
  /** Called before each input is sent, with a description that reproduces it (for a crash report). */
  onInput?: (index: number, description: string) => void;
}

export interface FuzzReport {
  /** Inputs sent, by kind. */
  sent: { frame: number; sql: number; http: number };
  /** The first failure, or null when the host answered everything and the control client was served throughout. */
  failure: { input: number; description: string; problem: string } | null;
}

/** Close codes that are the host's answer to a bad frame: 1011 (could not handle it), 1009 (too big). */
const ANSWER_CLOSE_CODES = new Set([1011, 1009]);
const CONTROL_EVERY = 25;
const QUERY_SET_IDS = [0, 1, 2, 3];
/**
 * The module log's errors, written as SpacetimeDB writes them, not host faults: a reducer that threw (the fixture's
 * `fail_after_write` does on purpose), and a call to a reducer or procedure that is not there or whose arguments do
 * not decode (`External attempt to call ...`).
 */
export const MODULE_FAILURE = /^kitchen: (reducer \w+ failed: |External attempt to call )/;

class FuzzProblem extends Error {}

/** A fuzzing connection: counts what the host sends so each frame's answer can be awaited. */
class FuzzConnection {
  #received = 0;
  #closedWith: number | null = null;
  #wake: (() => void) | null = null;

  private constructor(readonly client: RawClient) {
    client.socket.on('message', () => {
      this.#received++;
      client.messages.length = 0;
      this.#wake?.();
    });
    void client.closed.then(({ code }) => {
      this.#closedWith = code;
      this.#wake?.();
    });
  }

  static async open(
    host: RunningHost,
    protocol: string,
    compression: 'None' | 'Gzip' | 'Brotli',
  ): Promise<FuzzConnection> {
    const connection = new FuzzConnection(
      await RawClient.connect(host.url, host.database, { protocols: [protocol], compression }),
    );
    await connection.client.next('InitialConnection');
    return connection;
  }

  get open(): boolean {
    return this.#closedWith === null;
  }

  /** Sends a frame and waits for the host's answer: a message, or a close with an answer code. */
  async send(frame: Uint8Array, timeoutMs: number): Promise<void> {
    const before = this.#received;
    this.client.sendBytes(frame);
    const deadline = Date.now() + timeoutMs;
    while (this.#received === before && this.#closedWith === null) {
      if (Date.now() > deadline) throw new FuzzProblem(`no answer within ${timeoutMs} ms`);
      await new Promise<void>((resolve) => {
        this.#wake = resolve;
        setTimeout(resolve, 50);
      });
    }
    if (this.#closedWith !== null && !ANSWER_CLOSE_CODES.has(this.#closedWith)) {
      throw new FuzzProblem(`connection closed with ${this.#closedWith}, not an answer code`);
    }
  }

  close(): void {
    this.client.socket.terminate();
  }
}

function hex(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('hex');
}

/** Runs one fuzzing session against a fresh host and reports the first failure. */
export async function fuzzHost(options: FuzzOptions): Promise<FuzzReport> {
  const timeoutMs = options.answerTimeoutMs ?? 20_000;
  const hostErrors: string[] = [];
  const host = await startKitchenSink({
    log: (level, message) => void (level === 'error' && !MODULE_FAILURE.test(message) && hostErrors.push(message)),
  });
  const port = Number(new URL(host.url).port);
  const control = await connect(host);
  await subscribe(control.conn, ["SELECT * FROM score WHERE game = 'control'"]);
  let connection: FuzzConnection | undefined;
  /** The open fuzzing connection; a new one (of the given settings) once the host closed the last. */
  const connected = async (protocol: string, compression: 'None' | 'Gzip' | 'Brotli'): Promise<FuzzConnection> => {
    if (!connection?.open) connection = await FuzzConnection.open(host, protocol, compression);
    return connection;
  };
  const random = new SeededRandom(options.seed);
  const report: FuzzReport = { sent: { frame: 0, sql: 0, http: 0 }, failure: null };
  let description = '';
  try {
    for (let index = 0; index < options.inputs; index++) {
      const protocol = random.pick([V2_PROTOCOL, V3_PROTOCOL]);
      const compression = random.pick(['None', 'Gzip', 'Brotli'] as const);
      const roll = random.next();
      try {
        if (roll < 0.55) {
          const frame = randomFrame(random, QUERY_SET_IDS);
          description = `${protocol} frame ${hex(frame)}`;
          options.onInput?.(index, description);
          report.sent.frame++;
          await (await connected(protocol, compression)).send(frame, timeoutMs);
        } else if (roll < 0.7) {
          const sql = randomSql(random);
          const overHttp = random.chance(0.3);
          description = `SQL ${overHttp ? 'over HTTP' : 'in a OneOffQuery'}: ${JSON.stringify(sql)}`;
          options.onInput?.(index, description);
          report.sent.sql++;
          if (overHttp) {
            await expectAnswered(
              rawHttpStatus(
                port,
                httpRequest(
                  'POST',
                  `/v1/database/${host.database}/sql`,
                  { Authorization: `Bearer ${host.publisherToken}` },
                  sql,
                ),
                timeoutMs,
              ),
            );
          } else {
            await (await connected(protocol, compression)).send(oneOffQuery(sql), timeoutMs);
          }
        } else {
          const request = randomHttpRequest(random, host.publisherToken);
          const abandoned = random.chance(0.1);
          description = `HTTP${abandoned ? ' (reset once sent)' : ''} ${JSON.stringify(request.length > 2000 ? `${request.slice(0, 2000)}...` : request)}`;
          options.onInput?.(index, description);
          report.sent.http++;
          if (abandoned) await rawHttpAbandoned(port, request);
          else await expectAnswered(rawHttpStatus(port, request, timeoutMs));
        }
        if (hostErrors.length > 0) throw new FuzzProblem(`the host logged an error: ${hostErrors[0]}`);
        if ((index + 1) % CONTROL_EVERY === 0 || index + 1 === options.inputs)
          await controlRoundTrip(control, timeoutMs);
        if (!control.conn.isActive) throw new FuzzProblem('the control client was disconnected');
      } catch (err) {
        if (!(err instanceof FuzzProblem || /^no answer within/.test((err as Error).message))) throw err;
        report.failure = { input: index, description, problem: (err as Error).message };
        return report;
      }
    }
    return report;
  } finally {
    connection?.close();
    control.conn.disconnect();
    // A socket the host never frees keeps its close waiting for good (a refused upgrade once did, after 50,000
    // inputs): reported as a failure, not a run that never ends.
    await within(
      host.close(),
      CLOSE_TIMEOUT_MS,
      `the host did not close within ${CLOSE_TIMEOUT_MS} ms: a connection was left open`,
    ).catch((err: unknown) => {
      if (!(err instanceof FuzzProblem)) throw err;
      report.failure ??= {
        input: options.inputs,
        description: 'closing the host after the last input',
        problem: err.message,
      };
    });
  }
}

/** How long closing the host may take once every input was answered (it waits a second for HTTP in flight). */
const CLOSE_TIMEOUT_MS = 10_000;

function oneOffQuery(sql: string): Uint8Array {
  const text = Buffer.from(sql);
  const frame = Buffer.alloc(9 + text.length);
  frame[0] = 2;
  frame.writeUInt32LE(1, 1);
  frame.writeUInt32LE(text.length, 5);
  text.copy(frame, 9);
  return frame;
}

async function expectAnswered(status: Promise<number | null>): Promise<void> {
  const code = await status;
  // 530 is SpacetimeDB's answer for a reducer that failed: the module's outcome, not a host fault.
  if (code === null) throw new FuzzProblem('the host closed the connection without an HTTP answer');
  if (code >= 500 && code !== 530) throw new FuzzProblem(`HTTP ${code}`);
}

/** The control client calls a reducer and sees its own row arrive. */
async function controlRoundTrip(control: Connected, timeoutMs: number): Promise<void> {
  const before = control.conn.db.score.count();
  await within(
    control.conn.reducers.addScore({ game: 'control', player: 'control', points: 1, level: 0 }),
    timeoutMs,
    `the control client got no answer within ${timeoutMs} ms`,
  );
  if (control.conn.db.score.count() !== before + 1n)
    throw new FuzzProblem('the control client did not see its own row');
}

/** `promise`, or a FuzzProblem saying `problem` when it has not settled within `ms`. */
async function within<T>(promise: Promise<T>, ms: number, problem: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new FuzzProblem(problem)), ms)));
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
