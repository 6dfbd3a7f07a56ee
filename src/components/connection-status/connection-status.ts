import { css, html, type PropertyDeclarations } from 'lit';
import { AcademyElement } from '../../connection/index.js';
import { LocalizeController } from '../kit/index.js';

const defaultStrings = {
  connecting: 'Connecting…',
  live: 'Live',
  offline: 'Offline',
  error: 'Cannot reach the academy',
};

/**
 * The page's connection to the academy, as a small dot and a word: connecting, live, offline or error. Widgets
 * already show when they are not live; put this element where a page wants one global indicator.
 *
 * @csspart base - The indicator.
 * @csspart dot - The coloured dot.
 * @cssprop [--lta-color-success] - Dot when live.
 * @cssprop [--lta-color-warning] - Dot when offline.
 *
 * @tagname lta-connection-status
 */
export class ConnectionStatus extends AcademyElement {
  static override styles = [
    ...AcademyElement.styles,
    css`
      :host {
        display: inline-block;
        font-size: 0.85em;
        background: var(--_bg);
        border-radius: var(--_radius);
        padding: 0.1em 0.5em;
      }
      .dot {
        display: inline-block;
        width: 0.6em;
        height: 0.6em;
        margin-inline-end: 0.35em;
        border-radius: 50%;
        background: var(--_muted);
      }
      [data-state='live'] .dot {
        background: var(--_success);
      }
      [data-state='offline'] .dot {
        background: var(--_warning);
      }
      [data-state='error'] .dot {
        background: var(--_danger);
      }
    `,
  ];

  static override properties: PropertyDeclarations = {
    strings: { attribute: false },
  };

  /** Words for each state, to translate or reword: only the keys given change (page-wide: `setPageStrings`). */
  strings: Partial<typeof defaultStrings> = {};

  #words = new LocalizeController(this, defaultStrings);

  override render() {
    const state = this.status?.state ?? 'connecting';
    const text = this.#words.text;
    return html`<span part="base" role="status" data-state=${state} title=${this.status?.message ?? ''}
      ><span part="dot" class="dot"></span>${text[state]}</span
    >`;
  }
}
