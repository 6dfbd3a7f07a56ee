/**
 * The lab format against what an author can write: lab JSON from a page (`lab-src`, inline, a property) or
 * published to the academy, where the module validates it and checks learners against it. Starting from the README's
 * example and labs of the curriculum, each round changes a few places of the JSON (a value of another type, a key
 * removed or unknown, a value wrapped, a long string) or breaks the JSON text itself. Validation never throws and
 * either accepts the lab or lists problems; a lab it accepts builds its starting machine and evaluates every check
 * without throwing. `LTA_LAB_FUZZ_SEED` and `LTA_LAB_FUZZ_ROUNDS` replay or lengthen a run.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ALL_LABS } from '@lta/curriculum';
import { evaluateCheck, parseLab, startingSnapshot, validateLab, type ValidationResult } from '@lta/labs';
import { SeededRandom } from '../../../host/test/seeded-random.js';
import { readmeExampleLab } from '../../../labs/test/readme-example.js';

const SEED = Number(process.env['LTA_LAB_FUZZ_SEED'] ?? 1);
const ROUNDS = Number(process.env['LTA_LAB_FUZZ_ROUNDS'] ?? 1500);

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Path = (string | number)[];

/** A value of any type, the odd ones more often: keys like `__proto__` are made as JSON.parse makes them (own keys). */
function oddValue(random: SeededRandom, depth = 0): Json {
  switch (random.int(0, 10)) {
    case 0:
      return null;
    case 1:
      return random.pick([0, -1, 0.5, 1e308, -1e308, 2 ** 53 + 2, 255, 65_536, NaN, Infinity]);
    case 2:
      return random.chance(0.5);
    case 3:
      return random.pick(['', ' ', '.', '..', '/', '~', '/etc/shadow', '../../x', '\u0000', '\u202e', 'é', '😀']);
    case 4:
      return random.pick(['(a+)+$', '[', '\\', '*', '${HOME}', '$(rm -rf /)', 'file', 'dir', 'command', 'output']);
    case 5:
      return 'x'.repeat(random.pick([200, 5_000, 100_000]));
    case 6:
      return depth > 3 ? [] : Array.from({ length: random.int(0, 4) }, () => oddValue(random, depth + 1));
    case 7:
      return depth > 3
        ? {}
        : (JSON.parse(
            JSON.stringify(
              Object.fromEntries(
                Array.from({ length: random.int(0, 3) }, () => [
                  random.pick(['kind', 'path', 'pattern', 'x', 'mode', 'checks', 'content']),
                  oddValue(random, depth + 1),
                ]),
              ),
            ).replace(/^\{"x"/, '{"__proto__"'),
          ) as Json);
    default:
      return random.pick([1, 'a', 'learner', 'root', 0o755, '0644', 'stdout', 'exists']);
  }
}

/** Every place in a JSON value, as the path of keys to it. */
function placesOf(value: Json, path: Path = [], out: Path[] = []): Path[] {
  if (path.length > 0) out.push(path);
  if (Array.isArray(value)) value.forEach((item, i) => placesOf(item, [...path, i], out));
  else if (value !== null && typeof value === 'object')
    for (const [key, item] of Object.entries(value)) placesOf(item, [...path, key], out);
  return out;
}

/** Changes the value at one place: another type, removed, wrapped, or an unknown key beside it. */
function changeOnePlace(lab: Json, random: SeededRandom): string {
  const places = placesOf(lab);
  const path = random.pick(places);
  const parent = path.slice(0, -1).reduce<Json>((at, key) => (at as Record<string | number, Json>)[key]!, lab) as
    Json[] | Record<string, Json>;
  const key = path.at(-1)!;
  const holder = parent as Record<string | number, Json>;
  const op = random.int(0, 4);
  if (op === 0) holder[key] = oddValue(random);
  else if (op === 1) {
    if (Array.isArray(parent)) parent.splice(Number(key), 1);
    else delete holder[key];
  } else if (op === 2) holder[key] = [holder[key]!];
  else if (op === 3) holder[key] = { value: holder[key]! };
  else if (!Array.isArray(parent)) holder[`unknown${random.int(0, 9)}`] = oddValue(random);
  else parent.push(oddValue(random));
  return `${['replaced', 'removed', 'wrapped in a list', 'wrapped in an object', 'added beside'][op]} ${path.join('.')}`;
}

/** What must hold of any validation: no throw (checked by the caller), and a lab or a list of problems. */
function assertAnswered(result: ValidationResult, what: string): void {
  if (result.ok) return;
  assert.ok(result.problems.length > 0, `${what}: refused without a problem`);
  for (const problem of result.problems) assert.equal(typeof problem, 'string', what);
}

test(`lab JSON changed at random is accepted or refused with problems, and an accepted lab checks without throwing (seed ${SEED})`, () => {
  const random = new SeededRandom(SEED);
  const bases: Json[] = [readmeExampleLab() as Json, ...ALL_LABS.slice(0, 12).map((lab) => lab as unknown as Json)];
  const outcomes = { accepted: 0, refused: 0, 'not JSON': 0 };
  for (let round = 0; round < ROUNDS; round++) {
    const lab = structuredClone(random.pick(bases));
    const changes = Array.from({ length: random.int(1, 3) }, () => changeOnePlace(lab, random));
    const what = `round ${round}: ${changes.join('; ')}`;
    let text = JSON.stringify(lab);
    const broken = random.chance(0.15);
    if (broken) {
      // The text itself broken: cut short, or a character put in.
      const at = random.int(0, text.length);
      text = random.chance(0.5)
        ? text.slice(0, at)
        : text.slice(0, at) + random.pick(['"', '{', ']', ',', '\\']) + text.slice(at);
    }
    let result: ValidationResult;
    // A page's `labDefinition` property is the object itself (NaN and Infinity stay); `lab-src` and inline labs are text.
    const asObject = !broken && random.chance(0.5);
    assert.doesNotThrow(() => void (result = asObject ? validateLab(lab) : parseLab(text)), what);
    assertAnswered(result!, what);
    if (!result!.ok) {
      outcomes[/not valid JSON/.test(result!.problems[0]!) ? 'not JSON' : 'refused']++;
      continue;
    }
    outcomes.accepted++;
    const accepted = result!.lab;
    assert.doesNotThrow(() => {
      const snapshot = startingSnapshot(accepted);
      for (const step of accepted.steps)
        for (const check of step.checks) assert.equal(typeof evaluateCheck(check, snapshot).passed, 'boolean');
    }, what);
  }
  // The changes reached every outcome: labs accepted and checked, labs refused, text that is not JSON.
  for (const [outcome, count] of Object.entries(outcomes))
    assert.ok(count > 0, `no ${outcome} in ${JSON.stringify(outcomes)}`);
});
