import { rmSync } from 'node:fs';
import { mkdtemp, mkdir, readFile, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The ledger test module's folder. */
export const LEDGER_MODULE = fileURLToPath(new URL('../durability/fixtures/ledger', import.meta.url));
const NODE_MODULES = fileURLToPath(new URL('../../../node_modules', import.meta.url));

/**
 * Writes a changed copy of the ledger module to a temporary folder (each edit replaces one exact piece of
 * its source, which must be present) and returns the folder: a module "published again" with changes.
 */
export async function ledgerVariant(edits: readonly [from: string, to: string][]): Promise<string> {
  let source = await readFile(join(LEDGER_MODULE, 'src', 'index.ts'), 'utf8');
  for (const [from, to] of edits) {
    if (!source.includes(from)) throw new Error(`the ledger module has no ${JSON.stringify(from)} to change`);
    source = source.replace(from, to);
  }
  const root = await mkdtemp(join(tmpdir(), 'lta-variant-'));
  process.once('exit', () => rmSync(root, { recursive: true, force: true }));
  await symlink(NODE_MODULES, join(root, 'node_modules'));
  await mkdir(join(root, 'ledger', 'src'), { recursive: true });
  await writeFile(join(root, 'ledger', 'src', 'index.ts'), source);
  return join(root, 'ledger');
}
