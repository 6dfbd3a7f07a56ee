/**
 * The contract between the module and the widgets is typed end to end: a table, column or reducer renamed in the
 * module, with the bindings regenerated, fails the type-check of every widget that uses it. Runs on a scratch copy
 * of `module/src` and `src/` (in `.tmp/`, so packages resolve through the repository's node_modules): first
 * unchanged (it must type-check), then with three renames.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const root = fileURLToPath(new URL('../..', import.meta.url));
const run = promisify(execFile);

/** Renames in the module's source: a reducer, a view, and a column of the `learner` table. */
const RENAMES: [RegExp, string][] = [
  [/\bsend_message\b/g, 'post_message'],
  [/\bonline_count\b/g, 'online_total'],
  [/\bdisplay_name\b/g, 'shown_name'],
];

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts'))
    .map((entry) => join(entry.parentPath, entry.name));
}

/** Regenerates the copy's bindings from its module and type-checks its widgets; the compiler's errors, or ''. */
async function regenerateAndCheck(copy: string): Promise<string> {
  await run(
    process.execPath,
    [
      '--import',
      'tsx',
      'host/bin/generate-bindings.ts',
      '--module',
      join(copy, 'module'),
      '--out',
      join(copy, 'src/bindings'),
    ],
    { cwd: root },
  );
  try {
    await run(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', join(copy, 'tsconfig.json')], {
      cwd: root,
      maxBuffer: 16 * 1024 * 1024,
    });
    return '';
  } catch (error) {
    return String((error as { stdout?: string }).stdout ?? error);
  }
}

test(
  'renaming a reducer, a view or a column in the module fails the type-check of each widget that uses it',
  { timeout: 600_000 },
  async () => {
    await mkdir(join(root, '.tmp'), { recursive: true });
    const copy = await mkdtemp(join(root, '.tmp/typed-contract-'));
    try {
      await cp(join(root, 'module/src'), join(copy, 'module/src'), { recursive: true });
      await cp(join(root, 'module/package.json'), join(copy, 'module/package.json'));
      await cp(join(root, 'src'), join(copy, 'src'), {
        recursive: true,
        filter: (source) => !source.endsWith('.test.ts'),
      });
      const base = relative(copy, join(root, 'tsconfig.json'));
      await writeFile(
        join(copy, 'tsconfig.json'),
        JSON.stringify({ extends: base, compilerOptions: { types: [] }, include: ['src'] }),
      );

      assert.equal(await regenerateAndCheck(copy), '', 'the unchanged copy type-checks');

      for (const file of await filesUnder(join(copy, 'module/src'))) {
        const text = await readFile(file, 'utf8');
        const renamed = RENAMES.reduce((current, [from, to]) => current.replace(from, to), text);
        if (renamed !== text) await writeFile(file, renamed);
      }
      const errors = await regenerateAndCheck(copy);
      const failing = (file: string, name: string) =>
        assert.match(
          errors,
          new RegExp(`^\\S*/src/${file}\\(\\d+,\\d+\\): error TS\\d+: .*${name}`, 'm'),
          `${file} fails on ${name}:\n${errors}`,
        );
      failing('components/chat/composer.ts', 'sendMessage');
      failing('components/presence/presence.ts', 'onlineCount');
      failing('components/profile/profile-form.ts', 'displayName');
    } finally {
      await rm(copy, { recursive: true, force: true });
    }
  },
);
