import { html, nothing, type TemplateResult } from 'lit';
import type { AcademyStatus } from '../../connection/index.js';

/** Words for the connection states; every widget's `strings` can override them. */
export const statusStrings = {
  connecting: 'Connecting…',
  offline: 'Offline: showing the last known state',
  offlineEmpty: 'Offline',
  error: 'Cannot reach the academy',
  errorWithRows: 'Cannot reach the academy: showing the last known state',
  queued: (count: number) => `${count} waiting to be sent`,
  notConnected: 'Not connected: add <lta-academy server="…" database="…"> to this page',
};

export type StatusStrings = typeof statusStrings;

/**
 * The small line a widget shows while it is not live: nothing when live, otherwise the state in words (the
 * cached rows stay visible above or below it), or how to connect when the page configures no academy
 * (`notConfigured`). Uses `role="status"` so a change is announced politely.
 */
export function statusNote(
  status: AcademyStatus | undefined,
  text: StatusStrings,
  hasRows: boolean,
  notConfigured = false,
): TemplateResult | typeof nothing {
  if (notConfigured)
    return html`<p part="status" class="status-note" data-state="not-configured" role="status">${text.notConnected}</p>`;
  if (!status) return nothing;
  const words =
    status.state === 'live'
      ? ''
      : status.state === 'connecting'
        ? text.connecting
        : status.state === 'offline'
          ? hasRows
            ? text.offline
            : text.offlineEmpty
          : hasRows
            ? text.errorWithRows
            : text.error;
  const queued = status.queuedWrites > 0 ? text.queued(status.queuedWrites) : '';
  const line = [words, queued].filter(Boolean).join(' · ');
  if (!line) return nothing;
  return html`<p part="status" class="status-note" data-state=${status.state} role="status">${line}</p>`;
}
