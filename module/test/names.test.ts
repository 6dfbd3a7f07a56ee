import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cp, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startHost } from '@lta/host';
import { connect, eventually, useAcademy, type Client } from './support/academy.js';
import { FIRST_LAB, passingState } from './support/labs.js';

const academy = useAcademy();

const CHAT_NAMES =
  "SELECT learner_name.* FROM learner_name JOIN chat_author ON learner_name.identity = chat_author.learner WHERE chat_author.channel = 'global'";
const PRESENCE_NAMES =
  'SELECT learner_name.* FROM learner_name JOIN presence ON learner_name.identity = presence.learner WHERE presence.online = true';

/** Counts the learner_name rows a client is sent (inserts, deletes and updates alike). */
function countNameRows(client: Client): () => number {
  let rows = 0;
  const count = () => rows++;
  client.conn.db.learnerName.onInsert(count);
  client.conn.db.learnerName.onDelete(count);
  client.conn.db.learnerName.onUpdate?.(count);
  return () => rows;
}

test("the chat names a channel's authors once, however many messages they write, and follows a rename", async () => {
  const ada = await academy.learner('ada');
  const watcher = await academy.visitor();
  await watcher.subscribe("SELECT * FROM channel_message WHERE channel = 'global'", CHAT_NAMES);
  const sent = countNameRows(watcher);
  await ada.conn.reducers.sendMessage({ channel: 'global', text: 'first' });
  await eventually(() => watcher.conn.db.learnerName.identity.find(ada.identity)?.username === 'ada', "ada's name");
  assert.equal(sent(), 1);
  await ada.conn.reducers.sendMessage({ channel: 'global', text: 'second' });
  await ada.conn.reducers.sendMessage({ channel: `lab:${FIRST_LAB.id}`, text: 'elsewhere' });
  await eventually(
    () => [...watcher.conn.db.channelMessage.iter()].some((row) => row.text === 'second'),
    'the second message',
  );
  await ada.conn.reducers.updateProfile({ displayName: 'Ada L.', avatarUrl: '' });
  await eventually(
    () => watcher.conn.db.learnerName.identity.find(ada.identity)?.displayName === 'Ada L.',
    'the new name',
  );
  assert.equal(sent(), 2, 'the second message sent no name; the rename sent it once');
});

test('an XP gain sends no name to the presence list or the chat', async () => {
  const star = await academy.learner('star');
  const watcher = await academy.visitor();
  await star.conn.reducers.sendMessage({ channel: 'global', text: 'hi' });
  await watcher.subscribe(CHAT_NAMES, PRESENCE_NAMES, 'SELECT * FROM learner WHERE xp > 0');
  await eventually(() => watcher.conn.db.learnerName.identity.find(star.identity)?.username === 'star', "star's name");
  const sent = countNameRows(watcher);
  await star.conn.reducers.startLab({ labId: FIRST_LAB.id });
  await star.conn.reducers.completeLab({ labId: FIRST_LAB.id, snapshot: await passingState(FIRST_LAB) });
  await eventually(
    () => watcher.conn.db.learner.identity.find(star.identity)?.xp === BigInt(FIRST_LAB.xp),
    'the XP gain',
  );
  assert.equal(sent(), 0);
});

test("a role shows beside the name: learner_name follows the learner's role", async () => {
  const owner = await academy.visitor(academy.host.publisherToken);
  await owner.conn.reducers.registerUser({ username: 'boss', displayName: '', timeZone: 'UTC' });
  const mod = await academy.learner('modest');
  await owner.conn.reducers.setRole({ username: 'modest', role: 'moderator' });
  await owner.subscribe('SELECT * FROM learner_name');
  await eventually(
    () => owner.conn.db.learnerName.identity.find(mod.identity)?.role === 'moderator',
    'the moderator role',
  );
});

/** This module as it was before `learner_name` and `chat_author`: without the tables, writing nothing to them. */
async function moduleBeforeNames(root: string): Promise<string> {
  const repo = fileURLToPath(new URL('../..', import.meta.url));
  await cp(join(repo, 'module', 'src'), join(root, 'module', 'src'), { recursive: true });
  for (const file of ['module/package.json', 'module/tsconfig.json', 'tsconfig.base.json'])
    await cp(join(repo, file), join(root, file));
  for (const link of ['labs', 'node_modules']) await symlink(join(repo, link), join(root, link));
  const edit = async (file: string, edits: [string, string][]) => {
    let source = await readFile(join(root, 'module', 'src', file), 'utf8');
    for (const [from, to] of edits) {
      assert.ok(source.includes(from), `module/src/${file} has ${from}`);
      source = source.replace(from, to);
    }
    await writeFile(join(root, 'module', 'src', file), source);
  };
  // The entries of the schema() call, not the import lists above it.
  await edit('schema.ts', [
    ['  learner,\n  learner_name,\n', '  learner,\n'],
    ['  channel_message,\n  chat_author,\n', '  channel_message,\n'],
  ]);
  await edit('domain/names.ts', [
    ['export function publishName(ctx: Ctx, learner: Learner): void {', '$&\n  if (ctx) return;'],
    ['export function noteAuthor(ctx: Ctx, learner: Identity, channel: string): void {', '$&\n  if (ctx) return;'],
    ['export function fillNamesIfMissing(ctx: Ctx): void {', '$&\n  if (ctx) return;'],
  ]);
  // The online list came later still, and is filled from names.
  await edit('domain/presence.ts', [
    ['function listOnline(ctx: Ctx, learner: Identity, online: boolean): void {', '$&\n  if (ctx) return;'],
  ]);
  return join(root, 'module');
}

test('an academy updated to this version names its learners and chat authors from the first connection on', async () => {
  const root = await mkdtemp(join(tmpdir(), 'lta-names-'));
  const host = await startHost({
    moduleDir: await moduleBeforeNames(root),
    port: 0,
    log: false,
    dataDir: join(root, 'data'),
  });
  try {
    const ada = await connect(host);
    await ada.conn.reducers.registerUser({ username: 'ada', displayName: 'Ada', timeZone: 'UTC' });
    await ada.conn.reducers.sendMessage({ channel: 'global', text: 'before the update' });
    await host.publish({ moduleDir: fileURLToPath(new URL('..', import.meta.url)) });
    const visitor = await connect(host);
    // Through chat_author: ada's name arrives only if her message before the update counts her as an author.
    await visitor.subscribe(CHAT_NAMES);
    await eventually(
      () => visitor.conn.db.learnerName.identity.find(ada.identity)?.displayName === 'Ada',
      "ada's name in the chat",
    );
    await visitor.close();
  } finally {
    await host.close();
    await rm(root, { recursive: true, force: true });
  }
});
