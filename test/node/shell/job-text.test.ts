import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createShell } from '@lta/shell';

/**
 * Typed lines and the job text GNU bash 5 shows for them in `jobs` (each checked with `bash -ic 'LINE
 * jobs'`): words as typed, one space between them, `2> f` spaced and `2>&1` not.
 */
const CASES: [typed: string, shown: string][] = [
  ['sleep 100 &', 'sleep 100 &'],
  ['sleep   100&', 'sleep 100 &'],
  ['sleep 100 | cat > /dev/null &', 'sleep 100 | cat > /dev/null &'],
  ['echo "hi  there" > out.txt &', 'echo "hi  there" > out.txt &'],
  [`echo 'a b' $HOME "$USER" \${X:-y} &`, `echo 'a b' $HOME "$USER" \${X:-y} &`],
  ['cd /tmp && sleep 3 &', 'cd /tmp && sleep 3 &'],
  ['x=1 sleep 2 2>/dev/null &', 'x=1 sleep 2 2> /dev/null &'],
  ['sleep $(echo 1) &', 'sleep $(echo 1) &'],
  ['sleep 1; sleep 2 &', 'sleep 2 &'],
  ['(sleep 2) &', '( sleep 2 ) &'],
  ['{ sleep 2; } &', '{ sleep 2; } &'],
  ['sleep 2 || echo no &', 'sleep 2 || echo no &'],
  ['find / -name "*.txt" 2>&1 >> log &', 'find / -name "*.txt" 2>&1 >> log &'],
  ['sleep 5 < /dev/null &', 'sleep 5 < /dev/null &'],
  ['echo a\\ b ~/x *.txt &', 'echo a\\ b ~/x *.txt &'],
  ['nohup sleep 60 &', 'nohup sleep 60 &'],
  ['sleep $((1+2)) &', 'sleep $((1+2)) &'],
  ['! sleep 1 &', 'sleep 1 &'],
  ['cat <<< hi &', 'cat <<< hi &'],
  ['echo `date` &', 'echo `date` &'],
  ['sleep 1 &> /dev/null &', 'sleep 1 &> /dev/null &'],
  ['sleep 1 2>&1 | grep x &', 'sleep 1 2>&1 | grep x &'],
  ['echo "a $(date) b" &', 'echo "a $(date) b" &'],
];

for (const [typed, shown] of CASES) {
  test(`jobs shows \`${typed}\` as bash does: ${shown}`, async () => {
    const shell = await createShell();
    // A job with no `sleep` is over at once: its `Done` (or `Exit N`) line, as bash's, leaves the `&` out.
    const output = (await shell.run(typed)).output + (await shell.run('jobs')).output;
    const line = /^\[1\][+-]? +(Running|Done|Exit \d+) +(.*)$/m.exec(output);
    assert.ok(line, `a job line in: ${JSON.stringify(output)}`);
    assert.equal(line[2], line[1] === 'Running' ? shown : shown.replace(/ &$/, ''));
  });
}
