/**
 * Numbers as SpacetimeDB's serde_json writes them: ryu's shortest digits and layout for f64 and f32 (expectations
 * from ryu's own pretty-printing cases and its `format64`/`format32` rules: plain decimals up to 16 (f64) or 13
 * (f32) integer digits and down to 1e-5 / 1e-6, `.0` on whole numbers, else `d.ddde-7`), ethnum's u256 and
 * integers past 2^53, and `readJson`, which keeps them exact for the CLI.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { f32, f64, integer, jsonText, quantity } from '../../src/update/json-text.js';
import { readJson } from '../../src/cli/sql-table.js';

const text = (n: { text: string } | null) => (n === null ? null : n.text);

test("f64 in ryu's layout", () => {
  const cases: [number, string][] = [
    [0, '0.0'],
    [-0, '-0.0'],
    [1, '1.0'],
    [-1, '-1.0'],
    [0.3, '0.3'],
    [1.5, '1.5'],
    [123.456, '123.456'],
    [9007199254740991, '9007199254740991.0'],
    [1e16, '1e16'],
    [1.5e16, '1.5e16'],
    [18446744073709551616, '1.8446744073709552e19'],
    [1e21, '1e21'],
    [0.0001, '0.0001'],
    [0.00001, '0.00001'],
    [0.000001, '1e-6'],
    [1.2345678e-7, '1.2345678e-7'],
    [1.7976931348623157e308, '1.7976931348623157e308'],
    [2.2250738585072014e-308, '2.2250738585072014e-308'],
    [5e-324, '5e-324'],
  ];
  for (const [value, expected] of cases) assert.equal(text(f64(value)), expected, String(value));
  for (const value of [NaN, Infinity, -Infinity]) assert.equal(f64(value), null, 'serde_json writes null');
});

test("f32 in ryu's layout, with the shortest digits that read back as the same f32", () => {
  const cases: [number, string][] = [
    [Math.fround(0.1), '0.1'],
    [Math.fround(0.3), '0.3'],
    [1, '1.0'],
    [33554432, '33554432.0'],
    [Math.fround(1e12), '1000000000000.0'],
    [Math.fround(1e13), '1e13'],
    [Math.fround(0.000001), '0.000001'],
    [Math.fround(1e-7), '1e-7'],
    [Math.fround(3.4028235e38), '3.4028235e38'],
    [Math.fround(1e-45), '1e-45'],
  ];
  for (const [value, expected] of cases) assert.equal(text(f32(value)), expected, String(value));
});

test('integers and u256s as serde_json and ethnum write them; readJson keeps them exact', () => {
  const tree = [integer(18446744073709551615n), integer(-170141183460469231731687303715884105728n), quantity(42n)];
  const written = jsonText([...tree, quantity(0n), quantity(-42n), { a: 'é"\n', b: [] }]);
  assert.equal(
    written,
    '[18446744073709551615,-170141183460469231731687303715884105728,"0x2a","0x0","-0x2a",{"a":"é\\"\\n","b":[]}]',
  );
  assert.equal(jsonText(readJson(` ${written} `)), written);
  assert.throws(() => readJson('[1,'), /not JSON/);
});
