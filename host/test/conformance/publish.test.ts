/**
 * `spacetime publish` against this host: `lta-host publish` (the CLI's steps: pre_publish, then the upload) and the
 * routes it uses, `PUT /v1/database/:name`, `POST .../pre_publish`, `PUT .../reset`, with SpacetimeDB's answers.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { cp, mkdtemp, readFile, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bundleModule } from '../../src/engine/bundle-module.js';
import { REPO_ROOT, type RunningHost } from '../../src/index.js';
import { conformanceModule, ltaHost as runLtaHost, startConformanceHost } from './support.js';

let host: RunningHost;
before(async () => {
  // Kept on disk, as a published database is: an update reopens the data with the new module.
  host = await startConformanceHost('procedures', { dataDir: await mkdtemp(join(tmpdir(), 'lta-publish-data-')) });
});
after(() => host.close());

/** `lta-host ARGS` against this test's host, as its owner. */
const ltaHost = (...args: string[]) => runLtaHost(...args, '--server', host.url, '--token', host.publisherToken);

/** A copy of the procedures module with `change` applied to its source, as a developer edits it before publishing. */
async function editedModule(change: (source: string) => string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'lta-publish-'));
  await cp(conformanceModule('procedures'), dir, { recursive: true });
  await symlink(join(REPO_ROOT, 'node_modules'), join(dir, 'node_modules'));
  const file = join(dir, 'src', 'index.ts');
  await writeFile(file, change(await readFile(file, 'utf8')));
  return dir;
}

const sql = async (query: string) => {
  const response = await fetch(`${host.url}/v1/database/procedures/sql`, {
    method: 'POST',
    body: query,
    headers: { authorization: `Bearer ${host.publisherToken}` },
  });
  return { status: response.status, body: await response.text() };
};

const withNoteTable = (source: string) =>
  source
    .replace(
      'const spacetimedb = schema({ counter, job });',
      'const note = table({ public: true }, { id: t.u32().primaryKey(), text: t.string() });\nconst spacetimedb = schema({ counter, job, note });',
    )
    .concat(
      '\nexport const addNote = spacetimedb.reducer({ id: t.u32(), text: t.string() }, (ctx, row) => { ctx.db.note.insert(row); });\n',
    );

test('publish migrates automatically: the plan is shown, the data kept, the new table and reducer live', async () => {
  assert.equal((await ltaHost('call', 'procedures', 'bump_twice', '"kept"')).code, 0);
  const published = await ltaHost('publish', 'procedures', '--module', await editedModule(withNoteTable));
  assert.equal(published.code, 0, published.stderr);
  assert.match(
    published.stdout,
    /Checking for breaking changes\.\.\.\n[\s\S]*note[\s\S]*Publishing module\.\.\.\nUpdated database with name: procedures, identity: [0-9a-f]{64}\n$/,
  );
  assert.equal((await ltaHost('call', 'procedures', 'add_note', '1', '"hello"')).code, 0);
  assert.match((await sql('SELECT * FROM note')).body, /hello/);
  assert.match((await sql("SELECT * FROM counter WHERE name = 'kept'")).body, /"kept"/);
});

test('an update that needs a manual migration is refused and changes nothing; --clear-database starts over', async () => {
  const dropped = await editedModule((source) =>
    withNoteTable(source).replace('    value: t.u64(),\n', '    value: t.u64(),\n    label: t.string(),\n'),
  );
  const refused = await ltaHost('publish', 'procedures', '--module', dropped);
  assert.equal(refused.code, 1);
  assert.match(refused.stderr, /counter[\s\S]*Aborting publish due to required manual migration/);
  assert.match((await sql("SELECT * FROM counter WHERE name = 'kept'")).body, /"kept"/);
  const cleared = await ltaHost('publish', 'procedures', '--module', dropped, '--clear-database');
  assert.equal(cleared.code, 0, cleared.stderr);
  assert.doesNotMatch((await sql('SELECT * FROM counter')).body, /"kept"/);
});

test("only the owner may publish, reset or delete, in SpacetimeDB's words; other refusals say what to do", async () => {
  const program = (await bundleModule(conformanceModule('procedures'))).code;
  const put = (path: string, init: RequestInit = {}) =>
    fetch(`${host.url}/v1/database/procedures${path}`, { method: 'PUT', body: program, ...init });
  const stranger = await put('?host_type=Js');
  assert.equal(stranger.status, 403);
  assert.match(
    await stranger.text(),
    /^[0-9a-f]{64} is not authorized to perform action on database [0-9a-f]{64}: update database$/,
  );
  const reset = await put('/reset?host_type=Js');
  assert.equal([reset.status, (await reset.text()).endsWith(': reset database')].join(), '403,true');
  const owner = { authorization: `Bearer ${host.publisherToken}` };
  const wasm = await put('', { headers: owner });
  assert.equal(wasm.status, 400);
  assert.match(await wasm.text(), /JavaScript modules only \(host_type=Js\), not host_type=Wasm/);
  const broken = await put('?host_type=Js', { headers: owner, body: 'export default {' });
  assert.equal(broken.status, 400);
  assert.match(await broken.text(), /^Failed to create or update the database: /);
  assert.equal((await sql('SELECT COUNT(*) AS n FROM counter')).status, 200, 'the database still serves its module');
  const deleted = await ltaHost('delete', 'procedures');
  assert.equal(deleted.code, 1);
  assert.match(
    deleted.stderr,
    /400 Bad Request: This host serves exactly one database and cannot delete it while running/,
  );
  const created = await fetch(`${host.url}/v1/database`, { method: 'POST', body: program, headers: owner });
  assert.deepEqual(
    [created.status, await created.text()],
    [
      400,
      'This host serves one database, procedures: publish to it by name (PUT /v1/database/procedures, `spacetime publish procedures`)',
    ],
  );
});
