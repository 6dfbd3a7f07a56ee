import assert from 'node:assert/strict';
import { test } from 'node:test';
import { evaluateCheck, startingMachine, validateLab, type Check } from '@lta/labs';
import { createShell, type ShellClock } from '@lta/shell';

/** A clock that moves only when the shell sleeps or the test says so. */
function testClock(): ShellClock & { advance(seconds: number): void } {
  let now = Date.UTC(2026, 11, 6, 17, 0, 0);
  return {
    now: () => now,
    sleep: async (ms) => void (now += ms),
    advance: (seconds) => void (now += seconds * 1000),
  };
}

const DAEMONS = startingMachine({
  processes: [
    { command: '/bin/bash /home/learner/backup.sh', user: 'learner', cpu: 99, memory: 12 },
    { command: '/usr/bin/report-gen --daily', user: 'learner', ignores: ['TERM'] },
    { command: '/usr/sbin/sshd -D' },
  ],
});

const check = (kind: string, fields: Record<string, unknown>) =>
  ({ kind, message: 'm', ...fields }) as unknown as Check;

test('a background job runs beside the prompt until its time is up, then bash reports it Done at the next prompt', async () => {
  const clock = testClock();
  const shell = await createShell({ clock });
  const started = await shell.run('sleep 300 &');
  assert.match(started.stderr, /^\[1\] \d+\n$/);
  const pid = started.stderr.match(/\d+\n$/)![0].trim();
  assert.equal((await shell.run('echo $!')).stdout, `${pid}\n`);
  assert.equal((await shell.run('jobs')).stdout, '[1]+  Running                 sleep 300 &\n');
  assert.equal((await shell.run('jobs -l')).stdout, `[1]+ ${pid} Running                 sleep 300 &\n`);
  clock.advance(301);
  assert.equal((await shell.run('echo hi')).output, 'hi\n[1]+  Done                    sleep 300\n');
  assert.equal((await shell.run('jobs')).output, '');
});

test('kill, kill -9, -STOP and -CONT change a job as bash reports it; bad targets fail with its messages', async () => {
  const shell = await createShell({ clock: testClock() });
  await shell.run('sleep 300 &');
  await shell.run('sleep 200 &');
  assert.equal((await shell.run('kill -STOP %1')).output, '[1]+  Stopped                 sleep 300\n');
  assert.equal(
    (await shell.run('jobs')).stdout,
    '[1]+  Stopped                 sleep 300\n[2]-  Running                 sleep 200 &\n',
  );
  assert.equal((await shell.run('kill %2')).output, '[2]-  Terminated              sleep 200\n');
  assert.equal((await shell.run('bg')).output, '[1]+ sleep 300 &\n');
  assert.equal((await shell.run('kill -9 %1')).output, '[1]+  Killed                  sleep 300\n');
  const missing = await shell.run('kill %3');
  assert.deepEqual([missing.output, missing.exitCode], ['bash: kill: %3: no such job\n', 1]);
  assert.equal((await shell.run('kill 31999')).output, 'bash: kill: (31999) - No such process\n');
  assert.equal((await shell.run('kill -STOP')).exitCode, 2);
  assert.equal((await shell.run('false &')).output.split('\n')[1], '[1]+  Exit 1                  false');
});

test('fg waits for the job in simulated time and gives its status; Ctrl-C ends it with 130', async () => {
  const shell = await createShell({ clock: testClock() });
  await shell.run('sleep 30 &');
  const fg = await shell.run('fg');
  assert.deepEqual([fg.output, fg.exitCode], ['sleep 30\n', 0]);
  assert.equal((await shell.run('fg')).output, 'bash: fg: current: no such job\n');

  let now = 0;
  const stuck: ShellClock = {
    now: () => now,
    sleep: (ms, signal) =>
      new Promise((resolve) => (signal ? signal.addEventListener('abort', () => resolve()) : ((now += ms), resolve()))),
  };
  const waiting = await createShell({ clock: stuck });
  await waiting.run('sleep 300 &');
  const controller = new AbortController();
  const interrupted = waiting.run('fg', { signal: controller.signal });
  setTimeout(() => controller.abort(), 20);
  assert.equal((await interrupted).exitCode, 130);
  assert.equal((await waiting.run('jobs')).output, '');
});

