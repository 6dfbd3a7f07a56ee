import { css } from 'lit';

export const labPanelStyles = css`
  :host {
    display: block;
    overflow: auto;
    padding: calc(var(--_space) * 2);
    background: var(--_surface);
    border-radius: var(--_radius);
    line-height: 1.5;
    font-size: 0.95rem;
  }
  h2 {
    margin: 0 0 var(--_space);
    font-size: 1.2rem;
  }
  h3 {
    margin: 0;
    font-size: 1rem;
    display: flex;
    gap: var(--_space);
    align-items: baseline;
  }
  .meta {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_space);
    align-items: center;
    margin: 0 0 var(--_space);
    color: var(--_muted);
  }
  .badge {
    border: 1px solid var(--_border);
    border-radius: 999px;
    padding: 0 var(--_space);
    font-size: 0.85em;
  }
  .badge.practice {
    border-color: var(--_warning);
    color: var(--_warning);
  }
  .note {
    margin: 0 0 var(--_space);
    color: var(--_muted);
    font-size: 0.9em;
  }
  .standing {
    font-weight: 600;
    color: var(--_text);
  }
  .muted {
    color: var(--_muted);
  }
  .steps {
    list-style: none;
    padding: 0;
    margin: var(--_space) 0;
    display: grid;
    gap: var(--_space);
  }
  .step {
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    padding: var(--_space);
  }
  .step.current {
    border-color: var(--_accent);
  }
  .step.passed .mark {
    color: var(--_success);
  }
  .mark {
    min-width: 1.5em;
    text-align: center;
    font-weight: bold;
  }
  .checks {
    list-style: none;
    padding: 0;
    margin: var(--_space) 0 0;
  }
  .checks .ok {
    color: var(--_success);
  }
  .reason {
    color: var(--_danger);
  }
  .diff {
    margin: 0.25rem 0 0;
    padding: 0.4rem 0.5rem;
    overflow-x: auto;
    font-size: 0.85em;
    border: 1px solid currentColor;
    border-radius: 4px;
  }
  .diff .wanted {
    color: var(--_danger);
  }
  .diff .yours {
    color: var(--_success);
  }
  .recap {
    margin: 0.25rem 0 0.5rem;
  }
  .done {
    border: 1px solid var(--_success);
    color: var(--_success);
    border-radius: var(--_radius);
    padding: var(--_space);
  }
  .takeaway {
    color: var(--_text);
    border-top: 1px solid var(--_border);
    padding-top: var(--_space);
  }
  .takeaway p {
    margin: calc(var(--_space) / 2) 0 0;
  }
  .hint {
    margin-top: var(--_space);
    padding-left: var(--_space);
    border-left: 3px solid var(--_accent);
  }
  .hint p {
    display: inline;
  }
  button {
    font: inherit;
    color: var(--_text);
    background: var(--_bg);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    padding: calc(var(--_space) / 2) var(--_space);
    cursor: pointer;
    margin-top: var(--_space);
  }
  button.primary {
    background: var(--_accent);
    color: var(--_on-accent);
    border-color: var(--_accent);
  }
  .actions {
    display: flex;
    gap: var(--_space);
  }
  button.snippet {
    margin: 0;
    padding: 0 0.25em;
    border-radius: 4px;
  }
  code,
  pre {
    font-family: var(--_mono);
    font-size: 0.9em;
  }
  .code-block pre {
    background: var(--_bg);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    padding: var(--_space);
    overflow-x: auto;
    margin: var(--_space) 0 0;
  }
  .code-actions {
    display: flex;
    gap: var(--_space);
  }
  a {
    color: var(--_accent);
  }
  .problems {
    color: var(--_text);
    border: 1px solid var(--_danger);
    border-radius: var(--_radius);
    padding: var(--_space);
  }
  .problems h2 {
    color: var(--_danger);
  }
  .problems code {
    white-space: pre-wrap;
    word-break: break-word;
  }
`;
