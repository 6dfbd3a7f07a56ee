import { css } from 'lit';

export const classProgressStyles = css`
  .bar {
    display: flex;
    flex-wrap: wrap;
    align-items: baseline;
    justify-content: space-between;
    gap: var(--_space);
    margin-bottom: var(--_space);
  }
  .scroll {
    overflow: auto;
    max-height: var(--lta-class-progress-max-height, 32em);
    border: 1px solid var(--_border);
    border-radius: calc(var(--_radius) / 2);
  }
  table {
    border-collapse: separate;
    border-spacing: 0;
    font-size: 0.9em;
    min-width: 100%;
  }
  th,
  td {
    padding: 0.3em 0.6em;
    text-align: start;
    vertical-align: top;
    border-bottom: 1px solid var(--_border);
    background: var(--_bg);
  }
  tbody tr:nth-child(even) > * {
    background: var(--_surface);
  }
  thead th {
    position: sticky;
    top: 0;
    z-index: 2;
    white-space: nowrap;
  }
  /* The learner column stays in view while scrolling through labs. */
  tbody th,
  thead th:first-child {
    position: sticky;
    inset-inline-start: 0;
    z-index: 1;
  }
  thead th:first-child {
    z-index: 3;
  }
  th button {
    border: none;
    padding: 0;
    color: inherit;
    font-weight: 600;
    text-align: start;
  }
  th button::after {
    content: '';
    display: inline-block;
    width: 1em;
    color: var(--_muted);
  }
  th[aria-sort='ascending'] button::after {
    content: ' ▲';
  }
  th[aria-sort='descending'] button::after {
    content: ' ▼';
  }
  tbody th {
    font-weight: normal;
    max-width: 14em;
  }
  .number {
    text-align: end;
    font-variant-numeric: tabular-nums;
    white-space: nowrap;
  }
  .cell {
    white-space: nowrap;
  }
  .cell .state {
    display: block;
  }
  .cell .state::before {
    display: inline-block;
    width: 1.2em;
  }
  .done .state {
    color: var(--lta-class-progress-done-color, var(--_success));
  }
  .done .state::before {
    content: '✓';
  }
  .in_progress .state {
    color: var(--lta-class-progress-in-progress-color, var(--_warning));
  }
  .in_progress .state::before {
    content: '◐';
  }
  .not_started .state {
    color: var(--_muted);
  }
  .not_started .state::before {
    content: '–';
  }
  .detail {
    display: block;
    font-size: 0.85em;
    color: var(--_muted);
  }
  .notice {
    margin: 0;
  }
  .invite {
    margin: 0 0 var(--_space);
  }
  .invite code {
    font-family: var(--_mono);
    font-size: 1.1em;
    letter-spacing: 0.1em;
    user-select: all;
  }
`;
