// The browser builds replace the SDK's safe-stable-stringify (debug log lines only) with a small JSON version:
// a page with the SDK's debug log on must still get readable lines, tokens redacted, and never an exception.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { shims } from '../../scripts/browser-shims.mjs';

const shim = shims['safe-stable-stringify'];
assert.ok(shim, 'the browser builds shim safe-stable-stringify');
const { stringify } = (await import(`data:text/javascript,${encodeURIComponent(shim)}`)) as {
  stringify: (value: unknown, replacer?: (key: string, value: unknown) => unknown) => string;
};

test('a log line shows big numbers and keeps the SDK’s redaction of tokens', () => {
  const redact = (key: string, value: unknown) => (key === 'token' ? '[REDACTED]' : value);
  assert.equal(
    stringify({ requestId: 7n, token: 'secret', rows: [1, 2] }, redact),
    '{"requestId":"7","token":"[REDACTED]","rows":[1,2]}',
  );
});

test('a value JSON cannot write (a cycle) gives a line, not an exception', () => {
  const cyclic: Record<string, unknown> = {};
  cyclic.self = cyclic;
  assert.equal(typeof stringify(cyclic), 'string');
});
