/**
 * The database's SQL system variables, SpacetimeDB's `st_var` table (`SET row_limit = 1000` over `POST /sql`): kept
 * with the database (in the data directory's `module.json`), so a restart or an update keeps them and a reset
 * (`clear`) starts without, as a new database there does.
 */
export class SystemVariables {
  readonly #values: Map<string, bigint>;
  readonly #save: (values: Record<string, string>) => Promise<void>;
  /** Saves run one after another, each writing the values as they were when it was asked for. */
  #saving: Promise<void> = Promise.resolve();

  constructor(initial: Iterable<readonly [string, bigint]>, save: (values: Record<string, string>) => Promise<void>) {
    this.#values = new Map(initial);
    this.#save = save;
  }

  /** The values as stored in `module.json`: decimal strings (a `u64` may pass 2^53). */
  static fromRecord(record: Record<string, string> | undefined): [string, bigint][] {
    return Object.entries(record ?? {}).flatMap(([name, text]) => (/^\d+$/.test(text) ? [[name, BigInt(text)]] : []));
  }

  get(name: string): bigint | undefined {
    return this.#values.get(name);
  }

  entries(): [string, bigint][] {
    return [...this.#values];
  }

  /** Sets a variable; resolves once it is stored. */
  set(name: string, value: bigint): Promise<void> {
    this.#values.set(name, value);
    return this.#stored();
  }

  /** Removes a variable (false when it was not set); resolves once that is stored. */
  async delete(name: string): Promise<boolean> {
    if (!this.#values.delete(name)) return false;
    await this.#stored();
    return true;
  }

  #stored(): Promise<void> {
    const values = Object.fromEntries([...this.#values].map(([name, value]) => [name, value.toString()]));
    this.#saving = this.#saving.catch(() => undefined).then(() => this.#save(values));
    return this.#saving;
  }
}
