/**
 * The widget kit: what every social widget is built from besides its own template. The card it is drawn in
 * (`widgetStyles`), the line that says when the academy is not live (`statusNote`), the one way to call a
 * reducer with pending and error state (`ReducerController`), a part loaded on first use (`LazyPart`), a button
 * that shows which view is on (`toggleButton`), and the element's words (`LocalizeController`, with
 * `setPageStrings` to reword an element on the whole page). See README.md in `src/components/`.
 */
export { LazyPart } from './lazy-part.js';
export { LocalizeController, setPageStrings, type StringsOf } from './localize.js';
export { ReducerController } from './reducer-controller.js';
export { statusNote, statusStrings, type StatusStrings } from './status-note.js';
export { toggleButton } from './toggle-button.js';
export { widgetStyles } from './widget.styles.js';
