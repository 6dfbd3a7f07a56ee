import { css } from 'lit';

export const leaderboardStyles = css`
  ol {
    list-style: none;
    margin: 0;
    padding: 0;
  }
  li {
    display: grid;
    grid-template-columns: 2.5em 1fr auto;
    gap: 0.5em;
    align-items: baseline;
    padding: 0.25em 0.4em;
    border-radius: calc(var(--_radius) / 2);
  }
  li:nth-child(odd) {
    background: var(--_surface);
  }
  li.own {
    outline: 2px solid var(--_accent);
    outline-offset: -2px;
    font-weight: 600;
  }
  .rank {
    color: var(--_muted);
    font-variant-numeric: tabular-nums;
  }
  .name {
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
  .xp {
    font-variant-numeric: tabular-nums;
  }
  .gap {
    text-align: center;
    color: var(--_muted);
    background: none !important;
    display: block;
  }
`;
