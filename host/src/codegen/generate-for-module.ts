import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { loadModule } from '../engine/index.js';
import { generateTypeScript, type OutputFile } from './generate-typescript.js';

/** Stands where the CLI writes its git commit: these bindings come from the host's generator. */
const GENERATOR = 'lta-host codegen';

/** The installed `spacetimedb` version: what the bindings declare as `cliVersion`. */
async function sdkVersion(): Promise<string> {
  const entry = createRequire(import.meta.url).resolve('spacetimedb');
  let dir = path.dirname(entry);
  while (path.basename(dir) !== 'spacetimedb' && dir !== path.dirname(dir)) dir = path.dirname(dir);
  const pkg = JSON.parse(await readFile(path.join(dir, 'package.json'), 'utf8')) as { version: string };
  return pkg.version;
}

/** Loads the module in `moduleDir` (module logs are dropped) and generates its TypeScript client bindings. */
export async function generateBindingsFor(moduleDir: string): Promise<OutputFile[]> {
  const engine = await loadModule({ moduleDir, databaseName: 'codegen', log: () => {} });
  return generateTypeScript(engine.def, { cliVersion: await sdkVersion(), commit: GENERATOR });
}
