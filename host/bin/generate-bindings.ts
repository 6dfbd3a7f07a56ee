// Writes (or with --check, verifies) the client bindings of a module, like `spacetime generate --lang typescript`.
// Usage: node --import tsx host/bin/generate-bindings.ts [--module module] [--out src/bindings] [--check]
import { parseArgs } from 'node:util';
import { compareBindings, generateBindingsFor, writeBindings } from '../src/codegen/index.js';

const { values } = parseArgs({
  options: {
    module: { type: 'string', default: 'module' },
    out: { type: 'string', default: 'src/bindings' },
    check: { type: 'boolean', default: false },
  },
});

try {
  const files = await generateBindingsFor(values.module);
  if (values.check) {
    const problems = await compareBindings(files, values.out);
    if (problems.length > 0) {
      console.error(
        `Bindings in ${values.out} are out of date with ${values.module} (run without --check to regenerate):`,
      );
      for (const p of problems) console.error(`  ${p}`);
      process.exitCode = 1;
    } else {
      console.log(`Bindings in ${values.out} are up to date (${files.length} files).`);
    }
  } else {
    await writeBindings(files, values.out);
    console.log(`Wrote ${files.length} files to ${values.out}.`);
  }
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = 1;
}
