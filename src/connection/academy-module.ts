/**
 * The academy module's client bindings, generated from `module/` into `src/bindings/` (the same files
 * `spacetime generate --lang typescript` writes): rows and reducer arguments use camelCase field names, SQL
 * uses the module's snake_case names.
 */
export { DbConnection } from '../bindings/index.js';
