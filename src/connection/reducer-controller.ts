import type { ReactiveControllerHost } from 'lit';
import type { AcademySource, WriteOptions } from './types.js';

/**
 * Calls one reducer for a widget and tracks it: `pending` while the academy has not answered, `error` with the
 * module's own message (or why it could not be sent) when it failed. The widget re-renders on each change.
 *
 * ```ts
 * #send = new ReducerController(this, () => this.academy, 'send_message', { whenOffline: 'queue' });
 * if (await this.#send.call({ channel, text })) input.value = '';
 * ```
 */
export class ReducerController<Args extends Record<string, unknown>> {
  /** Calls awaiting an answer (queued ones included). */
  pending = 0;
  /** The last failure's message, cleared by the next call. */
  error?: string;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly source: () => AcademySource | undefined,
    readonly reducer: string,
    private readonly options: WriteOptions = {},
  ) {}

  /** Calls the reducer; resolves true when the academy applied it, false when it failed (see `error`). */
  async call(args: Args): Promise<boolean> {
    const source = this.source();
    this.error = undefined;
    if (!source) {
      this.error = 'This widget is not connected to an academy.';
      this.host.requestUpdate();
      return false;
    }
    this.pending += 1;
    this.host.requestUpdate();
    try {
      await source.call(this.reducer, args, this.options);
      return true;
    } catch (error) {
      this.error = error instanceof Error ? error.message : String(error);
      return false;
    } finally {
      this.pending -= 1;
      this.host.requestUpdate();
    }
  }
}
