import { css } from 'lit';

/** The card every social widget is drawn in, its heading, buttons, inputs and status line. */
export const widgetStyles = css`
  :host {
    display: block;
    box-sizing: border-box;
    background: var(--_bg);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    padding: calc(var(--_space) * 1.5);
    line-height: 1.4;
  }
  h2 {
    margin: 0 0 var(--_space);
    font-size: 1em;
  }
  button {
    font: inherit;
    color: var(--_accent);
    background: none;
    border: 1px solid var(--_border);
    border-radius: calc(var(--_radius) / 2);
    padding: 0.2em 0.7em;
    cursor: pointer;
  }
  button.primary {
    background: var(--_accent);
    color: var(--_on-accent);
    border-color: var(--_accent);
  }
  .toggle {
    display: flex;
    flex-wrap: wrap;
    gap: 0.3em;
    margin-bottom: var(--_space);
  }
  .toggle button[aria-pressed='true'] {
    background: var(--_accent);
    color: var(--_on-accent);
    border-color: var(--_accent);
  }
  button:disabled {
    opacity: 0.6;
    cursor: default;
  }
  input,
  textarea {
    font: inherit;
    color: var(--_text);
    background: var(--_surface);
    border: 1px solid var(--_border);
    border-radius: calc(var(--_radius) / 2);
    padding: 0.35em 0.5em;
  }
  .error {
    color: var(--_danger);
    margin: 0.3em 0;
  }
  .muted,
  .empty,
  .handle {
    color: var(--_muted);
  }
  .handle {
    font-weight: normal;
    font-size: 0.85em;
  }
  .badge {
    font-size: 0.75em;
    font-weight: normal;
    color: var(--_accent);
    border: 1px solid;
    border-radius: 1em;
    padding: 0 0.4em;
    text-transform: capitalize;
  }
  .status-note {
    margin: 0;
    font-size: 0.8em;
    color: var(--_muted);
  }
  .status-note:empty {
    display: none;
  }
  .status-note[data-state='offline']::before,
  .status-note[data-state='error']::before,
  .status-note[data-state='connecting']::before {
    content: '';
    display: inline-block;
    width: 0.6em;
    height: 0.6em;
    margin-inline-end: 0.4em;
    border-radius: 50%;
    background: var(--_warning);
  }
  .status-note[data-state='error']::before {
    background: var(--_danger);
  }
  .status-note[data-state='connecting']::before {
    background: var(--_muted);
  }
`;
