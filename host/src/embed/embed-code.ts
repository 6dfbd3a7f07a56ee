/** The copy-paste code that embeds the academy on someone else's page: script tags, or an iframe. */
import { escapeHtml } from '../server/html.js';

/** Where the academy is reached from the pages that embed it. */
export interface AcademySite {
  /** The host's public origin, e.g. `https://academy.example.org`. */
  origin: string;
  database: string;
}

/** Once per script-tag page: the bundle and the one connection every widget on the page shares. */
export function scriptSetupCode(site: AcademySite): string {
  return (
    `<script type="module" src="${site.origin}/lta.js"></script>\n` +
    `<lta-academy server="${site.origin}" database="${site.database}"></lta-academy>`
  );
}

/** An iframe of `/embed/<path>`, with a starting height the frame grows or shrinks from once it reports. */
export function iframeCode(site: AcademySite, path: string, title: string, height: number): string {
  return (
    `<iframe src="${site.origin}/embed/${path}" title="${escapeHtml(title)}" ` +
    `style="width:100%;height:${height}px;border:0" allow="clipboard-write"></iframe>`
  );
}

/** For pages the author controls (not LMS editors): sizes every academy iframe on the page to its content. */
export function autoHeightCode(site: AcademySite): string {
  return `<script src="${site.origin}/embed/auto-height.js" async></script>`;
}
