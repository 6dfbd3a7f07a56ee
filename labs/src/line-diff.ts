/**
 * A unified diff between what a file holds and what a step wants, shown under a failed content check so that a
 * learner sees which lines are missing (`-`) or extra (`+`), as `diff -u wanted yours` prints them.
 */

/** Past this many lines on either side the diff is not computed (its cost grows with the product of both). */
const MAX_DIFF_LINES = 400;
/** Diff lines shown at most; the rest is summarised. */
const MAX_SHOWN = 40;

function linesOf(text: string): string[] {
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/**
 * `diff -u` style lines from `wanted` to `actual` (every line, no hunk headers: lab files are short), or undefined
 * when the texts are too long to compare line by line. Lines the two share start with a space.
 */
export function unifiedDiff(wanted: string, actual: string): string | undefined {
  const a = linesOf(wanted);
  const b = linesOf(actual);
  if (a.length > MAX_DIFF_LINES || b.length > MAX_DIFF_LINES) return undefined;
  // Longest common subsequence lengths of every pair of suffixes.
  const lcs: Uint16Array[] = Array.from({ length: a.length + 1 }, () => new Uint16Array(b.length + 1));
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      lcs[i]![j] = a[i] === b[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
    }
  }
  const out: string[] = ['--- wanted', '+++ yours'];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) {
      out.push(` ${a[i++]}`);
      j++;
    } else if (j < b.length && (i === a.length || lcs[i]![j + 1]! >= lcs[i + 1]![j]!)) {
      out.push(`+${b[j++]}`);
    } else {
      out.push(`-${a[i++]}`);
    }
  }
  if (out.length > MAX_SHOWN + 2)
    return [...out.slice(0, MAX_SHOWN + 2), `... ${out.length - MAX_SHOWN - 2} more lines`].join('\n');
  return out.join('\n');
}

/** "1 line" / "12 lines": how many lines a text has, in words. */
export function lineCount(text: string): string {
  const n = linesOf(text).length;
  return n === 1 ? '1 line' : `${n} lines`;
}
