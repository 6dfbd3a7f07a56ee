/**
 * The tool's own RS256 key pair: it signs deep-linking responses and service-token assertions (private_key_jwt),
 * and platforms fetch its public half from `/lti/jwks` (LTI Security Framework §6: RSA keys published as a JWKS).
 * RS256 because every LMS accepts it; it is kept in the data directory so platforms' cached keys stay valid.
 */
import {
  calculateJwkThumbprint,
  exportJWK,
  exportPKCS8,
  generateKeyPair,
  importPKCS8,
  type CryptoKey,
  type JWK,
} from 'jose';
import type { LtiFiles } from './lti-files.js';

export interface ToolKeys {
  privateKey: CryptoKey;
  kid: string;
  /** The public key set platforms verify the tool's JWTs with. */
  jwks: { keys: JWK[] };
}

const FILE = 'tool-key.pem';

export async function loadOrCreateToolKeys(files: LtiFiles): Promise<ToolKeys> {
  const saved = await files.read(FILE);
  let privateKey: CryptoKey;
  if (saved === undefined) {
    privateKey = (await generateKeyPair('RS256', { extractable: true, modulusLength: 2048 })).privateKey;
    await files.write(FILE, await exportPKCS8(privateKey), 0o600);
  } else {
    privateKey = await importPKCS8(saved, 'RS256', { extractable: true });
  }
  const { kty, n, e } = await exportJWK(privateKey);
  const publicJwk: JWK = { kty: kty!, n: n!, e: e! };
  const kid = await calculateJwkThumbprint(publicJwk);
  return {
    privateKey,
    kid,
    jwks: { keys: [{ ...publicJwk, kid, alg: 'RS256', use: 'sig' }] },
  };
}
