/**
 * Random HTTP requests for the fuzzer, as raw bytes: every route (the SpacetimeDB API, a database's management and
 * module routes, `/metrics`, the `/embed` pages with their parameters) with right and wrong methods, path segments
 * with broken %-escapes, good, bad and missing tokens, JSON that is valid, wrong-typed or cut short, oversized
 * headers, WebSocket upgrades with bad parameters, and lines that are not HTTP at all.
 */
import { FUZZED_REDUCERS } from './generate-frames.js';
import { randomSql } from './generate-sql.js';
import type { SeededRandom } from '../seeded-random.js';
import { httpRequest } from './raw-http.js';

const METHODS = ['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD', 'BREW'];
const SEGMENTS = [
  'kitchen',
  'academy',
  '%E0%A4%A',
  '%',
  '%G1',
  '%00',
  '%2F',
  'a%20b',
  '..',
  '%ZZ',
  'x'.repeat(300),
  '😀',
];

/** The `/embed` pages' parameters (host/src/embed/embed-query.ts) and values good and bad for them. */
const EMBED_PARAMETERS = [
  'theme',
  'accent',
  'accent-dark',
  'font-size',
  'height',
  'layout',
  'limit',
  'period',
  'cohort',
  'channel',
  'view',
  'lang',
  'bogus',
];
const EMBED_VALUES = [
  'dark',
  '#0af',
  '#zzzzzz',
  '16',
  '1e400',
  '-1',
  'fill',
  'lab:intro-navigation',
  'lti:abc',
  'launch',
  '%00',
  '<script>',
  'x'.repeat(3000),
];

function segment(random: SeededRandom, good: string): string {
  return random.chance(0.6) ? good : random.pick(SEGMENTS);
}

function path(random: SeededRandom): string {
  const database = segment(random, 'kitchen');
  const base = random.pick([
    `/v1/database/${database}/sql`,
    `/v1/database/${database}/call/${segment(random, random.pick(FUZZED_REDUCERS) || 'add_note')}`,
    `/v1/database/${database}/schema`,
    `/v1/database/${database}/subscribe`,
    '/v1/identity',
    '/v1/identity/websocket-token',
    '/v1/identity/public-key',
    `/v1/identity/${'c2'.padEnd(64, '0')}/verify`,
    '/v1/ping',
    '/metrics',
    '/v1/database',
    `/v1/database/${database}`,
    `/v1/database/${database}/${random.pick(['logs', 'names', 'identity', 'reset'])}`,
    `/v1/database/${database}/route/${segment(random, 'hello')}`,
    `/v1/identity/${'c2'.padEnd(64, '0')}/databases`,
    '/labs',
    `/embed/${segment(random, random.pick(['', 'lab', 'leaderboard', 'chat', 'presence', 'profile', 'academy']))}`,
    `/embed/lab/${segment(random, random.pick(['intro-navigation', 'no-such-lab']))}`,
    `/${segment(random, 'index.html')}`,
    '//[',
    '*',
    `/${'a/'.repeat(random.int(1, 2000))}`,
  ]);
  const query = random.pick([
    '',
    '?compression=Gzip',
    '?compression=zstd',
    '?token=garbage',
    '?connection_id=00',
    `?connection_id=${'0'.repeat(32)}`,
    '?%',
    '?a=%E0%A4%A',
    `?${random.pick(EMBED_PARAMETERS)}=${random.pick(EMBED_VALUES)}`,
    `?theme=dark&theme=light`,
    `?limit=${random.pick(EMBED_VALUES)}&period=week&cohort=${random.pick(EMBED_VALUES)}`,
  ]);
  return base + query;
}

function body(random: SeededRandom): string {
  return random.pick([
    '',
    '[]',
    '["chess", "fuzz", 5, 1]',
    '["note"]',
    '[1, 2]',
    '{"body": "x"}',
    '["unclosed',
    'null',
    '[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]',
    `[${'1,'.repeat(1000)}1]`,
    '["\\ud800"]',
    randomSql(random),
  ]);
}

/** One raw HTTP request. `ownerToken` lets some requests reach the owner-only SQL route. */
export function randomHttpRequest(random: SeededRandom, ownerToken: string): string {
  if (random.chance(0.03))
    return random.pick([
      'NOT HTTP AT ALL\r\n\r\n',
      'GET / HTTP/9.9\r\n\r\n',
      'GET /\r\n\r\n',
      'GET / HTTP/1.1\r\nHost: x\r\nContent-Length: -1\r\n\r\n',
    ]);
  const headers: Record<string, string> = {};
  switch (random.int(0, 4)) {
    case 0:
      headers['Authorization'] = `Bearer ${ownerToken}`;
      break;
    case 1:
      headers['Authorization'] = random.pick([
        'Bearer',
        'Bearer garbage',
        'Basic abc',
        `Bearer ${ownerToken.slice(0, -3)}abc`,
        'Bearer a.b.c',
      ]);
      break;
    default:
  }
  if (random.chance(0.3))
    headers['Content-Type'] = random.pick(['application/json', 'text/plain', 'application/octet-stream']);
  if (random.chance(0.05)) headers['X-Huge'] = 'h'.repeat(random.int(8_000, 100_000));
  if (random.chance(0.1)) {
    Object.assign(headers, {
      Upgrade: 'websocket',
      Connection: 'Upgrade',
      'Sec-WebSocket-Key': random.pick(['dGhlIHNhbXBsZSBub25jZQ==', 'short', '']),
      'Sec-WebSocket-Version': random.pick(['13', '8', 'x']),
      'Sec-WebSocket-Protocol': random.pick([
        'v2.bsatn.spacetimedb',
        'v3.bsatn.spacetimedb',
        'v1.json.spacetimedb',
        '',
      ]),
    });
  }
  return httpRequest(random.pick(METHODS), path(random), headers, body(random));
}
