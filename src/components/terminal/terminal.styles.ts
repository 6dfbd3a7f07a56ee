import { css } from 'lit';

export const terminalStyles = css`
  :host {
    display: block;
    container-type: inline-size;
    --_term-bg: var(--lta-terminal-background, var(--_bg));
    --_term-fg: var(--lta-terminal-foreground, var(--_text));
    --_term-cursor: var(--lta-terminal-cursor, var(--_accent));
    --_term-selection: var(--lta-terminal-selection, color-mix(in srgb, var(--_accent) 35%, transparent));
  }
  .layout {
    display: grid;
    gap: var(--_space);
    grid-template-columns: 1fr;
  }
  .layout.with-panel {
    grid-template-columns: minmax(16rem, 2fr) 3fr;
  }
  :host([layout='stacked']) .layout.with-panel {
    grid-template-columns: 1fr;
  }
  @container (max-width: 720px) {
    .layout.with-panel {
      grid-template-columns: 1fr;
    }
  }
  lta-lab-panel {
    max-height: calc(var(--lta-terminal-height, 24rem) + 3rem);
  }
  :host([layout='stacked']) lta-lab-panel {
    max-height: none;
  }
  .console {
    display: flex;
    flex-direction: column;
    min-width: 0;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_term-bg);
    overflow: hidden;
  }
  .toolbar {
    display: flex;
    justify-content: space-between;
    align-items: center;
    gap: var(--_space);
    padding: calc(var(--_space) / 2) var(--_space);
    border-bottom: 1px solid var(--_border);
    background: var(--_surface);
    font-size: 0.85rem;
    color: var(--_muted);
  }
  .toolbar button {
    font: inherit;
    color: var(--_text);
    background: var(--_bg);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    padding: 2px var(--_space);
    cursor: pointer;
  }
  .toolbar button[aria-pressed='true'] {
    background: var(--_accent);
    color: var(--_on-accent);
  }
  .xterm-host {
    height: var(--lta-terminal-height, 24rem);
    padding: var(--_space);
    box-sizing: border-box;
  }
  .xterm-host .xterm {
    height: 100%;
  }
  .keyboard-exit:not(.visually-hidden) {
    margin: 0;
    padding: calc(var(--_space) / 2) var(--_space);
    border-top: 1px solid var(--_border);
    background: var(--_surface);
    color: var(--_text);
    font-size: 0.85rem;
  }
`;
