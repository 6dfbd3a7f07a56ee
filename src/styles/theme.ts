import { css, unsafeCSS } from 'lit';

/** Each design token: the public custom property a page may set, its light value and its dark value. */
const tokens = {
  bg: ['--lta-color-background', '#ffffff', '#16181d'],
  surface: ['--lta-color-surface', '#f4f5f7', '#20232a'],
  text: ['--lta-color-text', '#1b1e23', '#e8eaef'],
  muted: ['--lta-color-text-muted', '#5b6270', '#a3a9b5'],
  border: ['--lta-color-border', '#d6d9df', '#3a3f4a'],
  accent: ['--lta-color-accent', '#2f6fde', '#7aa7ff'],
  'on-accent': ['--lta-color-on-accent', '#ffffff', '#0d1117'],
  success: ['--lta-color-success', '#1f7a3f', '#5fd38d'],
  warning: ['--lta-color-warning', '#8a5a00', '#f0b54a'],
  danger: ['--lta-color-danger', '#b3261e', '#ff8a80'],
  focus: ['--lta-color-focus', '#2f6fde', '#7aa7ff'],
} as const;

const palette = (scheme: 1 | 2) =>
  unsafeCSS(
    Object.entries(tokens)
      .map(([name, values]) => `--_${name}: var(${values[0]}, ${values[scheme]});`)
      .join('\n') + `color-scheme: ${scheme === 1 ? 'light' : 'dark'};`,
  );

/**
 * Design tokens shared by every element. Each private `--_*` token reads a public `--lta-*` custom property
 * first, so a course page themes every widget at once from its own stylesheet. Dark applies with
 * `theme="dark"`, or with `prefers-color-scheme: dark` unless `theme="light"` is set.
 */
export const themeStyles = css`
  :host {
    ${palette(1)}
    --_font: var(--lta-font-family, system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif);
    --_mono: var(--lta-font-family-mono, ui-monospace, 'DejaVu Sans Mono', Menlo, Consolas, monospace);
    --_radius: var(--lta-radius, 8px);
    --_space: var(--lta-space, 8px);
    font-family: var(--_font);
    color: var(--_text);
  }
  :host([theme='dark']) {
    ${palette(2)}
  }
  @media (prefers-color-scheme: dark) {
    :host(:not([theme='light'])) {
      ${palette(2)}
    }
  }
  :host([hidden]) {
    display: none !important;
  }
  :focus-visible {
    outline: 2px solid var(--_focus);
    outline-offset: 2px;
  }
  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    margin: -1px;
    padding: 0;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
    border: 0;
  }
  @media (prefers-reduced-motion: reduce) {
    * {
      animation-duration: 0.01ms !important;
      transition-duration: 0.01ms !important;
    }
  }
`;
