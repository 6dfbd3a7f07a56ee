import vm from 'node:vm';
import { MODULE_GLOBAL, SYSCALLS_GLOBAL } from './bundle-module.js';
import { ModuleLoadError } from './module-load-error.js';

// What SpacetimeDB's V8 host installs before a module runs (TextEncoder/TextDecoder, no Math.random), plus
// what Node 20 lacks that modules and the module runtime use (Set methods, Symbol.dispose, iterator helpers).
// Runs inside the module's context.
const PRELUDE = `
(() => {
  const host = globalThis.__lta_host;
  delete globalThis.__lta_host;
  globalThis.TextEncoder = class TextEncoder {
    get encoding() { return 'utf-8'; }
    encode(input = '') { return new Uint8Array(host.encode(String(input))); }
  };
  globalThis.TextDecoder = class TextDecoder {
    #fatal;
    constructor(label = 'utf-8', options = {}) {
      if (!/^utf-?8$/i.test(label)) throw new RangeError('only utf-8 is supported');
      this.#fatal = Boolean(options.fatal);
    }
    get encoding() { return 'utf-8'; }
    decode(input) { return input === undefined ? '' : host.decode(input, this.#fatal); }
  };
  for (const name of ['dispose', 'asyncDispose']) {
    if (!Symbol[name]) Object.defineProperty(Symbol, name, { value: Symbol.for('Symbol.' + name) });
  }
  const setMethods = {
    isSubsetOf(other) { for (const x of this) if (!other.has(x)) return false; return true; },
    isSupersetOf(other) { for (const x of other.keys()) if (!this.has(x)) return false; return true; },
    isDisjointFrom(other) { for (const x of this) if (other.has(x)) return false; return true; },
    union(other) { const out = new Set(this); for (const x of other.keys()) out.add(x); return out; },
    intersection(other) { const out = new Set(); for (const x of this) if (other.has(x)) out.add(x); return out; },
    difference(other) { const out = new Set(this); for (const x of this) if (other.has(x)) out.delete(x); return out; },
    symmetricDifference(other) {
      const out = new Set(this);
      for (const x of other.keys()) if (this.has(x)) out.delete(x); else out.add(x);
      return out;
    },
  };
  for (const [name, fn] of Object.entries(setMethods)) {
    if (!Set.prototype[name]) Object.defineProperty(Set.prototype, name, { value: fn, writable: true, configurable: true });
  }
  // Iterator helpers (ES2025): SpacetimeDB's V8 has them, so modules may write ctx.db.t.iter().filter(...).
  const IteratorPrototype = Object.getPrototypeOf(Object.getPrototypeOf((function* () {})()));
  const iteratorHelpers = {
    *map(fn) { let i = 0; for (const x of { [Symbol.iterator]: () => this }) yield fn(x, i++); },
    *filter(fn) { let i = 0; for (const x of { [Symbol.iterator]: () => this }) if (fn(x, i++)) yield x; },
    *take(n) { if (n <= 0) return; let i = 0; for (const x of { [Symbol.iterator]: () => this }) { yield x; if (++i >= n) return; } },
    *drop(n) { let i = 0; for (const x of { [Symbol.iterator]: () => this }) if (i++ >= n) yield x; },
    *flatMap(fn) { let i = 0; for (const x of { [Symbol.iterator]: () => this }) yield* fn(x, i++); },
    reduce(fn, ...init) {
      let i = 0;
      let acc = init.length ? init[0] : undefined;
      let first = !init.length;
      for (const x of { [Symbol.iterator]: () => this }) { acc = first ? x : fn(acc, x, i); first = false; i++; }
      if (first) throw new TypeError('Reduce of empty iterator with no initial value');
      return acc;
    },
    toArray() { return Array.from({ [Symbol.iterator]: () => this }); },
    forEach(fn) { let i = 0; for (const x of { [Symbol.iterator]: () => this }) fn(x, i++); },
    some(fn) { let i = 0; for (const x of { [Symbol.iterator]: () => this }) if (fn(x, i++)) return true; return false; },
    every(fn) { let i = 0; for (const x of { [Symbol.iterator]: () => this }) if (!fn(x, i++)) return false; return true; },
    find(fn) { let i = 0; for (const x of { [Symbol.iterator]: () => this }) if (fn(x, i++)) return x; return undefined; },
  };
  for (const [name, fn] of Object.entries(iteratorHelpers)) {
    if (!IteratorPrototype[name]) Object.defineProperty(IteratorPrototype, name, { value: fn, writable: true, configurable: true });
  }
  delete Math.random;
  Object.defineProperty(Math, 'random', {
    enumerable: false,
    configurable: true,
    get() { throw new TypeError('Math.random is not available in SpacetimeDB modules. Use ctx.random instead.'); },
  });
})();
`;

const encoder = new TextEncoder();
const decoders = { lenient: new TextDecoder('utf-8'), fatal: new TextDecoder('utf-8', { fatal: true }) };

/** A module evaluated in its own context. */
export interface EvaluatedModule {
  /** The module's exports as an ES module namespace lists them (sorted by name: reducer ids follow that order). */
  exports: Record<string, unknown>;
  /** The context's own DataView: views handed to the module pass its `instanceof DataView` checks. */
  DataView: DataViewConstructor;
  /** Runs `body` (which calls into the module), stopping the module's code after `ms`: see `TimedCall`. */
  runTimed: TimedCall;
}

