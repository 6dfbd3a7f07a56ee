/**
 * Linux Terminal Academy: every element, registered. Importing this module (or the CDN's `lta.js`) defines all
 * `lta-*` elements; import `linux-terminal-academy/<element>.js` instead to register just one.
 */
export { LtaElement, type Theme } from './internal/lta-element.js';
export { defineElement } from './internal/define.js';
export { LtaTerminal } from './terminal.js';
