import { waitUntil } from '@open-wc/testing';
import type { LitElement } from 'lit';
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

/** The texts of the messages a chat shows, oldest first (not those still on their way). */
export function messagesOf(chat: Element): string[] {
  return [...chat.shadowRoot!.querySelectorAll('.message:not(.pending) .text')].map((p) => p.textContent!.trim());
}

/** Types `text` into a chat's box and sends it, as a learner does; `to` fills in a new conversation's recipient. */
export async function send(chat: LitElement, text: string, to?: string): Promise<void> {
  const root = chat.shadowRoot!;
  if (to !== undefined) root.querySelector<HTMLInputElement>('input[name="to"]')!.value = to;
  const box = root.querySelector('textarea')!;
  box.value = text;
  box.dispatchEvent(new Event('input'));
  root.querySelector<HTMLFormElement>('form.composer')!.requestSubmit();
  await chat.updateComplete;
}
