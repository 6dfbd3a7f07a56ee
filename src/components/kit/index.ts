/**
 * The widget kit: what every social widget is built from besides its own template. The card it is drawn in
 * (`widgetStyles`), the line that says when the academy is not live (`statusNote`), and the one way to call a
 * reducer with pending and error state (`ReducerController`). See README.md in `src/components/`.
 */
export { ReducerController } from './reducer-controller.js';
export { statusNote, statusStrings, type StatusStrings } from './status-note.js';
export { widgetStyles } from './widget.styles.js';
