import { NETWORK_LIMITS } from '@lta/labs';
import type { LearnerCommand } from '../../commands/command.js';
import { errorText } from '../../filesystem/learner-fs.js';
import type { Talk } from './talk.js';
import type { LocalContext, Network } from './network.js';
import { stableRandom } from './network.js';

/** The key types `ssh-keygen -t` makes, with the names OpenSSH gives them. */
const KEY_TYPES = {
  ed25519: { name: 'ssh-ed25519', file: 'id_ed25519', art: 'ED25519 256' },
  rsa: { name: 'ssh-rsa', file: 'id_rsa', art: 'RSA 3072' },
  ecdsa: { name: 'ecdsa-sha2-nistp256', file: 'id_ecdsa', art: 'ECDSA 256' },
} as const;
type KeyType = keyof typeof KEY_TYPES;

/** Where `ssh` and `ssh-copy-id` look for the learner's keys, in order. */
export const DEFAULT_IDENTITIES = ['id_ed25519', 'id_ecdsa', 'id_rsa'];

/** A public key's wire form (`string type, key bytes`), base64 as in `id_ed25519.pub`. */
function keyBlob(type: KeyType, bytes: Uint8Array): string {
  const name = new TextEncoder().encode(KEY_TYPES[type].name);
  const field = (data: Uint8Array) => [...lengthOf(data.length), ...data];
  return base64(new Uint8Array([...field(name), ...field(bytes)]));
}

function lengthOf(n: number): number[] {
  return [(n >>> 24) & 255, (n >>> 16) & 255, (n >>> 8) & 255, n & 255];
}

function base64(bytes: Uint8Array): string {
  let text = '';
  for (const byte of bytes) text += String.fromCharCode(byte);
  return btoa(text);
}

function randomBytes(length: number): Uint8Array {
  return crypto.getRandomValues(new Uint8Array(length));
}

/** `SHA256:...` of a base64 key blob, as `ssh-keygen -l` prints it. */
export async function fingerprint(blob: string): Promise<string> {
  const bytes = Uint8Array.from(atob(blob), (c) => c.charCodeAt(0));
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
  return `SHA256:${base64(digest).replace(/=+$/, '')}`;
}

/** A host's public key (`ssh-ed25519 AAAA...`), the same every time for the same host. */
export function hostKey(host: string): string {
  const bytes = Uint8Array.from({ length: 32 }, (_, i) => Math.floor(stableRandom(`${host}#${i}`) * 256));
  return `ssh-ed25519 ${keyBlob('ed25519', bytes)}`;
}

/** The picture OpenSSH draws from a fingerprint (the "drunken bishop" walk over a 17x9 board). */
function randomart(digest: Uint8Array, title: string): string {
  const width = 17;
  const height = 9;
  const board = Array.from({ length: height }, () => new Array<number>(width).fill(0));
  let x = 8;
  let y = 4;
  for (const byte of digest) {
    for (let step = 0; step < 4; step++) {
      const bits = (byte >> (step * 2)) & 3;
      x = Math.max(0, Math.min(width - 1, x + (bits & 1 ? 1 : -1)));
      y = Math.max(0, Math.min(height - 1, y + (bits & 2 ? 1 : -1)));
      board[y]![x]!++;
    }
  }
  const symbols = ' .o+=*BOX@%&#/^';
  const rows = board.map((row, r) =>
    row
      .map((count, c) =>
        r === 4 && c === 8 ? 'S' : r === y && c === x ? 'E' : symbols[Math.min(count, symbols.length - 1)],
      )
      .join(''),
  );
  const label = `[${title}]`;
  const top = `+${'-'.repeat(Math.floor((width - label.length) / 2))}${label}`.padEnd(width + 1, '-') + '+';
  return [top, ...rows.map((row) => `|${row}|`), '+----[SHA256]-----+', ''].join('\n');
}

/** The public keys in a text such as `authorized_keys`: each line's type and key, comments left out. */
export function publicKeys(text: string): string[] {
  return text
    .split('\n')
    .map((line) => line.trim().split(/\s+/).slice(0, 2).join(' '))
    .filter((key) => /^(ssh-|ecdsa-)/.test(key));
}

/** The learner's public keys: `~/.ssh/<identity>.pub` for each identity file that exists (or the ones given). */
export async function learnerPublicKeys(
  ctx: LocalContext,
  identities: string[],
): Promise<{ path: string; key: string }[]> {
  const found: { path: string; key: string }[] = [];
  for (const identity of identities) {
    const path = ctx.fs.resolvePath(ctx.cwd, identity.endsWith('.pub') ? identity : `${identity}.pub`);
    try {
      const key = publicKeys(await ctx.fs.readFile(path))[0];
      if (key) found.push({ path, key });
    } catch {
      // A missing identity is skipped, as ssh does.
    }
  }
  return found;
}

