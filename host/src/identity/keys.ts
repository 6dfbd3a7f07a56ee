/**
 * The host's token-signing key pair (ES256). It is kept in the data directory so that tokens handed out before a
 * restart still verify after it: a returning client keeps its identity.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { exportPKCS8, exportSPKI, generateKeyPair, importPKCS8, importSPKI, type CryptoKey } from 'jose';

export interface SigningKeys {
  privateKey: CryptoKey;
  publicKey: CryptoKey;
  /** The public key as a PEM file, as `GET /v1/identity/public-key` serves it. */
  publicKeyPem: string;
}

/** Loads `<dataDir>/keys/id_ecdsa(.pub)`, creating the pair on first start. Without a data dir, keys live in memory. */
export async function loadOrCreateSigningKeys(dataDir: string | undefined): Promise<SigningKeys> {
  const dir = dataDir === undefined ? undefined : join(dataDir, 'keys');
  if (dir) {
    const existing = await readPair(dir);
    if (existing) return existing;
  }
  const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true });
  const publicKeyPem = await exportSPKI(publicKey);
  if (dir) {
    await mkdir(dir, { recursive: true });
    await writeFile(join(dir, 'id_ecdsa'), await exportPKCS8(privateKey), { mode: 0o600 });
    await writeFile(join(dir, 'id_ecdsa.pub'), publicKeyPem);
  }
  return { privateKey, publicKey, publicKeyPem };
}

async function readPair(dir: string): Promise<SigningKeys | undefined> {
  let privatePem: string;
  let publicKeyPem: string;
  try {
    privatePem = await readFile(join(dir, 'id_ecdsa'), 'utf8');
    publicKeyPem = await readFile(join(dir, 'id_ecdsa.pub'), 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
  try {
    return {
      privateKey: await importPKCS8(privatePem, 'ES256', { extractable: true }),
      publicKey: await importSPKI(publicKeyPem, 'ES256', { extractable: true }),
      publicKeyPem,
    };
  } catch (err) {
    throw new Error(`the signing keys in ${dir} are not an ES256 key pair: ${(err as Error).message}`);
  }
}
