import { LitElement, type PropertyDeclarations } from 'lit';
import { themeStyles } from '../styles/theme.js';

/** Colour scheme of an element: follow the page's `prefers-color-scheme`, or force one. */
export type Theme = 'auto' | 'light' | 'dark';

/**
 * Base class of every `lta-*` element: the shared theme tokens, the `theme` attribute and typed event dispatch.
 *
 * @cssprop [--lta-color-background] - Background of the widget.
 * @cssprop [--lta-color-surface] - Background of cards, rows and inputs.
 * @cssprop [--lta-color-text] - Main text colour.
 * @cssprop [--lta-color-text-muted] - Secondary text colour.
 * @cssprop [--lta-color-border] - Borders and separators.
 * @cssprop [--lta-color-accent] - Buttons, links, highlights.
 * @cssprop [--lta-color-on-accent] - Text on the accent colour.
 * @cssprop [--lta-color-success] - Success states (step done, online).
 * @cssprop [--lta-color-warning] - Warnings (offline, idle).
 * @cssprop [--lta-color-danger] - Errors.
 * @cssprop [--lta-color-focus] - Keyboard focus ring.
 * @cssprop [--lta-font-family] - Text font.
 * @cssprop [--lta-font-family-mono] - Monospace font (terminal, code).
 * @cssprop [--lta-radius] - Corner radius.
 * @cssprop [--lta-space] - Base spacing unit.
 */
export class LtaElement extends LitElement {
  static override styles = [themeStyles];

  // Reactive properties are declared here rather than with decorators: they ship as a short object literal, not
  // decorator calls and Lit's decorator code (0.7 KB gzip less on the social page, bench/size.mjs). Lint keeps it so.
  static override properties: PropertyDeclarations = { theme: { reflect: true } };

  /** Colour scheme: `auto` follows `prefers-color-scheme`; `light` or `dark` force one. */
  theme: Theme = 'auto';

  /** Dispatches an `lta-*` event that bubbles out of shadow roots, so a page can listen anywhere above. */
  protected emit<T>(type: `lta-${string}`, detail: T): boolean {
    return this.dispatchEvent(new CustomEvent<T>(type, { detail, bubbles: true, composed: true, cancelable: true }));
  }
}