/** `ssh-keygen`: makes a key pair, asking where to save it and for a passphrase unless `-f` and `-N` say. */
export function sshKeygenCommand(network: Network): LearnerCommand {
  return {
    name: 'ssh-keygen',
    execute: (args, ctx) => network.talking(ctx, 'ssh-keygen', 1, (talk, local) => keygen(network, args, local, talk)),
  };
}

async function keygen(network: Network, args: string[], ctx: LocalContext, talk: Talk): Promise<number> {
  let type: string = 'rsa';
  let file: string | undefined;
  let passphrase: string | undefined;
  let comment = `learner@${network.hostname}`;
  let quiet = false;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    const value = () => args[++i];
    if (arg === '-t') type = value() ?? '';
    else if (arg === '-f') file = value();
    else if (arg === '-N') passphrase = value() ?? '';
    else if (arg === '-C') comment = value() ?? '';
    else if (arg === '-b') value();
    else if (arg === '-q') quiet = true;
    else {
      talk.say(
        `ssh-keygen: illegal option -- ${arg.replace(/^-+/, '')}\nusage: ssh-keygen [-q] [-a rounds] [-b bits] [-C comment] [-f output_keyfile] [-N new_passphrase] [-t dsa | ecdsa | ed25519 | rsa]\n`,
      );
      return 1;
    }
  }
  if (!(type in KEY_TYPES)) {
    talk.say('unknown key type ' + type + '\n');
    return 1;
  }
  const kind = KEY_TYPES[type as KeyType];
  const home = ctx.env.get('HOME') ?? '/home/learner';
  if (!quiet) talk.print(`Generating public/private ${type} key pair.\n`);
  if (file === undefined) {
    const answer = (await talk.ask(`Enter file in which to save the key (${home}/.ssh/${kind.file}): `)).trim();
    file = answer || `${home}/.ssh/${kind.file}`;
  }
  const path = ctx.fs.resolvePath(ctx.cwd, file.replace(/^~(?=\/|$)/, home));
  const dir = path.slice(0, path.lastIndexOf('/')) || '/';
  if (dir === `${home}/.ssh` && !(await ctx.fs.exists(dir))) {
    await ctx.fs.mkdir(dir);
    await ctx.fs.chmod(dir, 0o700);
    talk.print(`Created directory '${dir}'.\n`);
  }
  if (await ctx.fs.exists(path)) {
    talk.print(`${path} already exists.\n`);
    if (!/^y/i.test(await talk.ask('Overwrite (y/n)? '))) return 1;
  }
  while (passphrase === undefined) {
    const first = await talk.ask('Enter passphrase (empty for no passphrase): ', true);
    const again = await talk.ask('Enter same passphrase again: ', true);
    if (first === again) passphrase = first;
    else talk.print('Passphrases do not match.  Try again.\n');
  }
  const blob = keyBlob(type as KeyType, randomBytes(type === 'rsa' ? 384 : type === 'ecdsa' ? 65 : 32));
  const publicKey = `${kind.name} ${blob}`;
  const secret = base64(randomBytes(type === 'rsa' ? 1800 : 300)).replace(/.{70}/g, '$&\n');
  try {
    await ctx.fs.writeFile(path, `-----BEGIN OPENSSH PRIVATE KEY-----\n${secret}\n-----END OPENSSH PRIVATE KEY-----\n`);
    await ctx.fs.chmod(path, 0o600);
    await ctx.fs.writeFile(`${path}.pub`, `${publicKey} ${comment}\n`);
  } catch (error) {
    talk.say(`Saving key "${path}" failed: ${errorText(error)}\n`);
    return 1;
  }
  network.state.keys = [...network.state.keys.filter((key) => key !== publicKey), publicKey].slice(
    -NETWORK_LIMITS.keys,
  );
  if (quiet) return 0;
  const print = await fingerprint(blob);
  const digest = Uint8Array.from(atob(print.slice(7) + '='.repeat((4 - ((print.length - 7) % 4)) % 4)), (c) =>
    c.charCodeAt(0),
  );
  talk.print(
    `Your identification has been saved in ${path}\nYour public key has been saved in ${path}.pub\nThe key fingerprint is:\n${print} ${comment}\nThe key's randomart image is:\n${randomart(digest, kind.art)}`,
  );
  return 0;
}