/**
 * Runs `body`, stopping whatever JavaScript it runs (the module's code included) once `ms` have passed; then it
 * throws `ModuleTimeoutError`. The module cannot catch that (V8 terminates it), so none of its code runs after.
 */
export type TimedCall = <T>(ms: number, body: () => T) => T;

/** What a timed call throws when the module's code ran past its time. */
export class ModuleTimeoutError extends Error {
  override name = 'ModuleTimeoutError';
}

/**
 * Evaluates a bundled module in a fresh V8 context of its own: the module's globals (it replaces
 * `console`) never touch the host's, and each instance has its own syscall tables.
 */
export function evaluateModule(
  code: string,
  entry: string,
  syscalls: { '2.0': object; '2.1': object },
): EvaluatedModule {
  const context = vm.createContext(
    {
      [SYSCALLS_GLOBAL]: syscalls,
      __lta_host: {
        encode: (s: string) => encoder.encode(s),
        decode: (bytes: Uint8Array, fatal: boolean) => (fatal ? decoders.fatal : decoders.lenient).decode(bytes),
      },
    },
    { name: entry },
  );
  vm.runInContext(PRELUDE, context, { filename: 'internal:prelude.js' });
  let exports: Record<string, unknown> | undefined;
  try {
    exports = vm.runInContext(withBuiltinsAsLocals(code), context, { filename: entry }) as
      Record<string, unknown> | undefined;
  } catch (error) {
    throw new ModuleLoadError(entry, `evaluating the module threw: ${describeThrown(error)}`, { cause: error });
  }
  if (!exports) throw new ModuleLoadError(entry, 'the bundle did not produce module exports');
  // Node's vm timeout stops the isolate's JavaScript, whichever context it is in, while this one script runs.
  const timed = { body: (): unknown => undefined };
  Object.defineProperty(context, '__lta_timed', { value: timed, enumerable: false });
  const timedScript = new vm.Script('__lta_timed.body()', { filename: 'internal:timed-call.js' });
  const runTimed: TimedCall = <T>(ms: number, body: () => T): T => {
    timed.body = body;
    try {
      return timedScript.runInContext(context, { timeout: ms }) as T;
    } catch (error) {
      if ((error as { code?: string }).code === 'ERR_SCRIPT_EXECUTION_TIMEOUT')
        throw new ModuleTimeoutError(`stopped after ${ms} ms`);
      throw error;
    } finally {
      timed.body = () => undefined;
    }
  };
  return {
    exports: Object.fromEntries(
      Object.keys(exports)
        .sort()
        .map((key) => [key, exports[key]]),
    ),
    DataView: vm.runInContext('DataView', context) as DataViewConstructor,
    runTimed,
  };
}

/**
 * Builtins the module runtime reaches for on every call (BigInt in each u128/u256, DataView, typed arrays, ...).
 * In a `vm` context every global lookup goes through Node's interceptor on the context's global object, which
 * costs hundreds of nanoseconds; as parameters of a function wrapping the bundle they are plain local reads.
 * They are bound once, after the prelude: a module that later reassigns one of these globals keeps seeing the
 * original through a bare name (no SpacetimeDB module has a reason to replace a language builtin).
 */
const BUILTINS_AS_LOCALS = [
  'Array',
  'ArrayBuffer',
  'BigInt',
  'BigInt64Array',
  'BigUint64Array',
  'Boolean',
  'DataView',
  'Date',
  'Error',
  'FinalizationRegistry',
  'Float32Array',
  'Float64Array',
  'Int16Array',
  'Int32Array',
  'Int8Array',
  'JSON',
  'Map',
  'Math',
  'Number',
  'Object',
  'Promise',
  'Proxy',
  'RangeError',
  'Reflect',
  'RegExp',
  'Set',
  'String',
  'Symbol',
  'SyntaxError',
  'TextDecoder',
  'TextEncoder',
  'TypeError',
  'Uint16Array',
  'Uint32Array',
  'Uint8Array',
  'WeakMap',
  'WeakRef',
  'WeakSet',
].join(', ');

/**
 * The bundle as one function call over the builtins, evaluating to the module's exports (the bundle's
 * `var ${MODULE_GLOBAL}` becomes a local of that function). The wrapper opens on the bundle's first line, so
 * line numbers in stack traces and the inline source map stay right.
 */
function withBuiltinsAsLocals(code: string): string {
  return `(function (${BUILTINS_AS_LOCALS}) {${code}\n;return typeof ${MODULE_GLOBAL} === 'undefined' ? undefined : ${MODULE_GLOBAL};\n})(${BUILTINS_AS_LOCALS});`;
}

/** A readable description of anything a module threw (errors from another context fail `instanceof Error`). */
export function describeThrown(thrown: unknown): string {
  if (thrown && typeof thrown === 'object' && 'message' in thrown) {
    const name = 'name' in thrown && typeof thrown.name === 'string' ? thrown.name : 'Error';
    return `${name}: ${String(thrown.message)}`;
  }
  return String(thrown);
}
