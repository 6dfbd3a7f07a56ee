import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { compileSafeRegex, MAX_PATTERN_LENGTH } from '../src/regex.js';

const found = (regex: { search(text: string): string }, text: string) => regex.search(text) === 'match';

function safe(pattern: string, flags = '') {
  const compiled = compileSafeRegex(pattern, flags);
  assert.ok(compiled.ok, `expected /${pattern}/${flags} to compile: ${compiled.ok ? '' : compiled.problem}`);
  return compiled.regex;
}

function problem(pattern: string, flags = ''): string {
  const compiled = compileSafeRegex(pattern, flags);
  assert.ok(!compiled.ok, `expected /${pattern}/${flags} to be refused`);
  return compiled.problem;
}

/** Patterns and texts as lab authors write them; each answer must equal JavaScript's own RegExp. */
const SAME_AS_JAVASCRIPT: [pattern: string, flags: string, text: string][] = [
  ['^ERROR', 'm', 'INFO x\nERROR y'],
  ['^ERROR', '', 'INFO x\nERROR y'],
  ['ERROR$', 'm', 'one ERROR\ntwo'],
  ['a.c', '', 'a\nc'],
  ['a.c', 's', 'a\nc'],
  ['colou?r', '', 'the color'],
  [String.raw`\d{3}-\d{4}`, '', 'call 555-1234'],
  [String.raw`\d{3}-\d{4}`, '', 'call 55-1234'],
  [String.raw`\bcat\b`, '', 'concatenate'],
  [String.raw`\bcat\b`, '', 'a cat!'],
  [String.raw`\Bcat`, '', 'concat'],
  ['(ab|cd)+e', '', 'xxcdabe'],
  ['(ab|cd)+e', '', 'xxcdae'],
  ['[^a-z]', '', 'abc'],
  ['[^a-z]', '', 'abC'],
  ['hello', 'i', 'HeLLo world'],
  ['[a-c]x', 'i', 'Bx'],
  ['^$', '', ''],
  ['^a*$', '', 'aaab'],
  ['x{2,3}y', '', 'xxy'],
  ['x{2,3}y', '', 'xy'],
  ['x{2,}y', '', 'xxxxxy'],
  [String.raw`\.txt$`, '', 'notes.txt'],
  [String.raw`\.txt$`, '', 'notestxt'],
  ['(?:a|b)*c$', 'm', 'ab\nabc'],
  [String.raw`\w+@\w+\.com`, '', 'mail bob@example.com now'],
  [String.raw`\s+$`, '', 'trailing  '],
  [String.raw`[\d.]+`, '', 'v1.2'],
  [String.raw`[\w-]+\.conf`, '', 'my-app.conf'],
  [String.raw`chmod\s+(u\+x|755|\+x)\s`, '', 'chmod +x run.sh'],
  [String.raw`^\s*1\s+DSC_1001\.jpg$`, 'm', '     1\tDSC_1001.jpg\n     2\tDSC_1002.jpg'],
  [String.raw`\x41\u0042`, '', 'zAB'],
  [String.raw`a\tb`, '', 'a\tb'],
  [String.raw`[\]]`, '', 'x]'],
  ['a|', '', 'zzz'],
  ['()*x', '', 'x'],
  ['(a*)*b', '', 'aaab'],
];

describe('safe regex', () => {
  it('answers like JavaScript RegExp on lab-style patterns', () => {
    for (const [pattern, flags, text] of SAME_AS_JAVASCRIPT) {
      assert.equal(
        found(safe(pattern, flags), text),
        new RegExp(pattern, flags).test(text),
        `/${pattern}/${flags} on ${JSON.stringify(text)}`,
      );
    }
  });

  it('refuses what cannot be matched in linear time, saying why', () => {
    assert.match(problem(String.raw`(a)\1`), /backreferences/);
    assert.match(problem('(?=a)b'), /lookahead/);
    assert.match(problem('(?<name>a)'), /named groups/);
    assert.match(problem('x'.repeat(MAX_PATTERN_LENGTH + 1)), /longer than 200/);
    assert.match(problem('(a|b|c|d|e|f|g|h|i){60}'), /too complex/);
    assert.match(problem('a', 'g'), /flag "g"/);
  });

  it('refuses malformed patterns with a clear problem instead of throwing', () => {
    assert.match(problem('(a'), /missing "\)"/);
    assert.match(problem('a)'), /unmatched "\)"/);
    assert.match(problem('[a'), /missing "\]"/);
    assert.match(problem('*a'), /nothing to repeat/);
    assert.match(problem('a{5,2}'), /out of order/);
    assert.match(problem('a{1000}'), /at most 100/);
    assert.match(problem(String.raw`\q`), /unknown escape/);
    assert.match(problem('[z-a]'), /out of order/);
    assert.match(problem('a\\'), /lone/);
  });

  it('answers patterns that make backtracking engines explode', () => {
    // With RegExp these take longer than any test timeout; here they are answered at once.
    const input = 'a'.repeat(20_000) + '!';
    assert.equal(safe('(a+)+$').search(input), 'no match');
    assert.equal(safe('^(a|aa)*$').search(input), 'no match');
    assert.equal(safe('.*a.*a.*a.*b').search('a'.repeat(20_000)), 'no match');
    assert.equal(safe('(a+)+!$').search(input), 'match');
  });

  it('gives up with "too costly" past the step budget instead of running on', () => {
    // About 270 states all alive at every character of 64 KiB: far past the budget of 4 million steps.
    const heavy = safe('[a-z]{0,30}[a-z]{0,30}[a-z]{0,30}[a-z]{0,30}b');
    assert.equal(heavy.search('a'.repeat(64 * 1024)), 'too costly');
    assert.equal(heavy.search('a'.repeat(100) + 'b'), 'match', 'the same pattern on a short text is answered');
  });
});
