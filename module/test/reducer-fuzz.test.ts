/**
 * Every reducer called by hand with odd arguments, as a learner with the SDK open in the browser's console could:
 * each call commits or is refused with a SenderError a learner can read (never an internal error), and afterwards
 * the callers gained nothing (no XP, no staff role, no published lab), stored no more than a few bytes a call, and
 * another learner's lab state, sanctions and role are as they were. The arguments are drawn from the bindings'
 * reducer types: ids and names that exist, and empty, huge, Unicode, markup and JSON text. `LTA_REDUCER_FUZZ_SEED`
 * and `LTA_REDUCER_FUZZ_CALLS` replay or lengthen a run.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { reducers } from '../../src/bindings/index.js';
import { SeededRandom } from '../../host/test/seeded-random.js';
import { eventually, useAcademy, type Client } from './support/academy.js';
import { FIRST_LAB, LOCKED_LAB, stateAfter } from './support/labs.js';

const SEED = Number(process.env['LTA_REDUCER_FUZZ_SEED'] ?? 1);
const CALLS = Number(process.env['LTA_REDUCER_FUZZ_CALLS'] ?? 400);

const academy = useAcademy(
  'SELECT * FROM learner',
  'SELECT * FROM lab',
  'SELECT * FROM my_lab_sessions',
  'SELECT * FROM my_sanction',
  "SELECT * FROM channel_message WHERE channel = 'global'",
);

/** Longer than any text a reducer keeps, and under the host's largest message. */
const HUGE_TEXT = 'y'.repeat(200_000);
/** Text a caller may send in any string argument. */
const ODD_TEXT = [
  '',
  ' ',
  'x'.repeat(65),
  'x'.repeat(5_000),
  HUGE_TEXT,
  '\u0000',
  '\u202etxt.exe',
  'ｂｏｂ',
  'Ьob',
  '🙂'.repeat(40),
  '<script>alert(1)</script>',
  "'; DELETE FROM learner; --",
  '__proto__',
  'constructor',
  '{}',
  '[]',
  'null',
  '{"version":1,"files":{}}',
  '{"id":"evil","title":"Evil","steps":[]}',
  'lti:course',
  'Not/A_Zone',
];

interface Caller {
  name: string;
  client: Client;
}

