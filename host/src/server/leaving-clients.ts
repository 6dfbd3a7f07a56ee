/**
 * The clients that went away and whose `clientDisconnected` has not run yet. When a class ends, a thousand sockets
 * close in one turn of the event loop; running each one's transaction right in its close event held the host for
 * seconds, and the clients still connected got no answer meanwhile. So a leaving client waits here, and the
 * transactions run in the fair scheduler's turns (this queue is one more in its ring, limits/fair-scheduler.ts):
 * the clients still connected get their turns in between.
 *
 * Each leaving client's `clientDisconnected` still runs exactly once, in the order the clients left, each in its own
 * transaction, as on SpacetimeDB: every client's actor ends by calling `ModuleHost::disconnect_client`
 * (`ws_client_actor` in crates/client-api/src/routes/subscribe.rs), one job on the module's instance that drops the
 * client's subscriptions and runs the reducer (`disconnect_client_inner` in crates/core/src/host/module_host.rs),
 * queued beside other clients' calls.
 */
import { IncomingQueue } from './limits/fair-scheduler.js';

export class LeavingClients<C extends { readonly identity: bigint }> {
  /** In the order they left. */
  readonly #waiting = new Set<C>();
  /** How many of each identity's connections wait: a caller without any is not slowed down. */
  readonly #identities = new Map<bigint, number>();
  readonly #queue: IncomingQueue<C>;
  readonly #disconnected: (client: C) => void;

  /** `disconnected` runs one client's `clientDisconnected`; it must not throw. */
  constructor(disconnected: (client: C) => void) {
    this.#disconnected = disconnected;
    this.#queue = new IncomingQueue<C>({
      handle: (client) => this.#run(client),
      limit: Number.POSITIVE_INFINITY,
      pause: () => {},
      resume: () => {},
    });
  }

  /** Clients whose `clientDisconnected` has not run yet. */
  get size(): number {
    return this.#waiting.size;
  }

  /** A client left: its `clientDisconnected` runs in a later turn. */
  add(client: C): void {
    this.#waiting.add(client);
    this.#identities.set(client.identity, (this.#identities.get(client.identity) ?? 0) + 1);
    this.#queue.push([client]);
  }

  /**
   * Runs now, in order, the waiting disconnects of `identity`'s other connections: nothing a learner does (a call
   * from another tab, connecting again) overtakes the departure of a tab they closed before.
   */
  runFor(identity: bigint): void {
    if (!this.#identities.has(identity)) return;
    for (const client of [...this.#waiting]) if (client.identity === identity) this.#run(client);
  }

  /** Runs every waiting disconnect now, in order (the host is closing, or replacing the module). */
  runAll(): void {
    for (const client of [...this.#waiting]) this.#run(client);
    this.#queue.clear();
  }

  #run(client: C): void {
    if (!this.#waiting.delete(client)) return; // it already ran (runFor, runAll)
    const left = this.#identities.get(client.identity)! - 1;
    if (left === 0) this.#identities.delete(client.identity);
    else this.#identities.set(client.identity, left);
    this.#disconnected(client);
  }
}
