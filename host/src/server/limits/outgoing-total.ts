/**
 * The bytes waiting to be written to all clients together. Each client has its own budget (`maxOutgoingBytes`), but
 * many clients that stop reading at once could still fill the host's memory; past this total the host drops the
 * clients with the most bytes waiting until it is back under, so one stalled crowd cannot take the host down.
 */
import { formatBytes } from './answer-budget.js';

/** A client as the total sees it. */
export interface OutgoingClient {
  /** Bytes accepted for the client and not yet written to its socket. */
  readonly outgoingBytes: number;
  /** Drops the client at once; what waited for it is freed (released from the total when its socket closes). */
  drop(reason: string): void;
}

export class OutgoingTotal {
  #bytes = 0;
  readonly #clients = new Set<OutgoingClient>();

  constructor(readonly limit: number) {}

  /** Bytes waiting for all clients. */
  get bytes(): number {
    return this.#bytes;
  }

  track(client: OutgoingClient): void {
    this.#clients.add(client);
  }

  /** Forgets a client that closed, releasing what still waited for it. */
  forget(client: OutgoingClient, waiting: number): void {
    if (this.#clients.delete(client)) this.release(waiting);
  }

  /** Counts bytes accepted for a client; past the limit, drops the clients with the most waiting. */
  add(bytes: number): void {
    this.#bytes += bytes;
    if (this.#bytes > this.limit) this.#shed();
  }

  /** Bytes written out (or dropped). */
  release(bytes: number): void {
    this.#bytes = Math.max(0, this.#bytes - bytes);
  }

  #shed(): void {
    // Dropped clients' bytes are released when their sockets close: count them as gone already.
    let excess = this.#bytes - this.limit;
    const byWaiting = [...this.#clients].sort((a, b) => b.outgoingBytes - a.outgoingBytes);
    for (const client of byWaiting) {
      if (excess <= 0 || client.outgoingBytes === 0) break;
      excess -= client.outgoingBytes;
      this.#clients.delete(client);
      this.release(client.outgoingBytes);
      client.drop(
        `the host has ${formatBytes(this.#bytes + client.outgoingBytes)} waiting for all clients, over ` +
          `${formatBytes(this.limit)} (maxTotalOutgoingBytes); dropping the client with the most waiting (${client.outgoingBytes} bytes)`,
      );
    }
  }
}