test(`every reducer called with odd arguments commits or is refused with a SenderError, and nobody gains anything (seed ${SEED})`, async () => {
  const random = new SeededRandom(SEED);
  const bob = await academy.learner('bob');
  await bob.conn.reducers.startLab({ labId: FIRST_LAB.id });
  const bobsState = await stateAfter(FIRST_LAB, ['cd /tmp']);
  await bob.conn.reducers.saveLabState({ labId: FIRST_LAB.id, snapshot: bobsState });
  await bob.conn.reducers.sendMessage({ channel: 'global', text: 'hello from bob' });
  const callers: Caller[] = [];
  for (const name of ['mallory', 'eve', 'trudy']) callers.push({ name, client: await academy.learner(name) });
  callers.push({ name: 'a visitor', client: await academy.visitor() });
  const unfinished = await stateAfter(FIRST_LAB, []);
  const labsBefore = [...bob.conn.db.lab.iter()].map((lab) => lab.id).sort();

  // Values that reach past the first checks: what exists in this academy.
  const messageIds = () => [...bob.conn.db.channel_message.iter()].map((message) => message.id);
  const stringsFor = (param: string): string[] => {
    const real: Record<string, string[]> = {
      labId: [FIRST_LAB.id, LOCKED_LAB.id, 'no-such-lab'],
      snapshot: [unfinished, bobsState],
      channel: ['global', 'staff', 'lti:course'],
      username: ['bob', 'mallory', 'admin'],
      toUsername: ['bob', 'eve', 'nobody'],
      role: ['admin', 'moderator', 'author', 'learner', 'instructor'],
      timeZone: ['UTC', 'Europe/Paris'],
      currentLab: [FIRST_LAB.id, ''],
      avatarUrl: ['https://example.com/a.png', 'javascript:alert(1)', 'data:image/png;base64,AAAA'],
      definition: [JSON.stringify({ ...FIRST_LAB, id: 'forged-lab', title: 'Forged' })],
      name: ['registration_open', 'cohort_issuer', 'motd'],
    };
    return real[param] ?? ['hello'];
  };
  /** A value for an argument; `real` for one that exists in this academy (strings and ids). */
  const valueOf = (param: string, tag: string, real = false): unknown => {
    switch (tag) {
      case 'String':
        return real || random.chance(0.5) ? random.pick(stringsFor(param)) : random.pick(ODD_TEXT);
      case 'Bool':
        return random.chance(0.5);
      case 'U32':
        return random.pick([0, 1, 5, 60, 10_080, 0xffffffff]);
      case 'U64':
        return (real || random.chance(0.6)) && messageIds().length > 0
          ? random.pick(messageIds())
          : random.pick([0n, 1n, 2n, 999n, 2n ** 64n - 1n]);
      default:
        throw new Error(`no values for a ${tag} argument (${param}): add them to the fuzzer`);
    }
  };

  const schemas = Object.values(reducers) as unknown as {
    accessorName: string;
    paramsType: { elements: { name: string; algebraicType: { tag: string } }[] };
  }[];
  /** Bytes of rows per table, from the host's /metrics. */
  const tableBytes = async () => {
    const text = await (await fetch(`${academy.host.url}/metrics`)).text();
    const out = new Map<string, number>();
    for (const m of text.matchAll(/^spacetime_table_bytes\{[^}]*table="([^"]+)"[^}]*\} (\d+)/gm))
      out.set(m[1]!, Number(m[2]));
    return out;
  };
  const bytesBefore = await tableBytes();
  let calls = 0;
  let refusals = 0;
  /** Calls the reducer as `caller`: it commits, or it is refused with a SenderError a learner can read. */
  const call = async (caller: Caller, schema: (typeof schemas)[number], args: Record<string, unknown>) => {
    const what = `${caller.name}: ${schema.accessorName}(${JSON.stringify(args, (_key, value: unknown) =>
      typeof value === 'bigint'
        ? `${value}n`
        : typeof value === 'string' && value.length > 80
          ? `${value.slice(0, 80)}…(${value.length})`
          : value,
    )})`;
    const invoke = (caller.client.conn.reducers as unknown as Record<string, (a: unknown) => Promise<void>>)[
      schema.accessorName
    ]!;
    calls++;
    try {
      await invoke(args);
    } catch (err) {
      const error = err as Error;
      assert.equal(error.name, 'SenderError', `${what} failed with ${error.name}: ${error.message}`);
      assert.ok(error.message.trim().length > 0, `${what}: refused without a message`);
      assert.ok(
        error.message.length <= 400,
        `${what}: a refusal a learner can read, not ${error.message.length} characters`,
      );
      assert.doesNotMatch(error.message, /\n\s+at /, `${what}: the refusal shows a stack trace`);
      refusals++;
    }
  };
  // Every text argument of every reducer once with a huge text, the others with values that exist: a limit
  // missing anywhere shows in the bytes stored below.
  for (const schema of schemas) {
    const texts = schema.paramsType.elements.filter(({ algebraicType }) => algebraicType.tag === 'String');
    for (const [index, huge] of texts.entries()) {
      const args: Record<string, unknown> = {};
      for (const { name, algebraicType } of schema.paramsType.elements)
        args[name] = name === huge.name ? HUGE_TEXT : valueOf(name, algebraicType.tag, true);
      await call(callers[index % 3]!, schema, args);
    }
  }
  for (let n = 0; n < CALLS; n++) {
    const schema = random.pick(schemas);
    const args: Record<string, unknown> = {};
    for (const { name, algebraicType } of schema.paramsType.elements) args[name] = valueOf(name, algebraicType.tag);
    await call(random.pick(callers), schema, args);
  }
  assert.ok(
    refusals > calls / 4 && refusals < calls,
    `the run reaches both outcomes (${refusals} of ${calls} refused)`,
  );

  // Every write has a limit: no huge text was stored (2,000 random calls add about 7 KiB in all).
  let grown = 0;
  for (const [table, bytes] of await tableBytes()) grown += Math.max(0, bytes - (bytesBefore.get(table) ?? 0));
  assert.ok(grown <= 16_384 + 256 * calls, `the callers stored ${grown} bytes of rows in ${calls} calls`);
  // What nobody may gain, seen by a learner who was not calling.
  await bob.conn.reducers.heartbeat({ currentLab: '', idle: false });
  await eventually(() => bob.conn.db.learner.count() >= 4n, 'the callers, seen by bob');
  for (const learner of bob.conn.db.learner.iter()) {
    assert.equal(learner.xp, 0n, `${learner.username} earned no XP`);
    assert.equal(learner.role, 'learner', `${learner.username} holds no staff role`);
  }
  assert.deepEqual(
    [...bob.conn.db.lab.iter()].map((lab) => lab.id).sort(),
    labsBefore,
    'no lab was published or removed',
  );
  assert.equal(bob.conn.db.my_sanction.count(), 0n, 'bob was not muted or banned');
  const session = [...bob.conn.db.my_lab_sessions.iter()].find((row) => row.labId === FIRST_LAB.id);
  assert.equal(session?.snapshot, bobsState, "bob's lab state is as he saved it");
});
