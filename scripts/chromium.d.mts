/** Types of scripts/chromium.mjs for the TypeScript tests that drive Chromium themselves. */
export function chromiumPath(): string;
export const chromiumFlags: string[];
export function ensureChromium(): string;
