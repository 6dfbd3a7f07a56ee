/**
 * Deep Linking 2.0: on an `LtiDeepLinkingRequest` the instructor picks labs and widgets from the academy's
 * catalog; the tool answers the platform with a signed `LtiDeepLinkingResponse` (§4.5) whose `ltiResourceLink`
 * items (§3.1) carry the lab or widget as a custom parameter, labs with a line item so the gradebook gets a column.
 */
import { randomUUID } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { CURRICULUM, findLab } from '@lta/curriculum';
import { SignJWT } from 'jose';
import { CLAIM, LTI_VERSION, MESSAGE_TYPE, type LtiMessage } from './claims.js';
import { PLACEABLE_WIDGETS, type PlaceableWidget } from './learner-page.js';
import { LaunchRefusedError } from './launch-refused-error.js';
import { OneTimeTickets } from './one-time-tickets.js';
import { escapeHtml } from '../server/html.js';
import { sendAutoPost, sendPage } from './pages.js';
import type { PlatformRegistration } from './platform-registry.js';
import type { ToolKeys } from './tool-keys.js';

const PICK_MS = 3600_000;
const MAX_PENDING = 5_000;
const MAX_ITEMS = 200;
/** Scores of a lab's line item are out of this (ScoreDelivery sends 100 for a completion). */
const LAB_SCORE_MAXIMUM = 100;

interface PendingPick {
  platform: PlatformRegistration;
  message: LtiMessage;
}

export class DeepLinking {
  readonly #keys: ToolKeys;
  readonly #baseUrl: string;
  readonly #pending = new OneTimeTickets<PendingPick>(
    PICK_MS,
    MAX_PENDING,
    'Too many course editors are picking at once; try again in a minute.',
  );

  constructor(keys: ToolKeys, baseUrl: string) {
    this.#keys = keys;
    this.#baseUrl = baseUrl;
  }

  /** Shows the instructor the catalog to pick from. */
  showPicker(res: ServerResponse, platform: PlatformRegistration, message: LtiMessage): void {
    const settings = message[CLAIM.deepLinkingSettings];
    if (!settings?.deep_link_return_url)
      throw new LaunchRefusedError('The deep-linking request has no deep_link_return_url.');
    if (settings.accept_types && !settings.accept_types.includes('ltiResourceLink')) {
      throw new LaunchRefusedError(
        `The platform accepts only ${settings.accept_types.join(', ')} here; the academy places LTI resource links.`,
      );
    }
    const handle = this.#pending.issue({ platform, message });
    const labs = CURRICULUM.map(
      (module) =>
        `<fieldset><legend>${escapeHtml(module.title)}</legend>${module.labs
          .map(
            (lab) =>
              `<label><input type="checkbox" name="lab" value="${escapeHtml(lab.id)}"> ${escapeHtml(lab.title)} <small>(${escapeHtml(lab.id)})</small></label><br>`,
          )
          .join('')}</fieldset>`,
    ).join('');
    const widgets = Object.entries(PLACEABLE_WIDGETS)
      .map(
        ([id, w]) =>
          `<label><input type="checkbox" name="widget" value="${id}"> ${escapeHtml(w.title)}: ${escapeHtml(w.text)}</label><br>`,
      )
      .join('');
    sendPage(
      res,
      200,
      'Add Linux Terminal Academy activities',
      `<main><h1>Add labs and widgets to the course</h1><form method="post" action="${escapeHtml(`${this.#baseUrl}/lti/deep-link`)}">
<input type="hidden" name="handle" value="${handle}"><h2>Labs (graded: a completed lab scores ${LAB_SCORE_MAXIMUM}/${LAB_SCORE_MAXIMUM})</h2>${labs}
<h2>Widgets</h2><fieldset><legend>Class widgets</legend>${widgets}</fieldset><p><button>Add to the course</button></p></form></main>`,
    );
  }

  /** The instructor's choice: posts the signed response back to the platform. */
  async answer(form: URLSearchParams, res: ServerResponse): Promise<void> {
    const pick = this.#pending.take(form.get('handle') ?? '');
    if (!pick)
      throw new LaunchRefusedError('This selection has expired: start adding the activity again from the course.', 401);
    const labs = form.getAll('lab');
    const widgets = form.getAll('widget');
    if (labs.length + widgets.length > MAX_ITEMS)
      throw new LaunchRefusedError(`Pick at most ${MAX_ITEMS} items at once.`);
    const items = [
      ...labs.map((id) => {
        const lab = findLab(id);
        if (!lab) throw new LaunchRefusedError(`There is no lab "${id.slice(0, 64)}" in the catalog.`);
        return {
          type: 'ltiResourceLink',
          title: lab.title,
          text: lab.story.slice(0, 200),
          url: `${this.#baseUrl}/lti/launch`,
          custom: { lab: lab.id },
          lineItem: {
            scoreMaximum: LAB_SCORE_MAXIMUM,
            label: lab.title,
            resourceId: lab.id,
            tag: 'lta-lab',
          },
        };
      }),
      ...widgets.map((id) => {
        if (!Object.hasOwn(PLACEABLE_WIDGETS, id))
          throw new LaunchRefusedError(`There is no widget "${id.slice(0, 64)}".`);
        const widget = PLACEABLE_WIDGETS[id as PlaceableWidget];
        return {
          type: 'ltiResourceLink',
          title: widget.title,
          text: widget.text,
          url: `${this.#baseUrl}/lti/launch`,
          custom: { widget: id },
        };
      }),
    ];
    const settings = pick.message[CLAIM.deepLinkingSettings]!;
    const jwt = await new SignJWT({
      nonce: randomUUID(),
      [CLAIM.messageType]: MESSAGE_TYPE.deepLinkingResponse,
      [CLAIM.version]: LTI_VERSION,
      [CLAIM.deploymentId]: pick.message[CLAIM.deploymentId],
      [CLAIM.contentItems]: items,
      ...(settings.data === undefined ? {} : { [CLAIM.deepLinkingData]: settings.data }),
    })
      .setProtectedHeader({ alg: 'RS256', kid: this.#keys.kid, typ: 'JWT' })
      .setIssuer(pick.platform.clientId)
      .setAudience(pick.platform.issuer)
      .setIssuedAt()
      .setExpirationTime('10m')
      .sign(this.#keys.privateKey);
    sendAutoPost(res, settings.deep_link_return_url, { JWT: jwt }, 'Adding to the course...');
  }
}
