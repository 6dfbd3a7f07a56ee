import type { ReactiveControllerHost } from 'lit';
import type { AcademyReducer, ReducerArgs } from '../../connection/academy-schema.js';
import type { AcademySource, WriteOptions } from '../../connection/index.js';

/**
 * Calls one reducer for a widget and tracks it: `pending` while the academy has not answered, `error` with the
 * module's own message (or why it could not be sent) when it failed, `succeeded` when the last call was applied.
 * The widget re-renders on each change. Every widget that calls a reducer does it through one of these.
 *
 * ```ts
 * #send = new ReducerController(this, () => this.academy, reducers.sendMessage, { whenOffline: 'queue' });
 * if (await this.#send.call({ channel, text })) input.value = '';
 * ```
 */
export class ReducerController<Reducer extends AcademyReducer> {
  /** Calls awaiting an answer (queued ones included). */
  pending = 0;
  /** The last failure's message, for the learner (the module's `SenderError` text, or why it was not sent). */
  error?: string;
  /** The last call was applied (false again once another call starts). */
  succeeded = false;

  readonly #host: ReactiveControllerHost;
  readonly #source: () => AcademySource | undefined;
  readonly #options: WriteOptions;

  constructor(
    host: ReactiveControllerHost,
    source: () => AcademySource | undefined,
    readonly reducer: Reducer,
    options: WriteOptions = {},
  ) {
    this.#host = host;
    this.#source = source;
    this.#options = options;
  }

  /** Calls the reducer; resolves true when the academy applied it, false when it failed (see `error`). */
  async call(args: ReducerArgs<Reducer>): Promise<boolean> {
    const source = this.#source();
    this.error = undefined;
    this.succeeded = false;
    if (!source) {
      this.error = 'This widget is not connected to an academy.';
      this.#host.requestUpdate();
      return false;
    }
    this.pending += 1;
    this.#host.requestUpdate();
    try {
      await source.call(this.reducer, args, this.#options);
      this.succeeded = true;
      return true;
    } catch (error) {
      this.error = error instanceof Error ? error.message : String(error);
      return false;
    } finally {
      this.pending -= 1;
      this.#host.requestUpdate();
    }
  }
}
