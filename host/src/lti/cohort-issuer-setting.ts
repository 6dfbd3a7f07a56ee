/**
 * Tells the module which issuer's cohort claims to trust: the host, as the database owner, sets the academy
 * setting `cohort_issuer` to the academy issuer when LTI is on (the module's `join_launch_cohort` reads it).
 */
import { BinaryWriter } from 'spacetimedb';
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
    // A module without the setting (not the academy module, or an older one): launches still sign learners in.
    log(
      'warn',
      `LTI: course launches sign learners in, but the module does not put them in their course's class (${outcome.message}). ` +
        `Publish the academy module of this version, or call set_academy_setting("cohort_issuer", "${issuer}") as the owner.`,
    );
  }
}

/** BSATN of a product of strings (the reducer's arguments), written as the SDK writes them. */
function stringArgs(...values: string[]): Uint8Array {
  const writer = new BinaryWriter(64);
  for (const value of values) writer.writeString(value);
  return writer.getBuffer().slice();
}
