// Where Debian's Chromium lives and how to start it on a closed network, as root, headless.
import { existsSync } from 'node:fs';
import { execFileSync } from 'node:child_process';

/** The browser every test and benchmark uses: $CHROME_PATH or Debian's /usr/bin/chromium. */
export function chromiumPath() {
  return process.env.CHROME_PATH || '/usr/bin/chromium';
}

export const chromiumFlags = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

/**
 * Makes sure Chromium is installed: installs Debian's `chromium` with apt when it is missing,
 * or explains what to do when that is impossible. Never downloads a browser build of its own.
 */
export function ensureChromium() {
  const path = chromiumPath();
  if (existsSync(path)) return path;
  if (process.env.CHROME_PATH) {
    throw new Error(`CHROME_PATH points to ${path}, which does not exist. Unset it to use Debian's chromium.`);
  }
  console.log(`Chromium is missing at ${path}: installing Debian's chromium with apt (about 20 s)...`);
  const asRoot = process.getuid?.() === 0 ? [] : ['sudo', '-n'];
  const run = (args) => {
    const [command, ...rest] = [...asRoot, ...args];
    execFileSync(command, rest, { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  };
  try {
    run(['apt-get', 'update', '-qq']);
    run(['apt-get', 'install', '-y', '-qq', 'chromium']);
  } catch (error) {
    throw new Error(
      `Could not install Chromium with apt (${error.message}). Install Debian's package yourself ` +
        `(apt-get install chromium) or set CHROME_PATH to a Chromium binary, then run the tests again.`,
    );
  }
  if (!existsSync(path)) throw new Error(`apt installed chromium but ${path} is still missing; set CHROME_PATH.`);
  return path;
}
