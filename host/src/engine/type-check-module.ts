import { existsSync } from 'node:fs';
import path from 'node:path';
import { ModuleLoadError } from './module-load-error.js';
import type { CompilerOptions } from 'typescript';

/**
 * Type-checks a module folder the way `spacetime build` does before bundling (`tsc --noEmit` with the folder's
 * tsconfig.json; without one, strict defaults on src/index.ts). Throws a `ModuleLoadError` naming the first
 * error's file, line and column, and how many errors there are.
 */
export async function typeCheckModule(moduleDir: string): Promise<void> {
  const ts = (await import('typescript')).default;
  const dir = path.resolve(moduleDir);
  const configPath = path.join(dir, 'tsconfig.json');
  let rootNames = [path.join(dir, 'src', 'index.ts')];
  let options: CompilerOptions = {
    strict: true,
    noEmit: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    skipLibCheck: true,
  };
  if (existsSync(configPath)) {
    const parsed = ts.getParsedCommandLineOfConfigFile(
      configPath,
      {},
      { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} },
    );
    if (parsed) {
      rootNames = parsed.fileNames;
      options = { ...parsed.options, noEmit: true };
    }
  }
  const program = ts.createProgram(rootNames, options);
  const errors = ts.getPreEmitDiagnostics(program).filter((d) => d.category === ts.DiagnosticCategory.Error);
  const first = errors[0];
  if (!first) return;
  const text = ts.flattenDiagnosticMessageText(first.messageText, ' ');
  const more = errors.length > 1 ? ` (and ${errors.length - 1} more type errors)` : '';
  if (first.file && first.start !== undefined) {
    const { line, character } = first.file.getLineAndCharacterOfPosition(first.start);
    throw new ModuleLoadError(first.file.fileName, `type error at ${line + 1}:${character + 1}: ${text}${more}`);
  }
  throw new ModuleLoadError(path.join(dir, 'src', 'index.ts'), `type error: ${text}${more}`);
}
