import { css } from 'lit';

export const presenceStyles = css`
  ul {
    list-style: none;
    margin: 0;
    padding: 0;
    display: grid;
    gap: 0.25em;
  }
  li {
    display: flex;
    align-items: baseline;
    gap: 0.45em;
    min-width: 0;
  }
  .dot {
    flex: none;
    width: 0.6em;
    height: 0.6em;
    border-radius: 50%;
    background: var(--lta-presence-online-color, var(--_success));
  }
  .idle .dot {
    background: var(--lta-presence-idle-color, var(--_warning));
  }
  .name {
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
  .where {
    color: var(--_muted);
    font-size: 0.85em;
    white-space: nowrap;
  }
  .count {
    color: var(--_muted);
    font-weight: normal;
  }
`;
