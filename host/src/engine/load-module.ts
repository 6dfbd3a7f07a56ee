import { createHash } from 'node:crypto';
import { keccak_256 } from '@noble/hashes/sha3.js';
import { decodeModuleDef } from '../schema/decode-module-def.js';
import { catalogOf } from '../server/catalog.js';
import { RowLevelSecurity } from '../sql/row-level-security.js';
import { bundleModule } from './bundle-module.js';
import { describeThrown, evaluateModule } from './module-context.js';
import { ModuleEngine, type ModuleHooks } from './module-engine.js';
import { ModuleLoadError } from './module-load-error.js';
import { makeSyscalls } from './syscalls.js';
import { typeCheckModule } from './type-check-module.js';
import type { Engine, LoadModuleOptions, ModuleLogger } from './types.js';

// Captured at import: modules run in contexts of their own, but keep the host's console explicitly anyway.
const hostConsole = globalThis.console;

const consoleLogger: ModuleLogger = ({ level, message, databaseName }) => {
  const line = `[${databaseName}] ${message}`;
  if (level === 'error' || level === 'panic') hostConsole.error(line);
  else if (level === 'warn') hostConsole.warn(line);
  else if (level === 'debug' || level === 'trace') hostConsole.debug(line);
  else hostConsole.info(line);
};

/** A stable identity for a database without one: 32 bytes of SHA-256 of its name, as a u256. */
const identityFromName = (name: string): bigint =>
  BigInt(`0x${createHash('sha256').update(`lta-database:${name}`).digest('hex')}`);

/**
 * Bundles the module the way `spacetime build` does (type-checking it first when `typeCheck` is set), evaluates it in its own context and returns an engine
 * over an empty datastore. Rejects with a `ModuleLoadError` naming the file and cause.
 */
export async function loadModule(options: LoadModuleOptions): Promise<Engine> {
  if (options.typeCheck && !options.program) await typeCheckModule(options.moduleDir ?? 'module');
  const { entry, code } = options.program ?? (await bundleModule(options.moduleDir ?? 'module'));
  const engine = new ModuleEngine(
    options.databaseName,
    options.databaseIdentity ?? identityFromName(options.databaseName),
    options.log ?? consoleLogger,
    // SpacetimeDB names a program by the Keccak-256 of its bytes (`hash_bytes`, `Program::from_bytes`).
    keccak_256(new TextEncoder().encode(code)),
    options.allowHttpTo,
  );
  const syscalls = makeSyscalls(engine);
  const { exports, DataView: ModuleDataView, runTimed } = evaluateModule(code, entry, syscalls);
  const defaultExport = exports.default as Record<symbol, unknown> | undefined;
  const makeHooks = defaultExport?.[syscalls['2.0'].moduleHooks as symbol];
  if (typeof makeHooks !== 'function') {
    throw new ModuleLoadError(
      entry,
      'the module has no default export from schema(...) (`export default spacetimedb`)',
    );
  }
  let hooks: ModuleHooks;
  try {
    hooks = makeHooks.call(defaultExport, exports) as ModuleHooks;
  } catch (error) {
    throw new ModuleLoadError(entry, `registering the module's exports threw: ${describeThrown(error)}`, {
      cause: error,
    });
  }
  try {
    engine.attach(decodeModuleDef(hooks.__describe_module__()), hooks, ModuleDataView, runTimed);
    // Compiled here only to refuse what SpacetimeDB refuses at publish; the server compiles them again to use them.
    new RowLevelSecurity(engine.def.rowLevelSecurity, catalogOf(engine));
  } catch (error) {
    throw new ModuleLoadError(entry, `the module's definition is invalid: ${describeThrown(error)}`, { cause: error });
  }
  return engine;
}
