/**
 * Tells the module which issuer's cohort claims to trust: the host, as the database owner, sets the academy
 * setting `cohort_issuer` to the academy issuer when LTI is on (the module's `join_launch_cohort` reads it).
 */
import type { ReducerOutcome } from '../engine/index.js';
import type { HostLog } from '../server/host-log.js';

/** Calls `set_academy_setting("cohort_issuer", issuer)` as the owner; a module without that setting is logged, not fatal. */
export async function setCohortIssuer(
  callReducer: (reducer: string, args: Uint8Array) => Promise<ReducerOutcome>,
  issuer: string,
  log: HostLog,
): Promise<void> {
  const outcome = await callReducer('set_academy_setting', stringArgs('cohort_issuer', issuer));
  if (outcome.status === 'failed') {
    // Expected on a fresh academy (no LMS yet): said, not alarmed about.
    log(
      'info',
      `LTI: course launches sign learners in, but the module does not put them in their course's class yet (${outcome.message}). ` +
        `As the academy's owner (the publisher's token), register a username once; the host then sets cohort_issuer to ${issuer} ` +
        `at each start (or call set_academy_setting("cohort_issuer", "${issuer}") yourself).`,
    );
  }
}

/** BSATN of a product of strings: each a u32 little-endian byte length, then its UTF-8 bytes. */
function stringArgs(...values: string[]): Uint8Array {
  const encoded = values.map((value) => Buffer.from(value, 'utf8'));
  const out = Buffer.alloc(encoded.reduce((total, bytes) => total + 4 + bytes.length, 0));
  let at = 0;
  for (const bytes of encoded) {
    at = out.writeUInt32LE(bytes.length, at);
    at += bytes.copy(out, at);
  }
  return out;
}
