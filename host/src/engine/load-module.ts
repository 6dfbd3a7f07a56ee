import type { Engine, LoadModuleOptions } from './types.js';

/**
 * Bundles the module the way `spacetime build` does, evaluates it in its own context and returns an engine
 * over an empty datastore. Rejects with a `ModuleLoadError` naming the file and cause.
 */
export async function loadModule(options: LoadModuleOptions): Promise<Engine> {
  throw new Error(`loadModule(${options.moduleDir ?? 'module'}): not implemented yet`);
}
