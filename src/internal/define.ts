/**
 * Registers a custom element once. A page may load our bundle twice (a CDN tag and an npm build, or two
 * versions); the second registration must be a no-op instead of the `NotSupportedError` the platform throws.
 */
export function defineElement(name: string, element: CustomElementConstructor): void {
  if (!customElements.get(name)) customElements.define(name, element);
}
