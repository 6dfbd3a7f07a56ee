import type { ReactiveControllerHost } from 'lit';

/**
 * A part of a widget loaded on first use with a dynamic `import()`, so that a page pays for it only once a learner
 * opens it (direct messages, the message actions, the profile's edit form). `loading` while its chunk is on the
 * way, `error` (the widget's own words) when it could not be loaded, e.g. offline. Asking again tries again, but
 * browsers remember a module that failed to load until the page is reloaded, so the words should say to reload.
 *
 * ```ts
 * #form = new LazyPart(this, () => import('./profile-form.js').then((m) => new m.ProfileForm(this, () => this.academy)),
 *   () => this.#words.text.formFailed);
 * const form = await this.#form.get(); // undefined when it failed: `this.#form.error` says why
 * ```
 */
export class LazyPart<Part> {
  /** The part, once loaded. */
  part?: Part;
  /** Its chunk is on the way. */
  loading = false;
  /** Why the part could not be loaded, for the learner. */
  error?: string;
  #loading?: Promise<Part | undefined>;

  readonly #host: ReactiveControllerHost;
  readonly #fetch: () => Promise<Part>;
  readonly #failed: () => string;

  constructor(host: ReactiveControllerHost, load: () => Promise<Part>, failed: () => string) {
    this.#host = host;
    this.#fetch = load;
    this.#failed = failed;
  }

  /** The part, loading it first if needed; undefined when it could not be loaded (then `error` says why). */
  get(): Promise<Part | undefined> {
    if (this.part) return Promise.resolve(this.part);
    return (this.#loading ??= this.#load());
  }

  async #load(): Promise<Part | undefined> {
    this.loading = true;
    this.#host.requestUpdate();
    try {
      this.part = await this.#fetch();
      this.error = undefined;
      return this.part;
    } catch {
      this.error = this.#failed();
      return undefined;
    } finally {
      this.loading = false;
      this.#loading = undefined;
      this.#host.requestUpdate();
    }
  }
}
