/**
 * The page's one shared academy connection and what widgets build on it. See README.md in this folder.
 */
export { AcademyConnection, academyKey, type AcademyConfig, type ConnectionOptions } from './academy-connection.js';
export { AcademyElement } from './academy-element.js';
export { academyContext, answerAcademyRequests } from './context.js';
export { configureAcademy, onPageAcademy, pageAcademy, setAcademyToken } from './page-academy.js';
export { StaticAcademy, type StaticAcademyInit } from './static-academy.js';
export { TableController } from './table-controller.js';
export {
  ConnectionLostError,
  OfflineError,
  type AcademySource,
  type AcademyStatus,
  type ConnectionState,
  type RowQuery,
  type RowsSnapshot,
  type WriteOptions,
} from './types.js';
