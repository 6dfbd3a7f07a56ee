import { waitUntil } from '@open-wc/testing';
import { AcademyConnection } from '../../../src/connection/index.js';
import type { TestHost } from '../helpers/host.js';
import { reducers } from '../../../src/connection/academy-schema.js';

/** A learner in their own "browser": a separate connection with its own identity, nothing remembered. */
export function learnerConnection(host: TestHost): AcademyConnection {
  return new AcademyConnection({ server: host.url, database: host.database, rememberToken: false });
}

/** Waits until `connection` is live. */
export function live(connection: { status: { state: string } }, what = 'the connection to be live'): Promise<void> {
  return waitUntil(() => connection.status.state === 'live', `waited for ${what}`, { timeout: 15000 });
}

let counter = 0;
/** A username no other test of this run has taken. */
export function uniqueName(prefix: string): string {
  counter += 1;
  return `${prefix}${Date.now().toString(36)}${counter}`.slice(0, 30);
}

/** A live, registered learner. */
export async function registeredLearner(
  host: TestHost,
  prefix: string,
): Promise<{ connection: AcademyConnection; username: string }> {
  const connection = learnerConnection(host);
  await live(connection);
  const username = uniqueName(prefix);
  await connection.call(reducers.registerUser, { username, displayName: username, timeZone: 'UTC' });
  return { connection, username };
}

/** The visible text of an element's shadow root, spaces collapsed. */
export function textOf(element: Element): string {
  return (element.shadowRoot?.textContent ?? '').replace(/\s+/g, ' ');
}
