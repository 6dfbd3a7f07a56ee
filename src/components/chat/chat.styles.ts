import { css } from 'lit';

export const chatStyles = css`
  .messages {
    list-style: none;
    margin: 0;
    padding: 0;
    max-height: var(--lta-chat-height, 24em);
    overflow-y: auto;
    display: grid;
    gap: 0.5em;
    align-content: start;
  }
  .message {
    padding: 0.35em 0.5em;
    border-radius: calc(var(--_radius) / 2);
    border: 1px solid var(--_border);
    overflow-wrap: anywhere;
  }
  .message.own {
    border-inline-start: 3px solid var(--_accent);
  }
  .message.pending {
    opacity: 0.7;
  }
  .meta {
    display: flex;
    gap: 0.5em;
    font-size: 0.8em;
    color: var(--_muted);
    flex-wrap: wrap;
  }
  .author {
    font-weight: 600;
    color: var(--_text);
  }
  .text {
    white-space: pre-wrap;
    margin: 0.15em 0 0;
  }
  .deleted {
    font-style: italic;
    color: var(--_muted);
  }
  .actions {
    display: flex;
    gap: 0.3em;
    margin-top: 0.2em;
  }
  .actions button {
    font-size: 0.75em;
    padding: 0.05em 0.5em;
  }
  a {
    color: var(--_accent);
  }
  .composer {
    display: flex;
    gap: 0.4em;
    margin-top: var(--_space);
    align-items: flex-end;
  }
  .composer textarea {
    flex: 1;
    resize: vertical;
    min-height: 2.4em;
  }
  .inline-form {
    display: flex;
    gap: 0.3em;
    flex-wrap: wrap;
    margin-top: 0.3em;
  }
  .inline-form input,
  .inline-form textarea {
    flex: 1;
    min-width: 8em;
  }
  .older,
  .beginning {
    justify-self: center;
    font-size: 0.85em;
  }
  .beginning {
    color: var(--_muted);
  }
  .conversations {
    display: flex;
    flex-wrap: wrap;
    gap: 0.3em;
    margin-bottom: var(--_space);
  }
  .conversations button[aria-pressed='true'] {
    border-color: var(--_accent);
    font-weight: 600;
  }
  .notice {
    color: var(--_warning);
    margin: 0.3em 0;
  }
`;