test('a sleep the line stops waiting for ends with the line: no timer left behind (nohup sleep 600, Ctrl-C, timeout)', async () => {
  // A clock whose sleeps end only when cancelled: the ones still pending after a line are timers it left behind.
  const pending = new Set<object>();
  const clock: ShellClock = {
    now: () => Date.UTC(2026, 11, 6, 17, 0, 0),
    sleep: (_ms, signal) =>
      new Promise<void>((resolve) => {
        const sleep = {};
        pending.add(sleep);
        signal?.addEventListener('abort', () => {
          pending.delete(sleep);
          resolve();
        });
      }),
  };
  const shell = await createShell({ clock, limits: { maxRunMs: 600 } });
  // lab proc-nohup-nice without the `&`: the line's time runs out.
  assert.equal((await shell.run('nohup sleep 600')).exitCode, 124);
  assert.equal(pending.size, 0, 'the foreground sleep the time budget cut short');
  assert.equal((await shell.run('timeout 0.1 sleep 600; echo $?')).stdout, '124\n');
  assert.equal(pending.size, 0, 'the sleep timeout(1) stopped');
  const controller = new AbortController();
  const interrupted = shell.run('sleep 600', { signal: controller.signal });
  setTimeout(() => controller.abort(), 20);
  assert.equal((await interrupted).exitCode, 130);
  assert.equal(pending.size, 0, 'the sleep Ctrl-C stopped');
  await shell.run('nohup sleep 600 &');
  for (const command of ['wait', 'fg']) {
    const waited = await shell.run(command);
    assert.match(waited.stderr, /still running when this terminal's time for one command line ran out/);
    assert.equal(pending.size, 0, `the sleep of ${command}, which the time budget cut short`);
  }
});

test('ps, pgrep and top show the declared daemons with figures that follow the clock', async () => {
  const clock = testClock();
  const shell = await createShell({ clock, machine: DAEMONS });
  const aux = (await shell.run('ps aux')).stdout.split('\n');
  assert.equal(aux[0], 'USER       PID %CPU %MEM    VSZ   RSS TTY      STAT START   TIME COMMAND');
  assert.match(
    aux.find((line) => line.includes('backup.sh'))!,
    /^learner {4}400 99\.0 +0\.3 +\d+ 12288 \? {8}R {4}15:30 {2}89:06 \/bin\/bash \/home\/learner\/backup\.sh$/,
  );
  clock.advance(60);
  assert.match(
    (await shell.run('ps -o pid,time,comm -p 400')).stdout,
    /^ {2}PID {5}TIME COMMAND\n {2}400 01:30:05 backup.sh\n$/,
  );
  assert.equal((await shell.run('ps')).stdout.split('\n')[0], '  PID TTY          TIME CMD');
  assert.doesNotMatch((await shell.run('ps')).stdout, /backup/, 'plain ps shows only the terminal’s processes');
  assert.equal((await shell.run('pgrep -l report')).stdout, '401 report-gen\n');
  assert.equal((await shell.run('ps -eo pid,comm --sort=-%cpu')).stdout.split('\n')[1], '  400 backup.sh');
  const top = (await shell.run('top -b -n 1')).stdout.split('\n');
  assert.match(top[0]!, /^top - 17:01:00 up {2}1:3\d, {2}1 user, {2}load average: 0\.99, 0\.99, 0\.99$/);
  assert.match(top[7]!, /^ {2}400 learner {3}20 {3}0 +\d+ {2}12288 +\d+ R {2}99\.0 +0\.3 +90:05\.\d\d backup\.sh$/);
});

test('signals reach the table the checks read: TERM ignored by a hung process, KILL ends it, root’s are refused', async () => {
  const shell = await createShell({ clock: testClock(), machine: DAEMONS });
  const state = () => shell.snapshot().machine?.processes;
  assert.equal(evaluateCheck(check('process-running', { name: 'backup.sh' }), shell.snapshot()).passed, true);
  await shell.run('kill 401');
  assert.equal(
    evaluateCheck(check('process-absent', { name: 'report-gen' }), shell.snapshot()).passed,
    false,
    'report-gen ignores TERM',
  );
  await shell.run('kill -9 401');
  assert.equal(
    evaluateCheck(check('process-absent', { name: 'report-gen' }), {
      ...shell.snapshot(),
      machine: { processes: state() },
    }).passed,
    true,
  );
  const refused = await shell.run('pkill sshd');
  assert.deepEqual([refused.output, refused.exitCode], ['pkill: killing pid 402 failed: Operation not permitted\n', 3]);
  assert.equal(evaluateCheck(check('process-running', { name: 'sshd', user: 'root' }), shell.snapshot()).passed, true);
  await shell.run('renice -n 10 -p 400');
  assert.equal(evaluateCheck(check('process-nice', { name: 'backup.sh', atLeast: 10 }), shell.snapshot()).passed, true);
  const lower = await shell.run('renice -n 0 -p 400');
  assert.equal(lower.output, 'renice: failed to set priority for 400 (process ID): Permission denied\n');
  await shell.run('kill -STOP 400');
  assert.equal(evaluateCheck(check('process-stopped', { command: 'backup\\.sh' }), shell.snapshot()).passed, true);
  assert.equal(evaluateCheck(check('process-running', { name: 'backup.sh' }), shell.snapshot()).passed, false);
});

test('nohup writes nohup.out, nice starts a job with its niceness, and job-count counts the learner’s jobs', async () => {
  const shell = await createShell({ clock: testClock() });
  const nohup = await shell.run('nohup echo saved &');
  assert.match(nohup.output, /^\[1\] \d+\nnohup: ignoring input and appending output to 'nohup.out'\n/);
  assert.equal((await shell.run('cat nohup.out')).stdout, 'saved\n');
  assert.equal((await shell.run('nohup echo kept > out.log; cat out.log')).output, 'nohup: ignoring input\nkept\n');
  await shell.run('nice -n 10 sleep 100 &');
  assert.match((await shell.run('ps -o ni,comm')).stdout, /\n 10 sleep\n/);
  assert.equal(evaluateCheck(check('job-count', { count: 1 }), shell.snapshot()).passed, true);
  assert.equal((await shell.run('nice')).stdout, '0\n');
});

test('the lab format validates a process declaration with JSON paths', () => {
  const lab = {
    formatVersion: 1,
    id: 'proc-bad',
    title: 'T',
    module: 'processes',
    xp: 10,
    difficulty: 'beginner',
    story: 's',
    machine: { processes: [{ command: '', nice: 40, ignores: ['KILL'], pid: 1000 }] },
    steps: [
      {
        title: 't',
        instructions: 'i',
        hints: ['a', 'b'],
        checks: [
          { kind: 'process-running', message: 'm' },
          { kind: 'job-count', message: 'm', count: -1 },
        ],
      },
    ],
  };
  const result = validateLab(lab);
  const problems = result.ok ? '' : result.problems.join('\n');
  for (const expected of [
    'machine.processes[0].command: must not be empty',
    'machine.processes[0].nice: must be an integer from -20 to 19',
    'machine.processes[0].ignores: must be a list of signals',
    'machine.processes[0].pid: must be an integer from 2 to 32767',
    'steps[0].checks[0]: must name the processes',
    'steps[0].checks[1].count: must be an integer from 0 to 100',
  ]) {
    assert.ok(problems.includes(expected), `${expected}\nin\n${problems}`);
  }
});

test('top on the terminal: a frame every 3 s from the table, M sorts by memory, k sends a signal, 1 splits the CPUs, q quits', async () => {
  const clock = testClock();
  const shell = await createShell({ clock, machine: DAEMONS });
  const screens: string[][] = [];
  const result = await shell.run('top', {
    fullScreen: async (program) => {
      const look = () =>
        screens.push(program.screen({ rows: 14, cols: 90 }).lines.map((line) => line.map((s) => s.text).join('')));
      const press = async (keys: string) => {
        await program.input(keys);
        look();
      };
      look();
      assert.equal(program.tickEvery, 3000);
      clock.advance(3);
      look();
      program.tick!();
      look();
      await press('M');
      await press('k');
      await press('401\r');
      await press('9\r');
      await press('k402\r\r');
      await press('1');
      await press('h');
      // In the help, q goes back to the processes; there, it quits.
      await press('q');
      await program.input('q');
      assert.equal(program.done, true);
    },
  });
  const [opened, waiting, ticked, byMemory, askPid, askSignal, killed, refused, perCpu, help, back] = screens;
  assert.match(opened![0]!, /^top - 17:00:00 up /);
  assert.equal(opened![6]!.trimEnd(), '  PID USER      PR  NI    VIRT    RES    SHR S  %CPU  %MEM     TIME+ COMMAND');
  assert.match(opened![7]!, /^ {2}400 learner .* backup\.sh$/);
  // The screen keeps its frame until the next tick.
  assert.match(waiting![0]!, /^top - 17:00:00 up /);
  assert.match(ticked![0]!, /^top - 17:00:03 up /);
  const resident = (screen: string[]) =>
    screen
      .slice(7)
      .filter((line) => line.trim())
      .map((line) => Number(line.trim().split(/\s+/)[5]));
  const memory = resident(byMemory!);
  assert.deepEqual(
    memory,
    [...memory].sort((a, b) => b - a),
  );
  assert.notDeepEqual(resident(ticked!), memory);
  assert.equal(askPid![5], `PID to signal/kill [default pid = ${byMemory![7]!.trim().split(/\s+/)[0]}] `);
  assert.equal(askSignal![5], 'Send pid 401 signal [15/sigterm] ');
  assert.doesNotMatch(killed!.join('\n'), /report-gen/);
  assert.equal(refused![5], "Failed signal pid '402' with '15': Operation not permitted");
  assert.match(perCpu![2]!, /^%Cpu0 {2}: /);
  assert.match(perCpu![3]!, /^%Cpu1 {2}: /);
  assert.equal(help![0], 'Help for Interactive Commands - procps-ng 3.3.17');
  assert.match(back![0]!, /^top - /);
  assert.deepEqual([result.output, result.exitCode], ['', 0]);
  assert.equal((await shell.run('ps -p 401')).exitCode, 1);
  // Into a pipe, top prints its batch screen.
  assert.match(
    (await shell.run('top | head -1', { fullScreen: async () => assert.fail('no screen') })).stdout,
    /^top - /,
  );
});
