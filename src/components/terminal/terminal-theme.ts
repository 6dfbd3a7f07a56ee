import type { ITheme } from '@xterm/xterm';

/** ANSI colours readable on a light background (xterm's defaults are made for dark ones). */
const LIGHT_ANSI: ITheme = {
  black: '#1b1e23',
  red: '#b3261e',
  green: '#1f7a3f',
  yellow: '#8a5a00',
  blue: '#2f5fbf',
  magenta: '#8e3a9d',
  cyan: '#0e6f80',
  white: '#6b7280',
  brightBlack: '#4b5563',
  brightRed: '#c92a2a',
  brightGreen: '#1a7f37',
  brightYellow: '#9a6700',
  brightBlue: '#1d4ed8',
  brightMagenta: '#a21caf',
  brightCyan: '#0f766e',
  brightWhite: '#374151',
};

/**
 * xterm's colours from the element's CSS custom properties (the `--lta-terminal-*` ones, else the shared theme
 * tokens), so the terminal follows the page's theme, `theme="dark"` and `prefers-color-scheme`.
 */
export function terminalTheme(element: Element): ITheme {
  const style = getComputedStyle(element);
  const token = (name: string) => style.getPropertyValue(name).trim() || undefined;
  const colours: ITheme = {
    background: token('--_term-bg'),
    foreground: token('--_term-fg'),
    cursor: token('--_term-cursor'),
    cursorAccent: token('--_term-bg'),
    selectionBackground: token('--_term-selection'),
  };
  return style.colorScheme === 'light' ? { ...LIGHT_ANSI, ...colours } : colours;
}
