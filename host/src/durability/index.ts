/** `@lta/host/durability`: the host's commit log and database image, for durability benchmarks and repair tools. */
export { openDatabase, type OpenDatabase } from './open-database.js';
export { describeDamage, scanSegment, SEGMENT_MAGIC } from './commit-log-scan.js';
export { encodeTransaction } from './transaction-record.js';
