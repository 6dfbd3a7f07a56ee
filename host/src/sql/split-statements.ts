/**
 * Splits a `/sql` body into its statements at each `;` outside 'string literals' and "quoted names" (where a
 * doubled quote stands for one), so `INSERT ... VALUES ('a;b')` stays one statement. Empty statements are dropped.
 */
export function splitStatements(text: string): string[] {
  const statements: string[] = [];
  let quote: string | null = null;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quote !== null) {
      if (c === quote) quote = null;
    } else if (c === "'" || c === '"') {
      quote = c;
    } else if (c === ';') {
      statements.push(text.slice(start, i));
      start = i + 1;
    }
  }
  statements.push(text.slice(start));
  return statements.map((s) => s.trim()).filter((s) => s !== '');
}
