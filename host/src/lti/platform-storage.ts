/**
 * Platform storage (1EdTech "LTI Client Side postMessages" and "postMessage Storage" v0.1): with third-party
 * cookies blocked, the tool's page in the LMS iframe keeps values in a frame of the platform by postMessage
 * (`lti.put_data` / `lti.get_data`, each answered with `<subject>.response` and the same `message_id`).
 * This returns the script the tool's pages embed, and keeps launches waiting for the browser's confirmation.
 */
import type { ServerResponse } from 'node:http';
import { LaunchRefusedError } from './launch-refused-error.js';
import { OneTimeTickets } from './one-time-tickets.js';
import { escapeHtml } from '../server/html.js';

/** Milliseconds the page waits for the platform's answer before giving up on platform storage. */
const ANSWER_MS = 3000;
const PENDING_MS = 60_000;
const MAX_PENDING = 10_000;

/**
 * A script defining `ltiStorage.put(key, value)` and `ltiStorage.get(key)` (Promises) that talk to the platform
 * frame named `target` (`_parent` is the parent window) at `origin`.
 */
export function platformStorageScript(options: { target: string; origin: string }): string {
  return `const ltiStorage = (() => {
  const origin = ${JSON.stringify(options.origin)}, name = ${JSON.stringify(options.target)};
  const host = window.opener || window.parent;
  const frame = name === '_parent' ? window.parent : (host.frames[name] || host);
  const send = (subject, fields) => new Promise((resolve, reject) => {
    const message_id = crypto.randomUUID();
    const timer = setTimeout(() => { removeEventListener('message', listen); reject(new Error('no answer')); }, ${ANSWER_MS});
    function listen(event) {
      const data = event.data;
      if (event.origin !== origin || !data || data.subject !== subject + '.response' || data.message_id !== message_id) return;
      clearTimeout(timer); removeEventListener('message', listen);
      data.error ? reject(new Error(data.error.message || data.error.code)) : resolve(data.value);
    }
    addEventListener('message', listen);
    frame.postMessage({ subject, message_id, ...fields }, origin);
  });
  return { put: (key, value) => send('lti.put_data', { key, value }), get: (key) => send('lti.get_data', { key }) };
})();`;
}

/** Launches validated on the server that wait for the browser to prove it holds the state (platform storage). */
export class PendingLaunches {
  readonly #pending = new OneTimeTickets<{ state: string; finish: (res: ServerResponse) => Promise<void> }>(
    PENDING_MS,
    MAX_PENDING,
    'Too many launches are in progress; try again in a minute.',
  );

  /** Holds a launch; answers with a page that reads the state back from the platform and confirms it. */
  hold(
    launch: {
      state: string;
      storageTarget: string;
      platformOrigin: string;
      confirmUrl: string;
    },
    finish: (res: ServerResponse) => Promise<void>,
    page: (body: string) => void,
  ): void {
    const handle = this.#pending.issue({ state: launch.state, finish });
    page(`<p>Opening the activity...</p><form method="post" action="${escapeHtml(launch.confirmUrl)}"><input type="hidden" name="handle" value="${handle}"><input type="hidden" name="stored"></form>
<script>${platformStorageScript({ target: launch.storageTarget, origin: launch.platformOrigin })}
const form = document.forms[0];
ltiStorage.get(${JSON.stringify(`state_${launch.state}`)}).then((value) => { form.stored.value = value || ''; }, () => {}).finally(() => form.submit());</script>`);
  }

  /** The confirmation: finishes the launch when the platform's storage held its state; refuses otherwise. */
  async confirm(form: URLSearchParams, res: ServerResponse): Promise<void> {
    const entry = this.#pending.take(form.get('handle') ?? '');
    if (!entry)
      throw new LaunchRefusedError(
        'This launch has expired or was already opened: open the activity again from the course.',
        401,
      );
    if (form.get('stored') !== entry.state) {
      throw new LaunchRefusedError(
        'This browser did not begin this sign-in (the platform storage does not hold its state): open the activity again from the course.',
        401,
      );
    }
    await entry.finish(res);
  }
}
