/** The custom-elements manifest without private or protected members. */
export function publicManifest<T>(manifest: T): T;
