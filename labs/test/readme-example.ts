import { readFileSync } from 'node:fs';

/** The full example lab of `labs/README.md`, parsed: tests keep the documentation honest. */
export function readmeExampleLab(): Record<string, unknown> {
  const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
  const block = /```json\n([\s\S]*?)\n```/.exec(readme);
  if (!block) throw new Error('labs/README.md has no ```json example');
  return JSON.parse(block[1]!) as Record<string, unknown>;
}
