/**
 * The elements with these ids under `root`, in the order given, typed as a tuple so a test can destructure them.
 * Throws naming the first id that is missing, which is clearer than a later "cannot read properties of null".
 */
export function elementsById<const Ids extends readonly string[]>(
  root: ParentNode,
  ids: Ids,
): { -readonly [K in keyof Ids]: HTMLElement } {
  return ids.map((id) => {
    const element = root.querySelector<HTMLElement>(`#${id}`);
    if (!element) throw new Error(`No element with id "${id}" on the page`);
    return element;
  }) as { -readonly [K in keyof Ids]: HTMLElement };
}
