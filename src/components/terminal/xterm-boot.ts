import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Terminal } from '@xterm/xterm';
import { defineElement } from '../../internal/define.js';
import { KeyboardExit } from './keyboard-exit.js';
import type * as StackModule from './terminal-stack.js';
import { terminalTheme } from './terminal-theme.js';

/** Everything heavy the terminal loads once it is on the page (`terminal-stack.ts`). */
export type Stack = typeof StackModule;

/** xterm open in the element, with the stack it came from. */
export interface Booted {
  stack: Stack;
  terminal: Terminal;
}

/**
 * xterm in `<lta-terminal>`: loads the terminal stack when the element first renders (a page without a terminal
 * never downloads it), opens xterm in the element's shadow root with its stylesheet, fits it to its area, follows
 * the page's colours and the screen reader switch, and lets keyboard users leave (Escape then Tab).
 */
export class XtermBoot implements ReactiveController {
  /** xterm, once it is open. */
  terminal: Terminal | undefined;
  /** Why the stack could not be loaded (the network dropped), once it failed. */
  failure: string | undefined;
  private readonly keyboardExit = new KeyboardExit(() => this.host.requestUpdate());
  private readonly colourScheme = globalThis.matchMedia?.('(prefers-color-scheme: dark)');
  private readonly followColours = () => this.applyTheme();

  constructor(private readonly host: ReactiveControllerHost & HTMLElement) {
    host.addController(this);
  }

  /** Escape was pressed in the terminal: the next Tab leaves it. */
  get leaving(): boolean {
    return this.keyboardExit.leaving;
  }

  /** The terminal's size in character cells, once it is open. */
  get size(): { cols: number; rows: number } | undefined {
    return this.terminal ? { cols: this.terminal.cols, rows: this.terminal.rows } : undefined;
  }

  hostConnected(): void {
    this.colourScheme?.addEventListener('change', this.followColours);
  }

  hostDisconnected(): void {
    this.colourScheme?.removeEventListener('change', this.followColours);
  }

  /**
   * Loads the stack and opens xterm in `area` (inside the element's shadow root, where its stylesheet goes), in
   * screen reader mode or not; what the learner types goes to `input`. Undefined (and `failure` says why) when the
   * stack could not be loaded.
   */
  async boot(area: HTMLElement, screenReader: boolean, input: (data: string) => void): Promise<Booted | undefined> {
    let stack: Stack;
    try {
      stack = await import('./terminal-stack.js');
    } catch (error) {
      this.failure = error instanceof Error ? error.message : String(error);
      this.host.requestUpdate();
      return undefined;
    }
    defineElement('lta-lab-panel', stack.LtaLabPanel);
    const root = area.getRootNode() as ShadowRoot;
    root.adoptedStyleSheets = [...root.adoptedStyleSheets, stack.xtermStyles.styleSheet!];
    const terminal = new stack.Terminal({
      convertEol: true,
      cursorBlink: true,
      scrollback: 5000,
      fontFamily: getComputedStyle(this.host).getPropertyValue('--_mono').trim() || 'monospace',
      fontSize: 14,
      screenReaderMode: screenReader,
      theme: terminalTheme(this.host),
    });
    const fit = new stack.FitAddon();
    terminal.loadAddon(fit);
    terminal.attachCustomKeyEventHandler(this.keyboardExit.handleKey);
    terminal.open(area);
    terminal.textarea?.setAttribute('aria-describedby', 'keyboard-exit');
    terminal.textarea?.addEventListener('blur', () => this.keyboardExit.reset());
    this.terminal = terminal;
    // Fit only to a visible size: hidden (a closed tab or accordion), the fit addon measures nonsense.
    new ResizeObserver(([entry]) => {
      if (entry && entry.contentRect.width > 0 && entry.contentRect.height > 0) fit.fit();
    }).observe(area);
    terminal.onData(input);
    return { stack, terminal };
  }

  /** Takes the colours from the element's theme again (`theme` changed, or the page's colour scheme). */
  applyTheme(): void {
    if (this.terminal) this.terminal.options.theme = terminalTheme(this.host);
  }

  /** Turns xterm's screen reader mode on or off. */
  setScreenReader(on: boolean): void {
    if (this.terminal) this.terminal.options.screenReaderMode = on;
  }

  /** Focuses the terminal; false when it is not open yet. */
  focus(): boolean {
    this.terminal?.focus();
    return this.terminal !== undefined;
  }
}
