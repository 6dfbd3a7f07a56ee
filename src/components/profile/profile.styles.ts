import { css } from 'lit';

export const profileStyles = css`
  .head {
    display: flex;
    align-items: center;
    gap: var(--_space);
  }
  .avatar {
    width: 2.5em;
    height: 2.5em;
    border-radius: 50%;
    background: var(--_surface);
    object-fit: cover;
    flex: none;
  }
  .name {
    font-weight: 600;
  }
  .level {
    margin-top: var(--_space);
    display: flex;
    justify-content: space-between;
    font-size: 0.9em;
  }
  .bar {
    height: 0.6em;
    border-radius: 0.3em;
    background: var(--_surface);
    border: 1px solid var(--_border);
    overflow: hidden;
  }
  .fill {
    height: 100%;
    background: var(--lta-profile-bar-color, var(--_accent));
    transition: width 0.4s ease-out;
  }
  dl {
    display: grid;
    grid-template-columns: repeat(3, 1fr);
    gap: var(--_space);
    margin: var(--_space) 0;
    text-align: center;
  }
  dt {
    font-size: 0.75em;
    color: var(--_muted);
  }
  dd {
    margin: 0;
    font-size: 1.2em;
    font-weight: 600;
  }
  ul {
    list-style: none;
    margin: 0;
    padding: 0;
    display: flex;
    flex-wrap: wrap;
    gap: 0.35em;
  }
  li {
    font-size: 0.8em;
    padding: 0.15em 0.6em;
    border-radius: 1em;
    border: 1px solid var(--_border);
    color: var(--_muted);
  }
  li.earned {
    color: var(--_text);
    border-color: var(--_success);
    background: var(--_surface);
  }
  h3 {
    font-size: 0.85em;
    margin: var(--_space) 0 0.3em;
  }
  .badge {
    margin-left: 0.4em;
    padding: 0 0.4em;
    border-radius: 0.6em;
    font-size: 0.75em;
    text-transform: capitalize;
    background: var(--_accent);
    color: var(--_on-accent);
  }
  .edit,
  .edit label {
    display: grid;
    gap: 0.4em;
  }
`;
