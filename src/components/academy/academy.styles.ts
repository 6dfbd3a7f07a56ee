import { css } from 'lit';

export const academyStyles = css`
  :host(:not([signup-open])) {
    border: none;
    padding: 0;
    background: none;
  }
  form {
    display: grid;
    gap: 0.5em;
    max-width: 28em;
  }
  label {
    display: grid;
    gap: 0.2em;
    font-size: 0.9em;
  }
  .hint {
    font-size: 0.8em;
    color: var(--_muted);
  }
  input[aria-invalid='true'] {
    border-color: var(--_danger);
  }
  .signed-in {
    margin: 0;
    font-size: 0.9em;
    color: var(--_muted);
  }
  .signed-in button {
    margin-inline-start: 0.5em;
  }
`;
