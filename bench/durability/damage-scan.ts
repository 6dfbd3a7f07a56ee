/**
 * What telling damage from an unfinished write costs at start-up, as ratios to reading a healthy segment of the
 * same size in the same run, on a segment shaped like the one in issue #11 (12,418 transactions of about 970 bytes,
 * 12 MB, one flipped byte in the middle):
 *
 * 1. baseline: reading every record of the healthy segment (checksums and decoding), as every start-up does;
 * 2. flipped byte in the middle: reading up to it plus finding the valid records after it (then the host refuses);
 * 3. worst case: a damaged record followed by 5.8 MB of random bytes, where no valid record follows, so every byte
 *    position is tried.
 *
 * It also prints how many acknowledged transactions were at stake, which cutting at the first bad record dropped.
 *
 *   node --import tsx bench/durability/damage-scan.ts [--transactions 12418] [--runs 5]
 */
import { crc32 } from 'node:zlib';
import { describeDamage, scanSegment, SEGMENT_MAGIC, encodeTransaction } from '@lta/host/durability';
import { medianTime } from '../statistics.js';
import { seededRandom } from '../../host/test/seeded-random.js';

const option = (name: string, fallback: number) => {
  const at = process.argv.indexOf(`--${name}`);
  return at > 0 ? Number(process.argv[at + 1]) : fallback;
};
const TRANSACTIONS = option('transactions', 12_418);
const RUNS = option('runs', 5);

const next = seededRandom(11);
const randomBytes = (length: number) => Buffer.from(Array.from({ length }, () => Math.floor(next() * 256)));

const frames: Buffer[] = [];
for (let offset = 1; offset <= TRANSACTIONS; offset++) {
  const payload = encodeTransaction({
    txOffset: BigInt(offset),
    changes: [{ tableName: 'saved_state', inserts: [randomBytes(860)], deletes: [randomBytes(20)] }],
    sequences: new Map([['saved_state.id_seq', BigInt(offset + 1)]]),
  });
  const header = Buffer.alloc(8);
  header.writeUInt32LE(payload.length, 0);
  header.writeUInt32LE(crc32(payload), 4);
  frames.push(header, payload);
}
const healthy = Buffer.concat([SEGMENT_MAGIC, ...frames]);
const middle = Math.floor(TRANSACTIONS / 2);
const middleByte = SEGMENT_MAGIC.length + frames.slice(0, 2 * (middle - 1)).reduce((sum, f) => sum + f.length, 0);
const flipped = Buffer.from(healthy);
flipped[middleByte + 30]! ^= 0x04;
const garbageTail = Buffer.concat([healthy.subarray(0, middleByte + 8 + 40), randomBytes(5.8e6)]);

const damageOf = (data: Buffer) => describeDamage({ firstOffset: 1n, path: 'bench.log' }, data, scanSegment(data, 1n));
const middleDamage = damageOf(flipped);
if (!middleDamage.following || middleDamage.following.lastOffset !== BigInt(TRANSACTIONS))
  throw new Error('the valid records after the damage were not found');
if (damageOf(garbageTail).following !== null) throw new Error('found valid records in random bytes');

const baseline = await medianTime(RUNS, () => scanSegment(healthy, 1n));
const withDamage = await medianTime(RUNS, () => damageOf(flipped));
const worst = await medianTime(RUNS, () => damageOf(garbageTail));
const mb = (bytes: number) => (bytes / 1e6).toFixed(1);
console.log(`segment: ${TRANSACTIONS} transactions, ${mb(healthy.length)} MB; flipped byte in transaction ${middle}`);
console.log(
  `at stake: ${middleDamage.following.count} acknowledged transactions (${mb(healthy.length - middleByte)} MB) after the damage; ` +
    'cutting at the first bad record dropped them all, now start-up refuses and names byte ' +
    middleByte,
);
console.log(`reading the healthy segment (baseline): 1.00x`);
console.log(`flipped byte in the middle, up to refusing: ${(withDamage / baseline).toFixed(2)}x`);
console.log(`damage followed by 5.8 MB of random bytes (every position tried): ${(worst / baseline).toFixed(2)}x`);
