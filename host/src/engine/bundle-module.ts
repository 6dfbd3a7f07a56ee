import { existsSync } from 'node:fs';
import path from 'node:path';
import { build, type Message, type Plugin } from 'esbuild';
import { ModuleLoadError } from './module-load-error.js';

/** The global through which the bundle reaches the host's syscall tables (`spacetime:sys@2.0`, `@2.1`). */
export const SYSCALLS_GLOBAL = '__lta_sys';
/** The global the bundle assigns its module namespace (exports) to. */
export const MODULE_GLOBAL = '__lta_module';

// `spacetime:sys@*` are virtual modules the host provides; resolve them to the host's per-instance tables.
const provideSyscalls: Plugin = {
  name: 'spacetime-sys',
  setup(b) {
    b.onResolve({ filter: /^spacetime:sys@/ }, (args) => ({ path: args.path, namespace: 'spacetime-sys' }));
    b.onLoad({ filter: /.*/, namespace: 'spacetime-sys' }, (args) => {
      const version = args.path.slice('spacetime:sys@'.length);
      return { contents: `module.exports = globalThis.${SYSCALLS_GLOBAL}[${JSON.stringify(version)}];`, loader: 'js' };
    });
  },
};

const describe = (m: Message): string =>
  m.location ? `${m.location.file}:${m.location.line}:${m.location.column + 1}: ${m.text}` : m.text;

/**
 * Bundles `<moduleDir>/src/index.ts` as `spacetime build` does (one file, every dependency inlined,
 * `spacetime:sys@*` provided by the host), as a script that assigns the module's exports to `MODULE_GLOBAL`.
 * Target ES2022 lowers `using`, which Node 20 lacks. Throws `ModuleLoadError` naming the file at fault.
 */
export async function bundleModule(moduleDir: string): Promise<{ entry: string; code: string }> {
  const entry = path.resolve(moduleDir, 'src', 'index.ts');
  if (!existsSync(entry)) {
    throw new ModuleLoadError(entry, 'module entry point not found (a module folder needs src/index.ts)');
  }
  try {
    const result = await build({
      entryPoints: [entry],
      bundle: true,
      write: false,
      format: 'iife',
      globalName: MODULE_GLOBAL,
      platform: 'browser',
      target: 'es2022',
      logLevel: 'silent',
      sourcemap: 'inline',
      plugins: [provideSyscalls],
    });
    return { entry, code: result.outputFiles[0]!.text };
  } catch (error) {
    const errors = (error as { errors?: Message[] }).errors;
    if (!errors?.length) throw new ModuleLoadError(entry, `bundling failed: ${String(error)}`, { cause: error });
    const first = errors[0]!;
    const file = first.location ? path.resolve(first.location.file) : entry;
    throw new ModuleLoadError(file, `bundling failed: ${errors.map(describe).join('; ')}`, { cause: error });
  }
}
