/**
 * Client bindings for a module, as `spacetime generate --lang typescript` writes them.
 *
 * @example
 * const engine = await loadModule({ moduleDir: 'module', databaseName: 'codegen' });
 * await writeBindings(generateTypeScript(engine.def, { cliVersion: '2.10.1', commit: '...' }), 'src/bindings');
 */
export { generateTypeScript, type GenerateOptions, type OutputFile } from './generate-typescript.js';
export { compareBindings, writeBindings } from './write-bindings.js';
export { generateBindingsFor } from './generate-for-module.js';
