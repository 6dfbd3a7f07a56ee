/**
 * Linux Terminal Academy: every element, registered. Importing this module (or the CDN's `lta.js`) defines all
 * `lta-*` elements; import `linux-terminal-academy/<element>.js` instead to register just one.
 */
export { LtaElement, type Theme } from './internal/lta-element.js';
export { defineElement } from './internal/define.js';
export { setPageStrings, type StringsOf } from './components/kit/index.js';
export { LtaTerminal } from './terminal.js';
// The social widgets and the page's shared academy connection.
export { Academy } from './academy.js';
export { Chat } from './chat.js';
export { ClassProgress } from './class-progress.js';
export { JoinClass } from './join-class.js';
export { ConnectionStatus } from './connection-status.js';
export { Leaderboard } from './leaderboard.js';
export { Presence } from './presence.js';
export { Profile } from './profile.js';
export {
  configureAcademy,
  setAcademyToken,
  StaticAcademy,
  type AcademySource,
  type AcademyStatus,
  type ConnectionState,
} from './connection/index.js';
/** The module's reducers as the generated bindings name them, for `academy.call(reducers.registerUser, { ... })`. */
export { reducers } from './connection/academy-schema.js';
