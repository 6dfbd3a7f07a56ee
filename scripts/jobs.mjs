// Running commands side by side: at most `parallel` at once, each one's output kept apart and printed whole when it
// ends (so logs of simultaneous commands never interleave), each one started once the jobs it needs have ended.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

/**
 * Runs a command in the repository root; resolves with its exit code, its output (stdout and stderr in the order
 * written) and how long it took. Never rejects: a command that cannot start ends with code 1.
 */
export function run(command, args, env = {}) {
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn(command, args, {
      cwd: root,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let text = '';
    child.stdout.on('data', (chunk) => (text += chunk));
    child.stderr.on('data', (chunk) => (text += chunk));
    const done = (code) => resolve({ code, text, seconds: (Date.now() - started) / 1000 });
    child.on('close', (code, signal) => done(code ?? (signal ? 1 : 0)));
    child.on('error', (error) => {
      text += String(error);
      done(1);
    });
  });
}

/**
 * Runs `jobs` ({ name, needs?: names, run: () => Promise }) with at most `parallel` running at once, each as soon as
 * every job it needs has ended (passed or not). Resolves when all have ended. Every `heartbeatSeconds` it prints
 * which jobs are running and for how long, so a long quiet step does not look like a hang.
 */
export async function runJobs(jobs, parallel, heartbeatSeconds = 60) {
  const started = new Map();
  const heartbeat = setInterval(() => {
    const now = Date.now();
    const running = [...started].map(([name, at]) => `${name} (${Math.round((now - at) / 60_000)} min)`);
    console.log(`... still running: ${running.join(', ')}`);
  }, heartbeatSeconds * 1000);
  const names = new Set(jobs.map((job) => job.name));
  // A job needs only what is being run (`npm test -- node` runs the Node tests on the build that is there).
  const ready = (job) => (job.needs ?? []).every((name) => ended.has(name) || !names.has(name));
  const ended = new Set();
  const waiting = [...jobs];
  let running = 0;
  await new Promise((allDone) => {
    const next = () => {
      if (waiting.length === 0 && running === 0) return allDone();
      for (let i = 0; i < waiting.length && running < parallel;) {
        const job = waiting[i];
        if (!ready(job)) {
          i++;
          continue;
        }
        waiting.splice(i, 1);
        running++;
        started.set(job.name, Date.now());
        job.run().finally(() => {
          running--;
          started.delete(job.name);
          ended.add(job.name);
          next();
        });
      }
    };
    next();
  });
  clearInterval(heartbeat);
}
