/**
 * Everything heavy `<lta-terminal>` needs, in one module the element imports dynamically: xterm and its stylesheet,
 * the shell (which loads just-bash on its own), the lab session with its loader, checks and saving, and the check
 * engine. A page without a terminal never downloads any of it.
 */
export { Terminal } from '@xterm/xterm';
export { FitAddon } from '@xterm/addon-fit';
export { xtermStyles } from './xterm.styles.js';
export { createShell, tryScripts } from '@lta/shell';
export { checkLab, startingFiles, startingMachine } from '@lta/labs';
export { TerminalSession } from './terminal-session.js';
export { LabSession } from './lab-session.js';
export { loadLab } from './lab-source.js';
export { labStateCodec } from './lab-state-codec.js';
export { publishedLab } from './published-lab.js';
export { LtaLabPanel } from './lab-panel/lab-panel.js';
